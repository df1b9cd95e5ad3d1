package backprop.grader.suites;

import backprop.grader.checks.CheckFailure;
import backprop.grader.checks.Diagnoser;
import backprop.grader.checks.DeferredDiagnosis;
import backprop.grader.checks.NotImplementedFailure;
import backprop.grader.checks.Student;
import backprop.reference.ReferenceActivation;
import backprop.reference.ReferenceLoss;
import java.util.function.Supplier;

/**
 * Finds the root cause of a failure in a check that builds on other parts of the submission (the
 * network on the layer, training on both, the worked examples on everything): it re-runs the checks
 * of those parts on their own and names the first mistake found there. So a wrong DenseLayer.step
 * makes XOR fail with "sign flipped in the update", not with "XOR did not train".
 */
final class Probe {
    private Probe() {
    }

    /** A part of the submission and the graded check(s) that test it on its own. */
    record Part(String name, String checks, Runnable check) {
        static final Part DENSE_BACKWARD = new Part("DenseLayer.backward", "3.4 and 3.5", () -> {
            DenseLayerChecks c = new DenseLayerChecks();
            c.agreesWithReference();
            c.repeatableAndLinear();
        });
        static final Part DENSE_STEP = new Part("DenseLayer.step", "3.7", () -> new DenseLayerChecks().stepUpdatesParameters());
        static final Part NETWORK_BACKWARD = new Part("Network.backward", "4.2",
                () -> new NetworkChecks().backwardAgreesWithReference());
        static final Part NETWORK_STEP = new Part("Network.step", "4.3", () -> new NetworkChecks().stepUpdatesEveryLayer());
        static final Part TRAIN_STEP = new Part("Trainer.trainStep", "4.4", () -> new NetworkChecks().trainStepAgreesWithReference());
        static final Part FIT = new Part("Trainer.fit", "4.5", () -> new NetworkChecks().fitReturnsHistory());

        static Part activation(ReferenceActivation a) {
            String number = switch (a.kind()) {
                case "identity" -> "1.6";
                case "sigmoid" -> "1.7";
                case "tanh" -> "1.8";
                case "relu" -> "1.9";
                default -> "1.10";
            };
            return new Part(Students.className(a) + ".derivative", number, () -> ActivationChecks.reference(a));
        }

        static Part loss(ReferenceLoss l) {
            String number = switch (l) {
                case MSE -> "2.4";
                case BCE -> "2.5";
                case SOFTMAX_CROSS_ENTROPY -> "2.6";
            };
            return new Part(Students.className(l) + ".gradient", number, () -> LossChecks.reference(l));
        }
    }

    /**
     * Runs {@code check}; if it fails with no diagnosis or a generic one, the diagnosis becomes the
     * first mistake found in {@code parts}, each checked on its own.
     */
    static void explain(Runnable check, Part... parts) {
        run(check, false, parts);
    }

    /**
     * Runs {@code check}; if it fails and one of {@code parts} fails on its own, that part's mistake is
     * the diagnosis (the failure here is its consequence); otherwise the check's own diagnosis stays.
     */
    static void preferRootCause(Runnable check, Part... parts) {
        run(check, true, parts);
    }

    private static void run(Runnable check, boolean prefer, Part... parts) {
        try {
            check.run();
        } catch (NotImplementedFailure e) {
            throw e;
        } catch (CheckFailure f) {
            if (!(f instanceof DeferredDiagnosis) && !prefer && !Diagnoser.isGeneric(f.diagnosis())) {
                throw f; // named already: nothing to look for
            }
            // The search re-runs other checks on student code: the runner does it after every graded check has run.
            Supplier<CheckFailure> before = f instanceof DeferredDiagnosis d ? d::resolve : () -> f;
            throw new DeferredDiagnosis(f, () -> {
                CheckFailure failure = before.get();
                String own = failure.diagnosis();
                if (!prefer && !Diagnoser.isGeneric(own)) {
                    return failure;
                }
                String root = rootCause(parts);
                if (root.isEmpty() || !Diagnoser.isGeneric(own) && kind(own).equals(kind(root))) {
                    return failure; // nothing better, or the same mistake already named in this check's own terms
                }
                return new CheckFailure(failure.feedback(), root);
            });
        }
    }

    /** A diagnosis's short name: the words before its first colon ("sign flipped in the update"). */
    private static String kind(String diagnosis) {
        int colon = diagnosis.indexOf(':');
        return colon < 0 ? diagnosis : diagnosis.substring(0, colon);
    }

    /** The diagnosis of the first of {@code parts} that fails its own check, or "" if all pass. */
    static String rootCause(Part... parts) {
        for (Part part : parts) {
            try {
                Student.session().diagnosing(() -> {
                    part.check().run();
                    return null;
                });
            } catch (NotImplementedFailure e) {
                // a part still missing fails its own checks; it is not the cause of this one
            } catch (CheckFailure f) {
                String diagnosis = f.diagnosis();
                boolean several = part.checks().contains(" ");
                String where = " [found by re-running " + (several ? "checks " : "check ") + part.checks() + " of " + part.name()
                        + " on " + (several ? "their" : "its") + " own inputs]";
                return Diagnoser.isGeneric(diagnosis) ? part.name() + " is wrong on its own (check " + part.checks()
                        + "), and this check relies on it" + (diagnosis.isBlank() ? "" : ": " + diagnosis)
                        : diagnosis + where;
            } catch (RuntimeException | AssertionError | StackOverflowError e) {
                return part.name() + " fails on its own (check " + part.checks() + "), and this check relies on it";
            }
        }
        return "";
    }
}
