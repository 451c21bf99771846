package io.onramp.vms;

/**
 * YAML double-quoted scalars that carry any string safely into cloud-init's YAML (PyYAML, YAML 1.1) and any other
 * YAML parser: the result is printable ASCII only, so no value can end the scalar, start a new line, key or
 * document ({@code ---}), or smuggle in a line separator (NEL, U+2028/U+2029) or a byte order mark.
 */
final class YamlScalars {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private YamlScalars() {
    }

    /** {@code value} as a double-quoted scalar; lone surrogates become U+FFFD. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length();) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp >= 0x20 && cp <= 0x7E) {
                        out.append((char) cp);
                    } else if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                        out.append("\\uFFFD");
                    } else if (cp <= 0xFFFF) {
                        out.append("\\u");
                        hex(out, cp, 4);
                    } else {
                        out.append("\\U");
                        hex(out, cp, 8);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void hex(StringBuilder out, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(value >>> shift) & 0xF]);
        }
    }
}
