package backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** errata.json and the fixtures point at each other consistently. */
class ErrataConsistencyTest {

    private static List<Step> stepsWithErrata() {
        return WorkedExamples.all().stream().flatMap(e -> e.steps().stream()).filter(s -> s.erratum() != null).toList();
    }

    @Test
    void everyErratumIdThatAStepReferencesExists() {
        Set<String> ids = Errata.all().stream().map(Erratum::id).collect(Collectors.toSet());
        assertThat(stepsWithErrata()).extracting(Step::erratum).allSatisfy(id -> assertThat(ids).contains(id));
    }

    @Test
    void everyValueErratumIsReferencedBySomeStep() {
        Set<String> referenced = stepsWithErrata().stream().map(Step::erratum).collect(Collectors.toSet());
        assertThat(Errata.all()).filteredOn(e -> e.kind() == Erratum.Kind.VALUE).extracting(Erratum::id)
                .isNotEmpty().allSatisfy(id -> assertThat(referenced).contains(id));
    }

    @Test
    void aReferencingStepPrintsWhatItsErratumSaysWasPrintedAtTheSamePrecision() {
        for (Step step : stepsWithErrata()) {
            Erratum erratum = Errata.byId(step.erratum());
            assertThat(erratum.decimals()).as(step.name()).isEqualTo(step.decimals());
            assertThat(erratum.printedValue()).as(step.name()).isDeepEqualTo(step.printed());
        }
    }

    @Test
    void errataNameKnownDocumentsAndValueErrataCarryNumbers() {
        assertThat(Errata.all()).isNotEmpty().allSatisfy(e -> {
            assertThat(WorkedExamples.DOCUMENTS).contains(e.document());
            assertThat(e.explanation()).isNotBlank();
            if (e.kind() == Erratum.Kind.VALUE) {
                assertThat(e.decimals()).isPositive();
                assertThat(Rounding.agrees(e.printedValue(), e.correctValue(), e.decimals())).as(e.id()).isFalse();
            } else {
                assertThat(e.printedValue()).as(e.id()).isNull();
            }
        });
    }

    @Test
    void examplesHaveUniqueIdsAndEveryDocumentHasAFixtureFile() {
        List<String> ids = WorkedExamples.all().stream().map(WorkedExample::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(WorkedExamples.all()).extracting(WorkedExample::document).isSubsetOf(WorkedExamples.DOCUMENTS);
        // documents without a worked example still contribute their claims as notes
        assertThat(WorkedExamples.notes()).extracting(Note::document)
                .contains("002_fd0fc83796376f1d.txt", "004_3f91747fa0a58962.txt");
    }
}
