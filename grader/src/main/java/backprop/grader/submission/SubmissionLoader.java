package backprop.grader.submission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a submission (a directory in Maven layout, flat {@code .java} files, or a {@code .zip} of
 * either) and matches its files to the starter's classes by package declaration and file name,
 * whatever the folders. Given files (no TODO in the starter) are always taken from the starter, so a
 * change to them cannot affect the grade.
 */
public final class SubmissionLoader {
    private static final long MAX_FILE_BYTES = 1_000_000;
    private static final long MAX_ZIP_BYTES = 20_000_000;
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.\\s]+?)\\s*;");

    private final StarterSources starter;

    public SubmissionLoader(StarterSources starter) {
        this.starter = starter;
    }

    /** Thrown when the submission cannot be read at all; the message names the path. */
    public static final class UnreadableSubmissionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableSubmissionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Submission load(Path path) {
        if (!Files.exists(path)) {
            throw new UnreadableSubmissionException("submission not found: " + path, null);
        }
        Path named = path.toAbsolutePath().normalize(); // "grade ." is named after the folder, not "."
        String id = named.getFileName() == null ? named.toString() : named.getFileName().toString();
        if (id.endsWith(".zip")) {
            id = id.substring(0, id.length() - 4);
        }
        Map<String, String> found = new LinkedHashMap<>(); // relative path -> text
        List<String> notes = new ArrayList<>();
        try {
            if (Files.isDirectory(path)) {
                readDirectory(path, found, notes);
            } else if (path.toString().toLowerCase().endsWith(".zip")) {
                readZip(path, found, notes);
            } else if (path.toString().endsWith(".java")) {
                addFile(path.getFileName().toString(), Files.readAllBytes(path), found, notes);
            } else {
                throw new UnreadableSubmissionException("not a directory, .zip or .java file: " + path, null);
            }
        } catch (IOException e) {
            throw new UnreadableSubmissionException("cannot read submission " + path + ": " + e.getMessage(), e);
        }
        return match(id, found, notes);
    }

    private void readDirectory(Path root, Map<String, String> found, List<String> notes) throws IOException {
        try (Stream<Path> zips = Files.walk(root)) {
            zips.filter(p -> p.toString().toLowerCase().endsWith(".zip")).limit(3).forEach(z -> notes.add(
                    root.relativize(z) + " is a zip inside the submission folder and was not opened: submit the .java files,"
                            + " or the zip itself"));
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !isIgnoredPath(root.relativize(p).toString().replace('\\', '/')))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
            for (Path p : files) {
                if (Files.size(p) > MAX_FILE_BYTES) {
                    notes.add(root.relativize(p) + " is larger than 1 MB and was ignored");
                    continue;
                }
                addFile(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p), found, notes);
            }
        }
    }

    private void readZip(Path zip, Map<String, String> found, List<String> notes) throws IOException {
        if (!looksLikeZip(zip)) {
            // ZipInputStream reads anything else as an empty archive, which would grade as "all files missing".
            throw new UnreadableSubmissionException("cannot read zip " + zip + ": not a zip file", null);
        }
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = e.getName().replace('\\', '/');
                if (e.isDirectory() || !name.endsWith(".java") || isIgnoredPath(name)) {
                    continue;
                }
                byte[] bytes = readBounded(in, MAX_FILE_BYTES + 1);
                total += bytes.length;
                if (total > MAX_ZIP_BYTES) {
                    notes.add("the zip holds more than 20 MB of Java sources; the rest was ignored");
                    break;
                }
                if (bytes.length > MAX_FILE_BYTES) {
                    notes.add(name + " is larger than 1 MB and was ignored");
                    continue;
                }
                addFile(name, bytes, found, notes);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableSubmissionException("cannot read zip " + zip + ": " + e.getMessage(), e);
        }
    }

    /** Whether the file starts with a zip signature: a local file header, or the end record of an empty archive. */
    private static boolean looksLikeZip(Path zip) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(zip)) {
            head = in.readNBytes(4);
        }
        return head.length == 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    private static byte[] readBounded(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE));
    }

    private static boolean isIgnoredPath(String relative) {
        return relative.startsWith("__MACOSX/") || relative.contains("/target/") || relative.startsWith("target/")
                || relative.contains("/src/test/") || relative.startsWith("src/test/") || relative.contains("/.git/");
    }

    private static void addFile(String relative, byte[] bytes, Map<String, String> found, List<String> notes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
            notes.add(relative + " is not valid UTF-8; it was read as ISO-8859-1");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        found.put(relative, text.replace("\r\n", "\n"));
    }

    private Submission match(String id, Map<String, String> found, List<String> notes) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (String rel : found.keySet()) {
            byName.computeIfAbsent(rel.substring(rel.lastIndexOf('/') + 1), k -> new ArrayList<>()).add(rel);
        }
        List<SourceFile> sources = new ArrayList<>();
        for (Map.Entry<String, String> e : starter.files().entrySet()) {
            String fileName = e.getKey();
            List<String> candidates = byName.getOrDefault(fileName, List.of());
            if (!starter.isStudentFile(fileName)) {
                candidates.stream().filter(rel -> !sameCode(found.get(rel), e.getValue())).findFirst().ifPresent(rel ->
                        notes.add(rel + " is given code; your changes to it are ignored and the original is used"));
                sources.add(new SourceFile(fileName, "starter", e.getValue(), false));
                continue;
            }
            if (candidates.isEmpty()) {
                notes.add("missing " + fileName + ": graded as not implemented (the starter's version is used)");
                sources.add(new SourceFile(fileName, "starter", e.getValue(), false));
                continue;
            }
            String chosen = pick(candidates, found);
            if (candidates.size() > 1) {
                notes.add(fileName + " appears " + candidates.size() + " times (" + String.join(", ", candidates)
                        + "); graded: " + chosen);
            }
            sources.add(new SourceFile(fileName, chosen, withPackage(chosen, found.get(chosen), notes), true));
        }
        for (Map.Entry<String, List<String>> e : byName.entrySet()) {
            if (starter.files().containsKey(e.getKey())) {
                continue;
            }
            for (String rel : e.getValue()) {
                String pkg = packageOf(found.get(rel));
                if (StarterSources.PACKAGE.equals(pkg)) {
                    notes.add("extra file " + rel + " compiled with your code");
                    sources.add(new SourceFile(e.getKey(), rel, found.get(rel), true));
                } else {
                    notes.add("extra file " + rel + " ignored (package " + (pkg == null ? "none" : pkg)
                            + ", expected " + StarterSources.PACKAGE + ")");
                }
            }
        }
        return new Submission(id, sources, notes);
    }

    /** Equal apart from whitespace and comments (such as the starter's "Generated from" header). */
    private static boolean sameCode(String a, String b) {
        return stripComments(a).replaceAll("\\s+", "").equals(stripComments(b).replaceAll("\\s+", ""));
    }

    /** Prefers the file in package backprop.nn, then the Maven layout path. */
    private static String pick(List<String> candidates, Map<String, String> found) {
        return candidates.stream()
                .sorted(Comparator.comparing((String rel) -> !StarterSources.PACKAGE.equals(packageOf(found.get(rel))))
                        .thenComparing(rel -> !rel.contains("src/main/java/backprop/nn/")))
                .findFirst().orElseThrow();
    }

    static String packageOf(String source) {
        Matcher m = PACKAGE.matcher(stripComments(source));
        return m.find() ? m.group(1).replaceAll("\\s+", "") : null;
    }

    private static String stripComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", "");
    }

    /** The source with {@code package backprop.nn;}, fixing a missing or different declaration. */
    private static String withPackage(String rel, String source, List<String> notes) {
        String pkg = packageOf(source);
        if (StarterSources.PACKAGE.equals(pkg)) {
            return source;
        }
        if (pkg == null) {
            notes.add(rel + " has no package declaration; graded as package " + StarterSources.PACKAGE);
            return "package " + StarterSources.PACKAGE + "; " + source;
        }
        notes.add(rel + " declares package " + pkg + "; graded as package " + StarterSources.PACKAGE);
        return PACKAGE.matcher(source).replaceFirst("package " + StarterSources.PACKAGE + ";");
    }
}
