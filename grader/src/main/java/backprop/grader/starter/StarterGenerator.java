package backprop.grader.starter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates the student starter from the solutions, the way otter-grader and nbgrader do: every
 * method body part between {@code // BEGIN SOLUTION} and {@code // END SOLUTION} becomes a TODO that
 * throws {@code NotImplementedYet}; everything else (interfaces, helpers, Javadoc) is copied, so it
 * is written once.
 *
 * <p>Depends on nothing but the JDK, so it also runs straight from source:
 * <pre>java grader/src/main/java/backprop/grader/starter/StarterGenerator.java generate solutions assignments</pre>
 * {@code check} instead of {@code generate} reports the files that are out of date and exits with 1.
 */
public final class StarterGenerator {
    static final String BEGIN = "// BEGIN SOLUTION";
    static final String END = "// END SOLUTION";
    static final String HEADER = "// Generated from solutions/ by StarterGenerator: instructors edit the solution and regenerate.";
    private static final String SOURCES = "src/main/java";
    /**
     * Fingerprint of every solution file when the starter was last generated, kept in the solutions
     * module (never shipped to students): a solution body changes nothing in the starter, but an
     * instructor who edits one and forgets to regenerate is still told.
     */
    static final String FINGERPRINT = "starter.fingerprint";
    private static final Pattern METHOD = Pattern.compile("^\\s*(?:(?:public|protected|private|static|final|default|synchronized)\\s+)*"
            + "(?:<[^>]+>\\s+)?[\\w.<>\\[\\], ?]+\\s+(\\w+)\\s*\\(");

    private static final Pattern STATEMENT = Pattern.compile("^\\s*(?:if|for|while|switch|catch|return|throw|new|else|do|try|synchronized)\\b");

    private StarterGenerator() {
    }

    /** The starter version of one solution file. */
    public static String toStarter(String solutionSource, String fileName) {
        String className = fileName.endsWith(".java") ? fileName.substring(0, fileName.length() - 5) : fileName;
        String[] lines = solutionSource.split("\n", -1);
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        String method = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = METHOD.matcher(line);
            if (m.find() && !line.trim().endsWith(";") && !STATEMENT.matcher(line).find()) {
                method = m.group(1);
            }
            if (line.trim().equals(BEGIN)) {
                if (method == null) {
                    throw new IllegalArgumentException(fileName + ":" + (i + 1) + ": " + BEGIN + " outside a method");
                }
                String indent = line.substring(0, line.indexOf('/'));
                int end = i + 1;
                while (end < lines.length && !lines[end].trim().equals(END)) {
                    if (lines[end].trim().equals(BEGIN)) {
                        throw new IllegalArgumentException(fileName + ":" + (end + 1) + ": nested " + BEGIN);
                    }
                    end++;
                }
                if (end == lines.length) {
                    throw new IllegalArgumentException(fileName + ":" + (i + 1) + ": " + BEGIN + " without " + END);
                }
                int next = end + 1;
                while (next < lines.length && (lines[next].isBlank() || lines[next].trim().startsWith("//"))) {
                    next++;
                }
                if (next >= lines.length || !lines[next].trim().equals("}")) {
                    throw new IllegalArgumentException(fileName + ":" + (end + 1) + ": " + END
                            + " must be the last line of the method body (the stub throws, so nothing may follow)");
                }
                out.append(indent).append("// TODO: implement ").append(className).append('.').append(method)
                        .append(" (see the Javadoc above).\n");
                out.append(indent).append("throw new NotImplementedYet(\"").append(className).append('.').append(method)
                        .append("\");\n");
                i = end;
                continue;
            }
            if (line.trim().equals(END)) {
                throw new IllegalArgumentException(fileName + ":" + (i + 1) + ": " + END + " without " + BEGIN);
            }
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Expected starter files (relative path → content) for the solutions module at {@code solutionsModule}. */
    public static Map<String, String> expectedStarter(Path solutionsModule) {
        Path root = solutionsModule.resolve(SOURCES);
        Map<String, String> files = new TreeMap<>();
        for (Path file : javaFiles(root)) {
            String rel = root.relativize(file).toString().replace('\\', '/');
            files.put(rel, toStarter(read(file), file.getFileName().toString()));
        }
        return files;
    }

    /** Writes the starter into {@code assignmentsModule}/src/main/java, deleting stale files. */
    public static List<String> generate(Path solutionsModule, Path assignmentsModule) {
        Map<String, String> expected = expectedStarter(solutionsModule);
        Path root = assignmentsModule.resolve(SOURCES);
        List<String> changed = outOfSync(solutionsModule, assignmentsModule);
        try {
            Files.writeString(solutionsModule.resolve(FINGERPRINT), fingerprint(solutionsModule) + "\n", StandardCharsets.UTF_8);
            for (Path stale : javaFiles(root)) {
                if (!expected.containsKey(root.relativize(stale).toString().replace('\\', '/'))) {
                    Files.delete(stale);
                }
            }
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Path target = root.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return changed;
    }

    /** The starter files that differ from what the solutions generate, are missing, or are stale. */
    public static List<String> outOfSync(Path solutionsModule, Path assignmentsModule) {
        Map<String, String> expected = expectedStarter(solutionsModule);
        Path root = assignmentsModule.resolve(SOURCES);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path actual = root.resolve(e.getKey());
            if (!Files.exists(actual)) {
                problems.add(e.getKey() + " (missing)");
            } else if (!read(actual).equals(e.getValue())) {
                problems.add(e.getKey() + " (differs)");
            }
        }
        for (Path file : javaFiles(root)) {
            String rel = root.relativize(file).toString().replace('\\', '/');
            if (!expected.containsKey(rel)) {
                problems.add(rel + " (stale: no such solution file)");
            }
        }
        Path recorded = solutionsModule.resolve(FINGERPRINT);
        if (!Files.exists(recorded) || !read(recorded).strip().equals(fingerprint(solutionsModule))) {
            problems.add(FINGERPRINT + " (the solutions changed since the starter was last generated)");
        }
        return problems;
    }

    /** SHA-256 over every solution file's path and text, in path order. */
    static String fingerprint(Path solutionsModule) {
        Path root = solutionsModule.resolve(SOURCES);
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (Path file : javaFiles(root)) {
                sha.update((root.relativize(file).toString().replace('\\', '/') + "\0" + read(file) + "\0")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return "sha256 " + java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code generate|check <solutions module> <assignments module>}. */
    public static void main(String[] args) {
        if (args.length != 3 || !(args[0].equals("generate") || args[0].equals("check"))) {
            System.err.println("usage: StarterGenerator generate|check <solutions module dir> <assignments module dir>");
            System.exit(2);
        }
        Path solutions = Path.of(args[1]);
        Path assignments = Path.of(args[2]);
        if (args[0].equals("generate")) {
            List<String> changed = generate(solutions, assignments);
            System.out.println(changed.isEmpty() ? "starter already up to date" : "regenerated: " + String.join(", ", changed));
        } else {
            List<String> problems = outOfSync(solutions, assignments);
            if (problems.isEmpty()) {
                System.out.println("starter is in sync with the solutions");
            } else {
                System.err.println("starter is out of sync with the solutions; run scripts/generate-starter.sh:");
                problems.forEach(p -> System.err.println("  " + p));
                System.exit(1);
            }
        }
    }
}
