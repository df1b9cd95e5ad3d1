package backprop.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassroomUnitsTest {

    @Test
    void unitIsTheGreatestCommonDivisor() {
        assertThat(ClassroomUnits.of(List.of(1.0, 2.0, 3.0)).orElseThrow().unit()).isEqualTo(1.0);
        assertThat(ClassroomUnits.of(List.of(2.0, 4.0, 6.0)).orElseThrow().unit()).isEqualTo(2.0);
        assertThat(ClassroomUnits.of(List.of(1.0, 0.5, 3.0)).orElseThrow().unit()).isEqualTo(0.5);
        assertThat(ClassroomUnits.of(List.of(1.5, 3.0, 4.5)).orElseThrow().unit()).isEqualTo(1.5);
        assertThat(ClassroomUnits.of(List.of(0.25, 1.0)).orElseThrow().unit()).isEqualTo(0.25);
    }

    @Test
    void entriesPerCheck() {
        ClassroomUnits units = ClassroomUnits.of(List.of(1.0, 0.5, 3.0)).orElseThrow();
        assertThat(units.entries(0.5)).isEqualTo(1);
        assertThat(units.entries(1.0)).isEqualTo(2);
        assertThat(units.entries(3.0)).isEqualTo(6);
    }

    @Test
    void noUnitWhenThereIsNoneOrItWouldNeedTooManyEntries() {
        assertThat(ClassroomUnits.of(List.of())).isEmpty();
        assertThat(ClassroomUnits.of(List.of(Math.PI))).isEmpty();
        assertThat(ClassroomUnits.of(List.of(0.0, 1.0))).isEmpty();
        assertThat(ClassroomUnits.of(List.of(0.5, 1000.0))).isEmpty();
    }
}
