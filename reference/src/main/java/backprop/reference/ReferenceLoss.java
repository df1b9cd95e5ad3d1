package backprop.reference;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * The course's three losses, each a mean over the batch (one sample per row), with the student
 * API's names and conventions. All values and gradients are finite for logits ±1000 and for
 * probabilities exactly 0 and 1.
 */
public enum ReferenceLoss {
    /** (1/(N·K)) Σ (p − y)². */
    MSE("mse") {
        @Override
        double value(RealMatrix p, RealMatrix y) {
            double sq = p.subtract(y).getFrobeniusNorm();
            return sq * sq / count(p);
        }

        @Override
        RealMatrix gradient(RealMatrix p, RealMatrix y) {
            return p.subtract(y).scalarMultiply(2.0 / count(p));
        }
    },

    /**
     * −(1/(N·K)) Σ [y·ln p + (1 − y)·ln(1 − p)] on probabilities, p clamped into [ε, 1 − ε] with
     * ε = 1e-12; targets must lie in [0, 1]. The gradient is taken at the clamped p.
     */
    BCE("bce") {
        @Override
        double value(RealMatrix p, RealMatrix y) {
            double sum = 0;
            for (int i = 0; i < p.getRowDimension(); i++) {
                for (int k = 0; k < p.getColumnDimension(); k++) {
                    double q = clamp(p.getEntry(i, k));
                    double t = y.getEntry(i, k);
                    sum += t * Math.log(q) + (1 - t) * Math.log1p(-q);
                }
            }
            return -sum / count(p);
        }

        @Override
        RealMatrix gradient(RealMatrix p, RealMatrix y) {
            RealMatrix g = p.copy();
            for (int i = 0; i < p.getRowDimension(); i++) {
                for (int k = 0; k < p.getColumnDimension(); k++) {
                    double q = clamp(p.getEntry(i, k));
                    double t = y.getEntry(i, k);
                    g.setEntry(i, k, (-t / q + (1 - t) / (1 - q)) / count(p));
                }
            }
            return g;
        }

        @Override
        void checkTarget(RealMatrix y) {
            for (int i = 0; i < y.getRowDimension(); i++) {
                for (int k = 0; k < y.getColumnDimension(); k++) {
                    double t = y.getEntry(i, k);
                    if (!(t >= 0 && t <= 1)) {
                        throw new IllegalArgumentException("bce: targets must lie in [0, 1], but target[" + i + "]["
                                + k + "] = " + t);
                    }
                }
            }
        }
    },

    /**
     * Softmax cross-entropy from logits, averaged over the N rows:
     * −(1/N) Σₙ Σₖ yₙₖ·log softmax(zₙ)ₖ, on logits shifted by their row maximum. Every target row must be a probability
     * distribution, which makes (softmax(z) − y)/N the exact gradient.
     */
    SOFTMAX_CROSS_ENTROPY("softmax_cross_entropy") {
        @Override
        double value(RealMatrix z, RealMatrix y) {
            double sum = 0;
            for (int i = 0; i < z.getRowDimension(); i++) {
                double[] shifted = shiftedByMax(z.getRow(i));
                double logSum = Math.log(sumOfExp(shifted));
                for (int k = 0; k < shifted.length; k++) {
                    sum += y.getEntry(i, k) * (logSum - shifted[k]); // −log softmax = log Σ e^s − s
                }
            }
            return sum / z.getRowDimension();
        }

        @Override
        RealMatrix gradient(RealMatrix z, RealMatrix y) {
            RealMatrix g = z.copy();
            for (int i = 0; i < z.getRowDimension(); i++) {
                double[] shifted = shiftedByMax(z.getRow(i));
                double total = sumOfExp(shifted);
                for (int k = 0; k < shifted.length; k++) {
                    g.setEntry(i, k, (Math.exp(shifted[k]) / total - y.getEntry(i, k)) / z.getRowDimension());
                }
            }
            return g;
        }

        @Override
        void checkTarget(RealMatrix y) {
            for (int i = 0; i < y.getRowDimension(); i++) {
                double sum = 0;
                for (int k = 0; k < y.getColumnDimension(); k++) {
                    double t = y.getEntry(i, k);
                    if (!(t >= 0)) {
                        throw new IllegalArgumentException("softmax_cross_entropy: target[" + i + "][" + k + "] = " + t
                                + ", but each target row must be a probability distribution");
                    }
                    sum += t;
                }
                if (Math.abs(sum - 1) > 1e-9) {
                    throw new IllegalArgumentException("softmax_cross_entropy: target row " + i + " sums to " + sum
                            + ", but each target row must be a probability distribution (sum 1)");
                }
            }
        }
    };

    /** The clamp of {@link #BCE}. */
    public static final double EPSILON = 1e-12;

    private final String id;

    ReferenceLoss(String id) {
        this.id = id;
    }

    /** The student API's {@code Loss.name()}: {@code mse}, {@code bce} or {@code softmax_cross_entropy}. */
    public String id() {
        return id;
    }

    /** The loss whose student name is {@code name}. */
    public static ReferenceLoss parse(String name) {
        for (ReferenceLoss loss : values()) {
            if (loss.id.equals(name == null ? null : name.trim())) {
                return loss;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "'; expected mse, bce or softmax_cross_entropy");
    }

    /** The loss of {@code prediction} against {@code target} (same shape, one sample per row). */
    public double value(double[][] prediction, double[][] target) {
        RealMatrix[] pt = checked(prediction, target);
        return value(pt[0], pt[1]);
    }

    /** dL/dprediction, with the shape of {@code prediction}. */
    public double[][] gradient(double[][] prediction, double[][] target) {
        RealMatrix[] pt = checked(prediction, target);
        return gradient(pt[0], pt[1]).getData();
    }

    abstract double value(RealMatrix prediction, RealMatrix target);

    abstract RealMatrix gradient(RealMatrix prediction, RealMatrix target);

    /** Throws unless the targets are valid for this loss; nothing to check by default. */
    void checkTarget(RealMatrix target) {
    }

    /** Shape and target checks shared by the double[][] and RealMatrix entry points. */
    RealMatrix[] checked(double[][] prediction, double[][] target) {
        RealMatrix p = Matrices.of(prediction, id + ": prediction");
        RealMatrix y = Matrices.of(target, id + ": target");
        check(p, y);
        return new RealMatrix[] {p, y};
    }

    void check(RealMatrix p, RealMatrix y) {
        if (p.getRowDimension() != y.getRowDimension() || p.getColumnDimension() != y.getColumnDimension()) {
            throw new IllegalArgumentException(id + ": prediction is " + Matrices.shape(p) + " but target is "
                    + Matrices.shape(y) + "; they must have the same shape");
        }
        checkTarget(y);
    }

    static double clamp(double p) {
        return p < EPSILON ? EPSILON : Math.min(p, 1 - EPSILON);
    }

    private static double count(RealMatrix m) {
        return (double) m.getRowDimension() * m.getColumnDimension();
    }

    /** The row minus its maximum: every exponent ≤ 0, so e^s never overflows (logits ±1000). */
    private static double[] shiftedByMax(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double[] out = new double[row.length];
        for (int k = 0; k < row.length; k++) {
            out[k] = row[k] - max;
        }
        return out;
    }

    private static double sumOfExp(double[] shifted) {
        double sum = 0;
        for (double s : shifted) {
            sum += Math.exp(s);
        }
        return sum;
    }
}
