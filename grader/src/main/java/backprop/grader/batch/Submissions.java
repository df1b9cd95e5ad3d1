package backprop.grader.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Finds the submissions of a batch folder: every sub-folder and every {@code .zip} file is one
 * submission; its student id is the folder name, or the zip name without {@code .zip}. Hidden entries
 * (starting with '.'), {@code __MACOSX} and the output directory are left out; other files (a
 * {@code submission_metadata.yml}, a README) are reported as ignored.
 */
final class Submissions {
    /** Names used by the batch's own output files, which no student folder may take. */
    static final Set<String> RESERVED = Set.of(Gradebook.FILE_NAME, ClassSummary.JSON_FILE, ClassSummary.HTML_FILE);

    private Submissions() {
    }

    /** One submission: its id (a safe directory name) and where it is. */
    record Candidate(String id, Path path, boolean zip) {
        String source() {
            return path.getFileName().toString();
        }
    }

    /** What a folder holds. */
    record Found(List<Candidate> candidates, List<String> ignored) {
    }

    static Found find(Path folder, Path out) throws IOException {
        Path outReal = Files.exists(out) ? out.toRealPath() : out.toAbsolutePath().normalize();
        List<Path> entries;
        try (Stream<Path> list = Files.list(folder)) {
            entries = list.sorted().toList();
        }
        List<Candidate> candidates = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.startsWith(".") || name.equals("__MACOSX")) {
                continue;
            }
            if (Files.isDirectory(p) && sameFile(p, outReal)) {
                continue;
            }
            boolean zip = Files.isRegularFile(p) && name.toLowerCase(Locale.ROOT).endsWith(".zip");
            if (!zip && !Files.isDirectory(p)) {
                ignored.add(name);
                continue;
            }
            String id = zip ? name.substring(0, name.length() - 4) : name;
            if (id.isEmpty() || RESERVED.contains(id) || !ids.add(id)) {
                id = name; // "alice.zip" beside a folder "alice" keeps its full name
                if (RESERVED.contains(id) || !ids.add(id)) {
                    id = name + "-" + candidates.size();
                    ids.add(id);
                }
            }
            candidates.add(new Candidate(id, p, zip));
        }
        return new Found(List.copyOf(candidates), List.copyOf(ignored));
    }

    private static boolean sameFile(Path p, Path outReal) {
        try {
            return p.toRealPath().equals(outReal);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Why {@code c} cannot be graded at all, checked before grading: an empty folder, a folder or zip
     * without a single {@code .java} file, a corrupt zip. Empty when it looks gradable.
     */
    static Optional<String> problem(Candidate c) {
        try {
            return c.zip() ? zipProblem(c.path()) : folderProblem(c.path());
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("cannot read " + c.source() + ": " + e.getMessage());
        }
    }

    private static Optional<String> folderProblem(Path dir) throws IOException {
        boolean[] anything = {false};
        boolean[] java = {false};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                anything[0] = true;
                if (file.getFileName().toString().endsWith(".java")) {
                    java[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (!anything[0]) {
            return Optional.of("empty folder: no files at all");
        }
        return java[0] ? Optional.empty() : Optional.of("no .java files in the folder");
    }

    private static Optional<String> zipProblem(Path zip) throws IOException {
        if (Files.size(zip) == 0) {
            return Optional.of("corrupt zip: the file is empty (0 bytes)");
        }
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().endsWith(".java")) {
                    return Optional.empty();
                }
            }
            return Optional.of(file.size() == 0 ? "empty zip: no files at all" : "no .java files in the zip");
        } catch (ZipException e) {
            return Optional.of("corrupt zip: " + e.getMessage());
        }
    }

    /** The newest modification time of {@code p} and, for a folder, of everything in it. */
    static FileTime lastModified(Path p) throws IOException {
        FileTime[] newest = {Files.getLastModifiedTime(p)};
        if (Files.isDirectory(p)) {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    newer(attrs.lastModifiedTime());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    newer(attrs.lastModifiedTime());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                private void newer(FileTime t) {
                    if (t.compareTo(newest[0]) > 0) {
                        newest[0] = t;
                    }
                }
            });
        } else {
            FileTime own = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
            if (own.compareTo(newest[0]) > 0) {
                newest[0] = own;
            }
        }
        return newest[0];
    }
}
