package io.onramp.vms;

/** POSIX shell quoting for values written into files the VM's scripts {@code source}. */
final class ShellWords {

    private ShellWords() {
    }

    /**
     * {@code value} as one single-quoted shell word: nothing inside is expanded ({@code $}, backticks, globs,
     * newlines are literal); {@code '} becomes {@code '\''}. NUL, which no shell string can hold, is dropped.
     */
    static String quote(String value) {
        return "'" + value.replace("\0", "").replace("'", "'\\''") + "'";
    }

    /** One {@code NAME='value'} line of an environment file. */
    static String assignment(String name, String value) {
        if (!name.matches("[A-Z_][A-Z0-9_]*")) {
            throw new IllegalArgumentException("not a variable name: " + name);
        }
        return name + "=" + quote(value == null ? "" : value) + "\n";
    }
}
