package backprop.grader.submission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import backprop.grader.Printable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a submission (a directory in Maven layout, flat {@code .java} files, or a {@code .zip} of
 * either) and matches its files to the starter's classes by package declaration and file name,
 * whatever the folders. Given files (no TODO in the starter) are always taken from the starter, so a
 * change to them cannot affect the grade.
 */
public final class SubmissionLoader {
    private static final long MAX_FILE_BYTES = 1_000_000;
    /** Java text read from one submission, in all: beyond it, the rest is ignored with a note. */
    private static final long MAX_TOTAL_BYTES = 20_000_000;
    /** Entries of a folder or zip looked at: beyond it, the rest is ignored with a note. */
    private static final int MAX_ENTRIES = 10_000;
    /** A zip file larger than this is not opened. */
    private static final long MAX_ZIP_BYTES = 50_000_000;
    /** Files beyond the starter's that are compiled with a submission (helpers, scratch files). */
    private static final int MAX_EXTRA_FILES = 50;
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.\\s]+?)\\s*;");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "\\bpublic\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp|static)\\s+)*(?:class|interface|enum|record|@interface)"
                    + "\\s+([A-Za-z_$][A-Za-z0-9_$]*)");
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*\\.java");

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

    /** What was read: path inside the submission → text, and the running totals that bound reading. */
    private static final class Found {
        final Map<String, String> files = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        long bytes;
        boolean full;

        /** Adds a file unless the totals are reached; false once they are. */
        boolean add(String relative, byte[] content) {
            if (full) {
                return false;
            }
            if (bytes + content.length > MAX_TOTAL_BYTES) {
                full = true;
                notes.add("the submission holds more than 20 MB of Java sources; the rest was ignored");
                return false;
            }
            bytes += content.length;
            addFile(relative, content, files, notes);
            return true;
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
        Found found = new Found();
        try {
            if (Files.isDirectory(path)) {
                readDirectory(path, found);
            } else if (path.toString().toLowerCase().endsWith(".zip")) {
                readZip(path, found);
            } else if (path.toString().endsWith(".java") && Files.isRegularFile(path)) {
                if (Files.size(path) > MAX_FILE_BYTES) {
                    throw new UnreadableSubmissionException(path + " is larger than 1 MB", null);
                }
                found.add(path.getFileName().toString(), Files.readAllBytes(path));
            } else {
                throw new UnreadableSubmissionException("not a directory, .zip or .java file: " + path, null);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UnreadableSubmissionException("cannot read submission " + path + ": " + e.getMessage(), e);
        }
        return match(id, found.files, found.notes);
    }

    /**
     * The folder's Java files, never following a symbolic link (a link to another student's files or to
     * the solutions is not the student's work) and never reading anything but regular files (a pipe
     * would block).
     */
    private void readDirectory(Path root, Found found) throws IOException {
        List<Path> files = new ArrayList<>();
        int zips = 0;
        int links = 0;
        int odd = 0;
        int seen = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            java.util.Iterator<Path> it = walk.iterator();
            while (it.hasNext()) {
                Path p = it.next();
                if (++seen > MAX_ENTRIES) {
                    found.notes.add("the submission folder holds more than " + MAX_ENTRIES + " files and folders; the rest"
                            + " was ignored");
                    break;
                }
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (p.equals(root) || isIgnoredPath(rel)) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    if (links++ < 5) {
                        found.notes.add(Printable.of(rel) + " is a symbolic link and was not followed: submit the file itself");
                    }
                    continue;
                }
                String lower = rel.toLowerCase(java.util.Locale.ROOT);
                if (lower.endsWith(".zip") && zips++ < 3) {
                    found.notes.add(Printable.of(rel) + " is a zip inside the submission folder and was not opened: submit"
                            + " the .java files, or the zip itself");
                }
                if (lower.endsWith(".java") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                } else if (lower.endsWith(".java") && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && odd++ < 5) {
                    found.notes.add(Printable.of(rel) + " is not a regular file (a pipe or a device) and was not read");
                }
            }
        } catch (java.io.UncheckedIOException e) {
            found.notes.add("part of the submission folder could not be read: " + e.getCause().getMessage());
        }
        if (links > 5) {
            found.notes.add("... and " + (links - 5) + " more symbolic link" + (links - 5 == 1 ? "" : "s")
                    + " not followed");
        }
        if (odd > 5) {
            found.notes.add("... and " + (odd - 5) + " more file" + (odd - 5 == 1 ? "" : "s") + " that are not regular files");
        }
        files.sort(Comparator.comparing(Path::toString));
        for (Path p : files) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (Files.size(p) > MAX_FILE_BYTES) {
                found.notes.add(Printable.of(rel) + " is larger than 1 MB and was ignored");
                continue;
            }
            if (!found.add(rel, Files.readAllBytes(p))) {
                break;
            }
        }
    }

    /**
     * The zip's Java files, read through its central directory: entries that are not read are never
     * inflated, and no entry is inflated beyond 1 MB, so a zip bomb costs nothing.
     */
    private void readZip(Path zip, Found found) throws IOException {
        if (!looksLikeZip(zip)) {
            // An unreadable file would otherwise grade as "all files missing".
            throw new UnreadableSubmissionException("cannot read zip " + zip + ": not a zip file", null);
        }
        if (Files.size(zip) > MAX_ZIP_BYTES) {
            throw new UnreadableSubmissionException("cannot read zip " + zip + ": it is larger than 50 MB", null);
        }
        try (ZipFile file = new ZipFile(zip.toFile())) {
            java.util.Enumeration<? extends ZipEntry> entries = file.entries();
            int seen = 0;
            long inflated = 0;
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (++seen > MAX_ENTRIES) {
                    found.notes.add("the zip holds more than " + MAX_ENTRIES + " entries; the rest was ignored");
                    break;
                }
                String name = e.getName().replace('\\', '/');
                if (e.isDirectory() || !name.endsWith(".java") || isIgnoredPath(name)) {
                    continue;
                }
                if (e.getSize() > MAX_FILE_BYTES) { // the central directory's size: no need to inflate to know
                    found.notes.add(Printable.of(name) + " is larger than 1 MB and was ignored");
                    continue;
                }
                byte[] bytes;
                try (InputStream in = file.getInputStream(e)) {
                    bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
                }
                inflated += bytes.length;
                if (inflated > 2 * MAX_TOTAL_BYTES) { // entries that overlap or lie about their size: stop inflating
                    found.notes.add("the zip inflates to more than 40 MB; the rest was ignored");
                    break;
                }
                if (bytes.length > MAX_FILE_BYTES) {
                    found.notes.add(Printable.of(name) + " is larger than 1 MB and was ignored");
                    continue;
                }
                if (!found.add(name, bytes)) {
                    break;
                }
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

    private static boolean isIgnoredPath(String relative) {
        return relative.startsWith("__MACOSX/") || relative.contains("/target/") || relative.startsWith("target/")
                || relative.contains("/src/test/") || relative.startsWith("src/test/") || relative.contains("/.git/")
                || relative.startsWith(".git/");
    }

    private static void addFile(String relative, byte[] bytes, Map<String, String> found, List<String> notes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
            notes.add(Printable.of(relative) + " is not valid UTF-8; it was read as ISO-8859-1");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        found.put(relative, text.replace("\r\n", "\n"));
    }

    /**
     * The name a file is graded under in package backprop.nn: its own name when that is a Java file
     * name, else the name of its public class (a browser's second download, "Sigmoid (1).java", is
     * graded as Sigmoid.java), else a name made of the letters and digits of its own.
     */
    static String gradedName(String relative, String source) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        if (JAVA_NAME.matcher(name).matches() || name.equals("package-info.java")) {
            return name;
        }
        Matcher m = PUBLIC_TYPE.matcher(stripComments(source));
        if (m.find()) {
            return m.group(1) + ".java";
        }
        String base = name.substring(0, name.length() - ".java".length()).replaceAll("[^A-Za-z0-9_$]", "_");
        return (base.isEmpty() || !Character.isJavaIdentifierStart(base.charAt(0)) ? "_" + base : base) + ".java";
    }

    private Submission match(String id, Map<String, String> found, List<String> notes) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (String rel : found.keySet()) {
            String name = rel.substring(rel.lastIndexOf('/') + 1);
            String graded = gradedName(rel, found.get(rel));
            if (!graded.equals(name)) {
                notes.add(Printable.of(rel) + " is graded as " + graded + (JAVA_NAME.matcher(name).matches() ? ""
                        : " (a Java file's name is its public class's name)"));
            }
            byName.computeIfAbsent(graded, k -> new ArrayList<>()).add(rel);
        }
        List<SourceFile> sources = new ArrayList<>();
        for (Map.Entry<String, String> e : starter.files().entrySet()) {
            String fileName = e.getKey();
            List<String> candidates = byName.getOrDefault(fileName, List.of());
            if (!starter.isStudentFile(fileName)) {
                candidates.stream().filter(rel -> !sameCode(found.get(rel), e.getValue())).findFirst().ifPresent(rel ->
                        notes.add(Printable.of(rel) + " is given code; your changes to it are ignored and the original is used"));
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
                notes.add(fileName + " appears " + candidates.size() + " times (" + String.join(", ", candidates.stream().map(Printable::of).toList())
                        + "); graded: " + Printable.of(chosen));
            }
            sources.add(new SourceFile(fileName, Printable.of(chosen), withPackage(chosen, found.get(chosen), notes), true));
        }
        int extras = 0;
        for (Map.Entry<String, List<String>> e : byName.entrySet()) {
            if (starter.files().containsKey(e.getKey())) {
                continue;
            }
            boolean taken = false;
            for (String rel : e.getValue()) {
                String pkg = packageOf(found.get(rel));
                if (StarterSources.PACKAGE.equals(pkg) && taken) {
                    notes.add("extra file " + Printable.of(rel) + " ignored: another file is already graded as " + e.getKey());
                } else if (StarterSources.PACKAGE.equals(pkg) && extras >= MAX_EXTRA_FILES) {
                    if (extras++ == MAX_EXTRA_FILES) {
                        notes.add("more than " + MAX_EXTRA_FILES + " extra files: the rest, from " + Printable.of(rel)
                                + " on, were ignored");
                    }
                } else if (StarterSources.PACKAGE.equals(pkg)) {
                    taken = true;
                    extras++;
                    notes.add("extra file " + Printable.of(rel) + " compiled with your code");
                    sources.add(new SourceFile(e.getKey(), Printable.of(rel), found.get(rel), true));
                } else {
                    notes.add("extra file " + Printable.of(rel) + " ignored (package " + (pkg == null ? "none" : Printable.of(pkg))
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

    /** Prefers the file in package backprop.nn, then one with the exact file name, then the Maven layout path. */
    private static String pick(List<String> candidates, Map<String, String> found) {
        return candidates.stream()
                .sorted(Comparator.comparing((String rel) -> !StarterSources.PACKAGE.equals(packageOf(found.get(rel))))
                        .thenComparing(rel -> !gradedName(rel, "").equals(rel.substring(rel.lastIndexOf('/') + 1)))
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
            notes.add(Printable.of(rel) + " has no package declaration; graded as package " + StarterSources.PACKAGE);
            return "package " + StarterSources.PACKAGE + "; " + source;
        }
        notes.add(Printable.of(rel) + " declares package " + Printable.of(pkg) + "; graded as package " + StarterSources.PACKAGE);
        return PACKAGE.matcher(source).replaceFirst("package " + StarterSources.PACKAGE + ";");
    }
}
