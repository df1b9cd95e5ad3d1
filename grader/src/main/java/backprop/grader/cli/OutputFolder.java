package backprop.grader.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks a folder the grader is about to write into, before any grading starts: a wrong {@code --out}
 * found after minutes of grading would waste them and end as an internal error.
 */
final class OutputFolder {
    private OutputFolder() {
    }

    /**
     * Why {@code out} cannot take the reports (the message names the option and the path), or empty if
     * it can: it is created if missing, and a file is created and deleted in it to prove it is writable.
     */
    static Optional<String> problem(String option, Path out) {
        Path shown = out.toAbsolutePath().normalize();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            return Optional.of(option + " must be a folder: " + shown + " is a file");
        }
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".grader-write-test-", ".tmp");
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way: " + e.getMessage()
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return Optional.of(option + " " + shown + " cannot be written to (" + why + ")");
        }
    }
}
