package backprop.grader.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;

/**
 * The test JVM's sandbox: a security manager whose policy trusts the grader's classpath and nothing
 * of the submission. Student code may compute and print, but not exit or halt the JVM, read or write
 * files, open sockets (the results channel), start processes, use reflection to break
 * encapsulation (e.g. {@code sun.misc.Unsafe}), or touch the grader's and the reference's packages.
 * A forbidden operation throws a {@link SecurityException} that the checks report as such.
 */
final class Sandbox {
    /** Packages student code may not load: the grader, its oracle and its libraries. */
    static final List<String> GUARDED_PACKAGES = List.of("backprop.grader.", "backprop.reference.", "org.junit.",
            "org.opentest4j.", "org.apiguardian.", "org.assertj.", "org.apache.commons.math3.", "com.google.gson.",
            "picocli.");

    private Sandbox() {
    }

    /** Whether this JDK can still run a security manager (JEP 486 disabled it for good in Java 24). */
    static boolean available() {
        return Runtime.version().feature() < 24;
    }

    /**
     * Writes the policy and security properties into {@code dir}; returns the JVM options that use them,
     * or none on a JDK without a security manager.
     */
    static List<String> jvmOptions(Path dir, List<String> trustedClasspath) {
        if (!available()) {
            return List.of();
        }
        StringBuilder policy = new StringBuilder("// Written by the grader for one test JVM.\n");
        for (String entry : trustedClasspath) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            String url = p.toUri().toString();
            if (Files.isDirectory(p)) {
                url = (url.endsWith("/") ? url : url + "/") + "-";
            }
            policy.append("grant codeBase \"").append(url.replace("\"", "%22"))
                    .append("\" { permission java.security.AllPermission; };\n");
        }
        // Printing through FileDescriptor.out is harmless: the grader drains and bounds that stream.
        policy.append("grant { permission java.lang.RuntimePermission \"writeFileDescriptor\"; };\n");
        String guarded = Security.getProperty("package.access");
        List<String> packages = new ArrayList<>();
        if (guarded != null && !guarded.isBlank()) {
            packages.add(guarded.strip());
        }
        packages.addAll(GUARDED_PACKAGES);
        try {
            Files.createDirectories(dir);
            Path policyFile = dir.resolve("sandbox.policy");
            Path securityFile = dir.resolve("sandbox.security");
            Files.writeString(policyFile, policy, StandardCharsets.UTF_8);
            Files.writeString(securityFile, "package.access=" + String.join(",", packages) + "\n", StandardCharsets.UTF_8);
            return List.of("-Djava.security.manager=allow", "-Djava.security.policy=" + policyFile.toAbsolutePath(),
                    "-Djava.security.properties=" + securityFile.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox policy into " + dir, e);
        }
    }
}
