package io.onramp.labs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Command line: validates a labs folder and prints every problem, one per line.
 *
 * <pre>
 * java -cp onramp-labs.jar:$(cat labs.cp) io.onramp.labs.LabValidatorMain [content/labs]
 * </pre>
 *
 * Exit status 0 without problems, 1 with problems, 2 for a usage error.
 */
public final class LabValidatorMain {

    private LabValidatorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length > 1 || args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.err.println("usage: LabValidatorMain [labs-folder]   (default: " + LabCatalog.DIR_PROPERTY
                    + ", $" + LabCatalog.DIR_ENV + ", or content/labs above the working directory)");
            return 2;
        }
        Path dir = args.length == 1 ? Path.of(args[0]) : LabCatalog.defaultDirectory().orElse(null);
        if (dir == null || !Files.isDirectory(dir)) {
            System.err.println("no labs folder " + (dir == null ? "found" : dir));
            return 2;
        }
        LabCatalog catalog = LabCatalog.load(dir);
        List<LabProblem> problems = new LabValidator().validate(catalog);
        for (LabProblem p : problems) {
            System.out.println(p);
        }
        int tasks = catalog.labs().stream().mapToInt(l -> l.tasks().size()).sum();
        int checks = catalog.labs().stream().mapToInt(Lab::checkCount).sum();
        System.out.println(catalog.labs().size() + " labs accepted, " + tasks + " tasks, " + checks + " checks; "
                + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in " + dir);
        return problems.isEmpty() ? 0 : 1;
    }
}
