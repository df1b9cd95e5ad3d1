package backprop.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CaptureTest {

    @Test
    void keepsTheFirstBytesAndCountsTheRest() {
        Capture capture = new Capture(10);
        PrintStream out = new PrintStream(capture, true, StandardCharsets.UTF_8);

        out.print("hello world, and more");
        out.close(); // student code may close System.out: the capture stays open
        out.print("!");

        assertThat(capture.text()).isEqualTo("hello worl");
        assertThat(capture.dropped()).isEqualTo(11);
        capture.reset();
        assertThat(capture.text()).isEmpty();
        assertThat(capture.dropped()).isZero();
    }
}
