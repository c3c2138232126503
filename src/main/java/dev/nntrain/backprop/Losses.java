package dev.nntrain.backprop;

/**
 * The losses of the course, each a function from a batch of network outputs (one example per
 * row) and targets to a 1 × 1 {@link Tensor}: the cost J, averaged like Keras averages it. Each
 * has its own backward rule, so that the stable forms are differentiated as written.
 */
public final class Losses {

    /** The clipping bound Keras uses ({@code backend.epsilon()}) for losses on probabilities. */
    public static final double KERAS_EPSILON = 1e-7;

    private Losses() {}

    /**
     * Softmax cross-entropy from logits with sparse labels (Keras's
     * {@code SparseCategoricalCrossentropy(from_logits=True)}, DJL's
     * {@code SoftmaxCrossEntropyLoss}): the mean over rows of {@code -log softmax(z)_label},
     * computed as {@code logSumExp(z) - z_label} so that no probability is ever rounded to 0.
     * The gradient is {@code (softmax(z) - onehot(label)) / rows}.
     *
     * @param logits one row of class scores per example
     * @param labels one class index per row, in {@code [0, logits.cols())}
     * @return the mean loss, a 1 × 1 node with {@code logits} as parent
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, int[] labels) {
        checkLabels(logits, labels);
        int rows = logits.rows();
        int cols = logits.cols();
        double[] z = logits.values();
        double[] softmax = new double[z.length];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int start = r * cols;
            double logSumExp = logSumExp(z, start, cols);
            total += logSumExp - z[start + labels[r]];
            for (int c = 0; c < cols; c++) {
                softmax[start + c] = Math.exp(z[start + c] - logSumExp);
            }
        }
        Tensor out = Tensor.result(1, 1, new double[] {total / rows}, "softmax_cross_entropy", logits);
        out.onBackward(() -> {
            double scale = out.gradients()[0] / rows;
            double[] dz = logits.gradients();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double target = c == labels[r] ? 1 : 0;
                    dz[r * cols + c] += (softmax[r * cols + c] - target) * scale;
                }
            }
        });
        return out;
    }

    /**
     * Binary cross-entropy from logits (Keras's {@code BinaryCrossentropy(from_logits=True)},
     * DJL's {@code SigmoidBinaryCrossEntropyLoss}), averaged over all elements, so it serves one
     * output or several independent yes/no outputs (multi-label). Each element uses the stable
     * form {@code max(z, 0) - z·y + log(1 + e^-|z|)}, which equals
     * {@code -y log σ(z) - (1-y) log(1-σ(z))} but never overflows. The gradient is
     * {@code (σ(z) - y) / count}.
     *
     * @param logits the outputs before the sigmoid
     * @param targets one value in [0, 1] per element, row-major
     * @return the mean loss, a 1 × 1 node with {@code logits} as parent
     */
    public static Tensor binaryCrossEntropyFromLogits(Tensor logits, double[] targets) {
        checkTargets(logits, targets);
        double[] z = logits.values();
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            total += Math.max(z[i], 0) - z[i] * targets[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
        }
        int count = z.length;
        Tensor out = Tensor.result(1, 1, new double[] {total / count}, "bce_from_logits", logits);
        out.onBackward(() -> {
            double scale = out.gradients()[0] / count;
            double[] dz = logits.gradients();
            for (int i = 0; i < z.length; i++) {
                dz[i] += (Value.stableSigmoid(z[i]) - targets[i]) * scale;
            }
        });
        return out;
    }

    /**
     * Categorical cross-entropy from logits (Keras's {@code
     * CategoricalCrossentropy(from_logits=True)}): the mean over rows of {@code -sum_c t_c log
     * softmax(z)_c}, computed as {@code sum_c t_c (logSumExp(z) - z_c)}. The targets are one
     * distribution (usually one-hot) per row. The gradient is {@code (softmax(z) sum_c t_c - t) /
     * rows}, which is {@code (softmax(z) - t) / rows} when each row of targets sums to 1.
     *
     * @param logits one row of class scores per example
     * @param targets one value per element, row-major, each in [0, 1]
     * @return the mean loss, a 1 × 1 node with {@code logits} as parent
     */
    public static Tensor categoricalCrossEntropyFromLogits(Tensor logits, double[] targets) {
        checkTargets(logits, targets);
        int rows = logits.rows();
        int cols = logits.cols();
        double[] z = logits.values();
        double[] softmax = new double[z.length];
        double[] rowTotals = new double[rows];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int start = r * cols;
            double logSumExp = logSumExp(z, start, cols);
            for (int c = 0; c < cols; c++) {
                total += targets[start + c] * (logSumExp - z[start + c]);
                rowTotals[r] += targets[start + c];
                softmax[start + c] = Math.exp(z[start + c] - logSumExp);
            }
        }
        Tensor out = Tensor.result(1, 1, new double[] {total / rows}, "categorical_cross_entropy", logits);
        out.onBackward(() -> {
            double scale = out.gradients()[0] / rows;
            double[] dz = logits.gradients();
            for (int i = 0; i < z.length; i++) {
                dz[i] += (softmax[i] * rowTotals[i / cols] - targets[i]) * scale;
            }
        });
        return out;
    }

    /**
     * Categorical cross-entropy from probabilities (Keras's {@code CategoricalCrossentropy()} on a
     * softmax output): the mean over rows of {@code -sum_c t_c log clip(q_c)}, where {@code q =
     * p / sum_k p_k} is the row renormalised to sum to 1 and the clip is to {@code [1e-7, 1 -
     * 1e-7]}, as Keras does both. A clipped {@code q_c} passes no gradient; through the
     * renormalisation, {@code dJ/dp_j = (-t_j / q_j [q_j unclipped] + sum_c t_c [q_c unclipped]) /
     * s} per row, with {@code s = sum_k p_k} (divided by the number of rows for the mean).
     *
     * @param probabilities one row of class probabilities per example
     * @param targets one value per element, row-major
     * @return the mean loss, a 1 × 1 node with {@code probabilities} as parent
     */
    public static Tensor categoricalCrossEntropy(Tensor probabilities, double[] targets) {
        checkTargets(probabilities, targets);
        int rows = probabilities.rows();
        int cols = probabilities.cols();
        double[] p = probabilities.values();
        double[] q = new double[p.length];
        double[] sums = new double[rows];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                sums[r] += p[r * cols + c];
            }
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                q[i] = p[i] / sums[r];
                total -= targets[i] * Math.log(clip(q[i]));
            }
        }
        Tensor out = Tensor.result(1, 1, new double[] {total / rows}, "categorical_cross_entropy", probabilities);
        out.onBackward(() -> {
            double scale = out.gradients()[0] / rows;
            double[] dp = probabilities.gradients();
            for (int r = 0; r < rows; r++) {
                double passed = 0; // sum of t_c over the unclipped q_c
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    passed += isClipped(q[i]) ? 0 : targets[i];
                }
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    double own = isClipped(q[i]) ? 0 : -targets[i] / q[i];
                    dp[i] += (own + passed) / sums[r] * scale;
                }
            }
        });
        return out;
    }

    /**
     * Binary cross-entropy from probabilities (Keras's {@code BinaryCrossentropy()}), averaged
     * over all elements: {@code -y log p - (1-y) log(1-p)} with p first clipped to
     * {@code [1e-7, 1 - 1e-7]} as Keras does, so that a saturated sigmoid gives a large finite
     * loss instead of infinity. A clipped probability has gradient 0, as through Keras's clip.
     *
     * @param probabilities outputs of a sigmoid, in [0, 1]
     * @param targets one value in [0, 1] per element, row-major
     * @return the mean loss, a 1 × 1 node with {@code probabilities} as parent
     */
    public static Tensor binaryCrossEntropy(Tensor probabilities, double[] targets) {
        checkTargets(probabilities, targets);
        double[] p = probabilities.values();
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            double q = clip(p[i]);
            total += -targets[i] * Math.log(q) - (1 - targets[i]) * Math.log(1 - q);
        }
        int count = p.length;
        Tensor out = Tensor.result(1, 1, new double[] {total / count}, "bce", probabilities);
        out.onBackward(() -> {
            double scale = out.gradients()[0] / count;
            double[] dp = probabilities.gradients();
            for (int i = 0; i < p.length; i++) {
                if (isClipped(p[i])) {
                    continue;
                }
                double y = targets[i];
                dp[i] += (-y / p[i] + (1 - y) / (1 - p[i])) * scale;
            }
        });
        return out;
    }

    /**
     * Sparse categorical cross-entropy from probabilities (Keras's
     * {@code SparseCategoricalCrossentropy()} after a softmax output): {@link
     * #categoricalCrossEntropy} with a one-hot row per label, {@code -log clip(p_label / sum_k
     * p_k)}, as Keras' PyTorch and JAX backends compute it (its TensorFlow backend clips first
     * and renormalises after; the two differ only in a row that does not sum to 1 and reaches the
     * clip).
     *
     * @param probabilities one row of class probabilities per example
     * @param labels one class index per row
     * @return the mean loss, a 1 × 1 node with {@code probabilities} as parent
     */
    public static Tensor sparseCategoricalCrossEntropy(Tensor probabilities, int[] labels) {
        checkLabels(probabilities, labels);
        int cols = probabilities.cols();
        double[] oneHot = new double[probabilities.size()];
        for (int r = 0; r < labels.length; r++) {
            oneHot[r * cols + labels[r]] = 1;
        }
        return categoricalCrossEntropy(probabilities, oneHot);
    }

    /**
     * Mean squared error with Keras's meaning: the mean of {@code (prediction - target)²} over
     * all elements (not half of it, unlike the course's ½(a - y)² on one example). The gradient
     * is {@code 2 (prediction - target) / count}.
     *
     * @param predictions network outputs
     * @param targets one value per element, row-major
     * @return the mean loss, a 1 × 1 node with {@code predictions} as parent
     */
    public static Tensor meanSquaredError(Tensor predictions, double[] targets) {
        checkTargets(predictions, targets);
        double[] a = predictions.values();
        double total = 0;
        for (int i = 0; i < a.length; i++) {
            double error = a[i] - targets[i];
            total += error * error;
        }
        int count = a.length;
        Tensor out = Tensor.result(1, 1, new double[] {total / count}, "mse", predictions);
        out.onBackward(() -> {
            double scale = out.gradients()[0] / count;
            double[] da = predictions.gradients();
            for (int i = 0; i < a.length; i++) {
                da[i] += 2 * (a[i] - targets[i]) * scale;
            }
        });
        return out;
    }

    /** {@code log sum_c e^{z_c}} over one row, shifted by the row's maximum so that no term overflows. */
    private static double logSumExp(double[] z, int start, int cols) {
        double max = Tensor.rowMax(z, start, cols);
        double sumOfShifted = 0;
        for (int c = 0; c < cols; c++) {
            sumOfShifted += Math.exp(z[start + c] - max);
        }
        return max + Math.log(sumOfShifted);
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, KERAS_EPSILON), 1 - KERAS_EPSILON);
    }

    private static boolean isClipped(double p) {
        return p < KERAS_EPSILON || p > 1 - KERAS_EPSILON;
    }

    private static void checkTargets(Tensor outputs, double[] targets) {
        if (targets.length != outputs.size()) {
            throw new IllegalArgumentException(
                    "need one target per output (" + outputs.shape() + " = " + outputs.size()
                            + "), got " + targets.length);
        }
    }

    private static void checkLabels(Tensor outputs, int[] labels) {
        if (labels.length != outputs.rows()) {
            throw new IllegalArgumentException(
                    "need one label per row (" + outputs.rows() + "), got " + labels.length);
        }
        for (int label : labels) {
            if (label < 0 || label >= outputs.cols()) {
                throw new IllegalArgumentException(
                        "label " + label + " outside [0, " + outputs.cols() + ")");
            }
        }
    }
}
