package backprop.grader.submission;

import backprop.grader.GraderFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The generated starter sources, packaged into the grader under {@code starter/}: the files a
 * submission is expected to contain, and the stand-ins used for a file that is missing or does not compile.
 */
public final class StarterSources {
    /** The package every student class lives in. */
    public static final String PACKAGE = "backprop.nn";
    private static final String ROOT = "starter/backprop/nn/";
    private static final String STUB_MARKER = "throw new NotImplementedYet(";

    private final Map<String, String> files; // file name (Sigmoid.java) -> source

    private StarterSources(Map<String, String> files) {
        this.files = Collections.unmodifiableMap(files);
    }

    /** The starter packaged with this grader. */
    public static StarterSources packaged() {
        try {
            Path location = GraderFiles.codeLocation();
            Map<String, String> files = new TreeMap<>();
            if (Files.isDirectory(location)) {
                Path dir = location.resolve(ROOT);
                try (Stream<Path> list = Files.list(dir)) {
                    for (Path p : list.filter(p -> p.toString().endsWith(".java")).toList()) {
                        files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        String name = e.getName();
                        if (name.startsWith(ROOT) && name.endsWith(".java") && name.indexOf('/', ROOT.length()) < 0) {
                            try (InputStream in = jar.getInputStream(e)) {
                                files.put(name.substring(ROOT.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
            if (files.isEmpty()) {
                throw new IllegalStateException("the grader was built without its starter sources (" + ROOT + " in " + location + ")");
            }
            return new StarterSources(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File name → starter source, e.g. "Sigmoid.java". */
    public Map<String, String> files() {
        return files;
    }

    /** Whether students write code in this file (it has at least one TODO stub). */
    public boolean isStudentFile(String fileName) {
        String source = files.get(fileName);
        return source != null && source.contains(STUB_MARKER);
    }

    public String source(String fileName) {
        return files.get(fileName);
    }
}
