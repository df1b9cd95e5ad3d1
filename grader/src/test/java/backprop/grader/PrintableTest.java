package backprop.grader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void oneLineTextShowsLineBreaksAndEscapesAsVisibleEscapes() {
        assertThat(Printable.of("a\nb\r\u001B[2Jc\u0000d\u0007")).isEqualTo("a\\nb\\r\\x1B[2Jc\\x00d\\x07");
    }

    @Test
    void textWithLinesKeepsLineBreaksAndTabsOnly() {
        assertThat(Printable.keepingLines("one\r\ntwo\nthree\tcol\rfake\u001B[32m"))
                .isEqualTo("one\ntwo\nthree\tcol\\rfake\\x1B[32m");
    }

    @Test
    void bidiOverridesAndSeparatorsAreShownNotObeyed() {
        assertThat(Printable.keepingLines("abc\u202Eevil\u2066x\u2028y\u200F")).isEqualTo("abc\\u202Eevil\\u2066x\\u2028y\\u200F");
    }

    @Test
    void loneSurrogatesBecomeReplacementCharactersAndPairsStay() {
        assertThat(Printable.keepingLines("ok \uD83D\uDE00 lone \uD800 end \uFFFF")).isEqualTo("ok \uD83D\uDE00 lone \uFFFD end \uFFFD");
    }

    @Test
    void cleanTextIsReturnedAsItIs() {
        String text = "Sigmoid.derivative: expected 0.25, got 0.5 (é, 中)\n\tsecond line";

        assertThat(Printable.keepingLines(text)).isSameAs(text);
        assertThat(Printable.of(null)).isEqualTo("null");
        assertThat(Printable.keepingLines(null)).isEmpty();
    }
}
