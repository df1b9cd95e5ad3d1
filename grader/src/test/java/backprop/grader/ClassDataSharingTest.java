package backprop.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {
    @TempDir
    Path cache;

    private Path archiveFolder(String name, long minutesAgo) throws IOException {
        Path folder = Files.createDirectories(cache.resolve(name));
        Files.writeString(folder.resolve("classes.jsa"), "archive of " + name);
        Files.setLastModifiedTime(folder, FileTime.fromMillis(System.currentTimeMillis() - minutesAgo * 60_000));
        return folder;
    }

    private List<String> left() throws IOException {
        try (Stream<Path> all = Files.list(cache)) {
            return all.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void pruningKeepsTheNewestArchivesOfTheSameKindAndNoOtherKind() throws IOException {
        Path adopted = archiveFolder("javac-00000000000000a0", 0);
        archiveFolder("javac-00000000000000a1", 10);
        archiveFolder("javac-00000000000000a2", 20);
        archiveFolder("javac-00000000000000a3", 30);
        archiveFolder("javac-00000000000000a4", 40);
        archiveFolder("javac-00000000000000a5", 50);
        archiveFolder("grader-grade-00000000000000b0", 60);
        archiveFolder("grader-batch-00000000000000c0", 70);
        archiveFolder("student-00000000000000d0", 80);

        ClassDataSharing.prune(adopted);

        assertThat(ClassDataSharing.KEEP).isEqualTo(4);
        assertThat(left()).containsExactly("grader-batch-00000000000000c0", "grader-grade-00000000000000b0",
                "javac-00000000000000a0", "javac-00000000000000a1", "javac-00000000000000a2", "javac-00000000000000a3",
                "student-00000000000000d0");
    }

    @Test
    void pruningTellsGraderKindsApartByTheirFullName() throws IOException {
        Path adopted = archiveFolder("grader-grade-00000000000000b0", 0);
        for (int i = 1; i <= 5; i++) {
            archiveFolder("grader-batch-00000000000000c" + i, i);
        }

        ClassDataSharing.prune(adopted);

        assertThat(left()).hasSize(6);
    }

    @Test
    void anArchiveInUseIsMarkedAsRecentlyUsed() throws IOException {
        Path old = archiveFolder("javac-00000000000000e0", 600);

        List<String> options = ClassDataSharing.use(java.util.Optional.of(old));

        assertThat(options).contains("-XX:SharedArchiveFile=" + old.resolve("classes.jsa"));
        assertThat(Files.getLastModifiedTime(old).toMillis()).isGreaterThan(System.currentTimeMillis() - 60_000);
    }
}
