package backprop.grader.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds an installed JDK of a given feature version without knowing one machine's paths: the
 * {@code JAVA<n>_HOME} / {@code JDK<n>_HOME} variables first, then the folders JDKs are installed in
 * (beside the running JDK, /usr/lib/jvm, /opt, SDKMAN, IntelliJ's ~/.jdks, macOS's
 * JavaVirtualMachines), each recognised by its {@code release} file.
 */
final class Jdks {
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private Jdks() {
    }

    /** A JDK home (with bin/java and bin/javac) of feature version {@code feature}, if one is installed. */
    static Optional<Path> find(int feature) {
        for (Path home : candidates(feature)) {
            if (featureOf(home) == feature && Files.isExecutable(home.resolve("bin/java"))
                    && Files.isExecutable(home.resolve("bin/javac"))) {
                return Optional.of(home);
            }
        }
        return Optional.empty();
    }

    /** Where {@link #find} looks, for the warning when it finds nothing. */
    static String searched() {
        return String.join(", ", roots().stream().map(Path::toString).toList());
    }

    private static List<Path> candidates(int feature) {
        List<Path> homes = new ArrayList<>();
        for (String variable : List.of("JAVA" + feature + "_HOME", "JDK" + feature + "_HOME")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                homes.add(Path.of(value));
            }
        }
        for (Path root : roots()) {
            try (Stream<Path> list = Files.list(root)) {
                list.sorted().forEach(dir -> {
                    homes.add(dir);
                    homes.add(dir.resolve("Contents/Home"));
                });
            } catch (IOException | RuntimeException e) {
                // a folder we cannot list holds no JDK for us
            }
        }
        return homes;
    }

    private static List<Path> roots() {
        Set<Path> roots = new LinkedHashSet<>();
        Path current = Path.of(System.getProperty("java.home"));
        if (current.getParent() != null) {
            roots.add(current.getParent());
        }
        String home = System.getProperty("user.home");
        roots.add(Path.of("/usr/lib/jvm"));
        roots.add(Path.of("/opt/java"));
        roots.add(Path.of("/opt"));
        roots.add(Path.of(home, ".sdkman/candidates/java"));
        roots.add(Path.of(home, ".jdks"));
        roots.add(Path.of("/Library/Java/JavaVirtualMachines"));
        return roots.stream().filter(Files::isDirectory).toList();
    }

    private static int featureOf(Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
