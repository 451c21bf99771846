package io.onramp.labs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The task text format of content/README.md section 8, and removal of its solution block for exam mode. */
public final class TaskMarkdown {

    public static final String SOLUTION_START = "<details><summary>Solution</summary>";
    public static final String SOLUTION_END = "</details>";
    private static final Pattern KUBECTL_NAMESPACE =
            Pattern.compile("kubectl\\b[^\\n`]*?(\\s(-n|--namespace)(\\s|=)|\\s-n[a-z0-9]|\\s(-A|--all-namespaces)\\b)");

    private TaskMarkdown() {
    }

    /** The text without its solution block (and without the blank lines before it). */
    public static String withoutSolution(String markdown) {
        String[] lines = markdown.split("\n", -1);
        int start = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals(SOLUTION_START)) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return markdown;
        }
        int end = lines.length - 1;
        for (int i = start; i < lines.length; i++) {
            if (lines[i].equals(SOLUTION_END)) {
                end = i;
                break;
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (i < start || i > end) {
                out.add(lines[i]);
            }
        }
        String joined = String.join("\n", out);
        return joined.replaceAll("\n{3,}", "\n\n");
    }

    /** The solution block's content (between its opening and closing lines), trimmed; empty when there is none. */
    public static String solution(String markdown) {
        String[] lines = markdown.split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (String line : lines) {
            if (line.equals(SOLUTION_START)) {
                inside = true;
            } else if (inside && line.equals(SOLUTION_END)) {
                break;
            } else if (inside) {
                out.append(line).append('\n');
            }
        }
        return out.toString().strip();
    }

    /** Problems with the shape of a task text (section 8); {@code position} is 1-based. */
    public static List<String> problems(String markdown, int position, String labId, String taskId) {
        List<String> out = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        if (lines.length == 0 || !lines[0].startsWith("# Task " + position + ": ")) {
            out.add("the first line must be '# Task " + position + ": <title>'");
        }
        boolean goal = false;
        int starts = 0;
        int ends = 0;
        int lastStart = -1;
        int lastEnd = -1;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.equals("## Goal")) {
                goal = true;
            }
            if (l.equals(SOLUTION_START)) {
                starts++;
                lastStart = i;
            }
            if (l.equals(SOLUTION_END)) {
                ends++;
                lastEnd = i;
            }
        }
        if (!goal) {
            out.add("there is no '## Goal' section");
        }
        if (!markdown.contains("onramp-check " + labId + " " + taskId)) {
            out.add("it does not tell the learner to run 'onramp-check " + labId + " " + taskId + "'");
        }
        if (starts != 1 || ends != 1) {
            out.add("it must have exactly one solution block from a line '" + SOLUTION_START + "' to a line '"
                    + SOLUTION_END + "' (found " + starts + " start and " + ends + " end lines)");
        } else {
            boolean trailing = true;
            for (int i = lastEnd + 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    trailing = false;
                }
            }
            if (lastEnd < lastStart || !trailing) {
                out.add("the solution block must come last");
            }
        }
        var m = KUBECTL_NAMESPACE.matcher(markdown);
        if (m.find()) {
            out.add("a kubectl command names a namespace ('" + m.group().trim() + "'); the workspace's kubeconfig "
                    + "already points at the learner's namespace");
        }
        return out;
    }
}
