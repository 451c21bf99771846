package io.onramp.labs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads and checks a lab's CodeTour tours (content/README.md section 10.1): file names, JSON, the official schema,
 * and Onramp's rules (ordered titles, primary first tour, titled steps, files/lines/directories that exist in the
 * workspace part of the lab folder, {@code >> onramp-check} commands naming this lab and its tasks, kubectl commands
 * that never name a namespace).
 */
public final class TourReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILE_NAME = Pattern.compile("^\\.tours/(\\d{2})-([a-z0-9-]+)\\.tour$");
    private static final Pattern COMMAND = Pattern.compile("(?m)^\\s*>>\\s*(.+?)\\s*$");
    private static final Pattern ONRAMP_CHECK = Pattern.compile("^onramp-check(?:\\s+(\\S+))?(?:\\s+(\\S+))?\\s*(.*)$");
    private static final Pattern NAMESPACE_FLAG =
            Pattern.compile("(^|\\s)(-n|--namespace|-A|--all-namespaces)(\\s|=|$)|(^|\\s)-n\\S");

    private TourReader() {
    }

    /**
     * The tours of a lab, in file name order, with problems added to {@code problems}. {@code taskIds} (every task
     * id the manifest declares) are used to check {@code onramp-check} commands.
     */
    public static List<Tour> read(LabFolder folder, String labId, Set<String> taskIds, List<LabProblem> problems) {
        List<String> files = folder.files().keySet().stream().filter(f -> f.startsWith(LabFolder.TOURS_DIR)).sorted()
                .toList();
        List<Tour> tours = new ArrayList<>();
        int position = 0;
        for (String file : files) {
            Matcher m = FILE_NAME.matcher(file);
            if (!m.matches()) {
                problems.add(LabProblem.lab(labId, file, "tour files must be named .tours/NN-name.tour with NN two "
                        + "digits and name [a-z0-9-]+"));
                continue;
            }
            position++;
            Tour tour = read(folder, labId, file, folder.files().get(file), position, taskIds, problems);
            if (tour != null) {
                tours.add(tour);
            }
        }
        if (position == 0) {
            problems.add(LabProblem.lab(labId, LabFolder.TOURS_DIR, "the lab has no tour (.tours/NN-name.tour)"));
        }
        return tours;
    }

    /** Reads one tour file of a lab; null (problems added) when it is not valid. */
    static Tour read(LabFolder folder, String labId, String file, String content, int position,
            Set<String> taskIds, List<LabProblem> problems) {
        int before = problems.size();
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(LabProblem.lab(labId, file, "not valid JSON: " + e.getOriginalMessage()));
            return null;
        }
        for (String violation : CodeTourSchema.validate(root)) {
            problems.add(LabProblem.lab(labId, file, "CodeTour schema: " + violation));
        }
        if (problems.size() > before) {
            return null;
        }
        String title = root.get("title").asText();
        if (!root.path("$schema").asText().equals(CodeTourSchema.SCHEMA_URL)) {
            problems.add(LabProblem.lab(labId, file, "\"$schema\" must be \"" + CodeTourSchema.SCHEMA_URL + "\""));
        }
        if (!title.startsWith(position + " - ")) {
            problems.add(LabProblem.lab(labId, file, "title must start with \"" + position + " - \" (tour "
                    + position + " in file order), not \"" + title + "\""));
        }
        boolean primary = root.path("isPrimary").asBoolean(false);
        if (position == 1 && !primary) {
            problems.add(LabProblem.lab(labId, file, "the first tour must have \"isPrimary\": true"));
        }
        if (position > 1 && primary) {
            problems.add(LabProblem.lab(labId, file, "only the first tour may be primary"));
        }
        List<TourStep> steps = new ArrayList<>();
        int n = 0;
        for (JsonNode s : root.get("steps")) {
            n++;
            String where = "step " + n;
            String stepTitle = text(s, "title");
            String description = text(s, "description");
            String stepFile = text(s, "file");
            String directory = text(s, "directory");
            Integer line = s.has("line") ? s.get("line").asInt() : null;
            if (stepTitle == null || stepTitle.isBlank()) {
                problems.add(LabProblem.lab(labId, file, where + " has no title"));
            }
            if (description == null || description.isBlank()) {
                problems.add(LabProblem.lab(labId, file, where + " has an empty description"));
            }
            if (stepFile != null) {
                checkTarget(folder, labId, file, where, stepFile, false, problems);
                if (folder.hasFile(stepFile) && line != null) {
                    String[] lines = folder.files().get(stepFile).split("\n", -1);
                    if (s.get("line").isIntegralNumber() == false || line < 1 || line > lines.length) {
                        problems.add(LabProblem.lab(labId, file, where + " points to line " + s.get("line")
                                + " of " + stepFile + ", which has " + lines.length + " lines"));
                    } else if (lines[line - 1].isBlank()) {
                        problems.add(LabProblem.lab(labId, file, where + " points to line " + line + " of "
                                + stepFile + ", which is empty"));
                    }
                }
            }
            if (directory != null) {
                checkTarget(folder, labId, file, where, directory, true, problems);
            }
            if (description != null) {
                checkCommands(labId, file, where, description, taskIds, problems);
            }
            steps.add(new TourStep(stepTitle, description, stepFile, directory, line, text(s, "pattern"),
                    text(s, "uri")));
        }
        if (problems.size() > before) {
            return null;
        }
        String name = file.substring(LabFolder.TOURS_DIR.length(), file.length() - ".tour".length());
        return new Tour(file, name, title, primary, steps, content);
    }

    private static void checkTarget(LabFolder folder, String labId, String file, String where, String target,
            boolean directory, List<LabProblem> problems) {
        String normalized = target.startsWith("./") ? target.substring(2) : target;
        if (normalized.startsWith("/") || normalized.contains("..")) {
            problems.add(LabProblem.lab(labId, file, where + " points outside the lab folder: " + target));
            return;
        }
        if (normalized.equals("solution") || normalized.startsWith(LabFolder.SOLUTION_DIR)) {
            problems.add(LabProblem.lab(labId, file, where + " points into solution/, which may be withheld: "
                    + target));
            return;
        }
        if (!directory && normalized.equals(LabFolder.LAB_YAML)) {
            problems.add(LabProblem.lab(labId, file, where + " points to lab.yaml, which is not placed in the "
                    + "workspace (its expected values are the answers)"));
            return;
        }
        boolean exists = directory ? folder.hasDirectory(normalized) : folder.hasFile(normalized);
        if (!exists) {
            problems.add(LabProblem.lab(labId, file, where + " points to the missing " + (directory ? "directory "
                    : "file ") + target));
        }
    }

    private static void checkCommands(String labId, String file, String where, String description,
            Set<String> taskIds, List<LabProblem> problems) {
        Matcher m = COMMAND.matcher(description);
        while (m.find()) {
            String command = m.group(1);
            if (command.startsWith("onramp-check")) {
                Matcher c = ONRAMP_CHECK.matcher(command);
                if (!c.matches() || c.group(1) == null || c.group(2) == null || !c.group(3).isEmpty()) {
                    problems.add(LabProblem.lab(labId, file, where + ": '" + command
                            + "' must be 'onramp-check <lab-id> <task-id>'"));
                } else if (!c.group(1).equals(labId)) {
                    problems.add(LabProblem.lab(labId, file, where + ": '" + command + "' names lab " + c.group(1)
                            + ", not this lab " + labId));
                } else if (!taskIds.contains(c.group(2))) {
                    problems.add(LabProblem.lab(labId, file, where + ": '" + command + "' names the unknown task "
                            + c.group(2)));
                }
            } else if (command.startsWith("kubectl")) {
                if (NAMESPACE_FLAG.matcher(command).find()) {
                    problems.add(LabProblem.lab(labId, file, where + ": '" + command + "' names a namespace; "
                            + "the workspace's kubeconfig already points at the learner's namespace"));
                }
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * Parses any tour file (not necessarily an Onramp lab's) against the official schema only.
     *
     * @throws IllegalArgumentException with the violations when it is not valid
     */
    public static Tour parse(String file, String content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (Exception e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        List<String> violations = CodeTourSchema.validate(root);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(file + " violates the CodeTour schema: " + violations);
        }
        List<TourStep> steps = new ArrayList<>();
        for (JsonNode s : root.get("steps")) {
            steps.add(new TourStep(text(s, "title"), text(s, "description"), text(s, "file"), text(s, "directory"),
                    s.has("line") ? s.get("line").asInt() : null, text(s, "pattern"), text(s, "uri")));
        }
        String base = file.contains("/") ? file.substring(file.lastIndexOf('/') + 1) : file;
        String name = base.endsWith(".tour") ? base.substring(0, base.length() - 5) : base;
        return new Tour(file, name, root.get("title").asText(), root.path("isPrimary").asBoolean(false), steps,
                content);
    }
}
