package dev.nntrain.backprop.check;

import ai.djl.ndarray.types.DataType;

import dev.nntrain.InvalidInputException;
import dev.nntrain.backprop.FiniteDifferences;
import dev.nntrain.backprop.LayerParameters;
import dev.nntrain.backprop.LossKind;
import dev.nntrain.backprop.Mlp;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Checks the gradients of an nntrain {@link Sequential} of dense layers three ways on one batch:
 * DJL's {@code GradientCollector} on the PyTorch engine in FLOAT64 (and, by default, FLOAT32),
 * the hand-rolled backward pass of {@code dev.nntrain.backprop} on the same weights, and central
 * finite differences of the hand-rolled loss. Both DJL and finite differences are compared with
 * the hand-rolled gradients, tensor by tensor; see {@link TensorError} for the measure and
 * {@link Comparison} for the bounds.
 *
 * <pre>{@code
 * GradientCheckReport report = GradientCheck.builder()
 *         .setLayers(3, 4, 2)                  // 3 inputs, a hidden layer of 4, 2 outputs
 *         .optActivation(Activation.RELU)      // hidden layers
 *         .setLoss(Loss.parse("sparse-ce"))    // output layer linear, loss from logits
 *         .optBatch(8)
 *         .optSeed(1)
 *         .build()
 *         .run();
 * report.print(System.out);
 *
 * // an existing model, on a batch of your own
 * GradientCheckReport mine = GradientCheck.check(model, new MeanSquaredError(), x, targets);
 * }</pre>
 *
 * <p><b>Kinks.</b> Finite differences are wrong where the loss is not smooth: at ReLU and leaky
 * ReLU pre-activations near 0, and at the probability clip of the from-probabilities losses.
 * For a random batch, the biases of a generated model's ReLU units are first shifted, each by
 * the least amount, so that none of the batch's pre-activations lies within the kink threshold
 * of 0 (by default {@value #KINK_THRESHOLD_PER_EPSILON} ε; see {@code KinkGuard}); if a value is
 * still near a kink (a probability at the clip, or an existing model, whose weights are not
 * changed), the batch is redrawn from the same seeded stream, up to {@value #MAX_DRAWS} times.
 * A batch given by the caller is used as it is, and the report says how many values are near a
 * kink.
 *
 * <p>DJL runs on fresh copies of the model in each data type, so a caller's model, its weights
 * and its gradients are never changed.
 *
 * <p><b>Cost.</b> Finite differences take two forward passes of the whole batch per parameter:
 * fine for the small networks a gradient check is meant for (a 20-64-32-10 network on 32
 * examples takes about 2 s), slow for large ones (100-128-10 on 64 examples, about 20 s).
 * Checks must not run concurrently: DJL's PyTorch engine allows one gradient collector at a
 * time.
 */
public final class GradientCheck {

    /** How many random batches are drawn at most while looking for one away from every kink. */
    public static final int MAX_DRAWS = 100;
    /**
     * The default finite-difference step. Central differences err by about ε² |f'''| / 6
     * (truncation) plus δ / ε, where δ ≈ 1e-16 is the rounding error of a loss of order 1; the
     * sum is least near ε = (3δ)^(1/3) ≈ 1e-5. On the test suite, 1e-5 gives 3 to 10 times
     * smaller errors than 1e-6.
     */
    public static final double DEFAULT_EPSILON = 1e-5;
    /**
     * The default kink threshold, as a multiple of the step: a nudge of ε moves a pre-activation
     * by ε times the input or activation it multiplies, which is rarely above 10, so values at
     * least 100 ε from a kink stay on one side of it through every nudge (1e-3 for ε = 1e-5).
     */
    public static final int KINK_THRESHOLD_PER_EPSILON = 100;
    /**
     * Generated models start with biases uniform in ± this, rather than the zeros of
     * {@link Dense} (as in Keras), so that the bias enters the forward pass as well as the
     * backward one.
     */
    public static final double BIAS_RANGE = 0.1;

    private final int[] widths;
    private final Activation hidden;
    private final Loss generatedLoss;
    private final String lossName;
    private final Sequential model;
    private final Loss loss;
    private final double[][] x;
    private final float[] targets;
    private final int batchSize;
    private final long seed;
    private final boolean float32;
    private final double epsilon;
    private final double kinkThreshold;
    private final ReferenceGradients reference;

    private GradientCheck(Builder b) {
        this.widths = b.widths;
        this.hidden = b.hidden;
        this.generatedLoss = b.generatedLoss;
        this.lossName = b.lossName;
        this.model = b.model;
        this.loss = b.loss;
        this.x = b.x;
        this.targets = b.targets;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.float32 = b.float32;
        this.epsilon = b.epsilon;
        this.kinkThreshold = b.kinkThreshold;
        this.reference = b.reference;
    }

    /**
     * A builder; give it either layers and a loss, or an existing model and loss.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks an existing model on a batch, FLOAT64 and FLOAT32, with the default step and the
     * hand-rolled reference.
     *
     * @param model a built model of {@link Dense} (and {@code Flatten}) layers
     * @param loss the loss it is trained with
     * @param x one row of inputs per example (flattened to the model's input size)
     * @param targets row-major: one class index per example for sparse cross-entropy, otherwise
     *     one value per output
     * @return the report; see {@link GradientCheckReport#passed()}
     */
    public static GradientCheckReport check(Sequential model, Loss loss, double[][] x, float[] targets) {
        return builder().setModel(model, loss).setBatch(x, targets).build().run();
    }

    /**
     * The entry point of {@code nntrain gradcheck}: a generated model checked on a random batch.
     *
     * @param layers widths, first the inputs, last the outputs, hidden layers between
     * @param activation the hidden layers' activation, by name (see {@link Activation#parse})
     * @param loss a loss name as {@link Loss#parse(String)} reads it (sparse-ce, sparse-ce-probs,
     *     ce, bce, bce-probs, multilabel-bce, mse, ...); it also chooses the output activation
     * @param batch examples in the batch
     * @param seed seeds the weights, biases and batch
     * @param float32 whether to check a FLOAT32 copy too
     * @return the report; see {@link GradientCheckReport#passed()}
     * @throws IllegalArgumentException for an unknown name or an impossible shape
     */
    public static GradientCheckReport checkGenerated(
            int[] layers, String activation, String loss, int batch, long seed, boolean float32) {
        String key = loss.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        Loss parsed = Loss.parse(loss);
        boolean multiLabel = key.replaceFirst("-probs$", "").equals("multilabel-bce");
        if (parsed instanceof BinaryCrossentropy && !multiLabel && layers.length > 0 && layers[layers.length - 1] != 1) {
            // binary cross-entropy on several outputs, by any of its names but the multi-label
            // one, is more likely a mistake for sparse-ce than a multi-label check
            throw new InvalidInputException("loss " + key + " needs exactly 1 output unit (use multilabel-bce for several), got "
                    + layers[layers.length - 1]);
        }
        return builder()
                .setLayers(layers)
                .optActivation(Activation.parse(activation))
                .setLoss(parsed)
                .optLossName(key)
                .optBatch(batch)
                .optSeed(seed)
                .optFloat32(float32)
                .build()
                .run();
    }

    /**
     * Runs the check.
     *
     * @return the report, one row per parameter tensor
     */
    public GradientCheckReport run() {
        Random random = new Random(seed);
        if (model != null) {
            return measure(prepare(model, loss, ModelCopies.read(model), random, false), "loss ");
        }
        try (Sequential generated = generate()) {
            List<double[]> values = withRandomBiases(ModelCopies.read(generated), random);
            return measure(prepare(generated, generatedLoss, values, random, true),
                    "loss " + (lossName != null ? lossName : generatedLoss.name()) + " = ");
        }
    }

    private Sequential generate() {
        Sequential.Builder b = Sequential.builder();
        for (int i = 1; i < widths.length; i++) {
            boolean output = i == widths.length - 1;
            b.add(Dense.of(widths[i], output ? outputActivation(generatedLoss) : hidden));
        }
        return b.optDataType(DataType.FLOAT64).optSeed(seed).optInputShape(widths[0]).build();
    }

    /** The output layer a loss expects; linear for a loss that takes any (the squared error). */
    private static Activation outputActivation(Loss loss) {
        return loss.expectedOutputActivation() != null ? loss.expectedOutputActivation() : Activation.LINEAR;
    }

    private static List<double[]> withRandomBiases(List<double[]> values, Random random) {
        List<double[]> out = new ArrayList<>(values);
        for (int i = 1; i < out.size(); i += 2) {
            double[] bias = new double[out.get(i).length];
            for (int j = 0; j < bias.length; j++) {
                bias[j] = (2 * random.nextDouble() - 1) * BIAS_RANGE;
            }
            out.set(i, bias);
        }
        return out;
    }

    /**
     * Everything one check works on.
     *
     * @param template the model whose layers DJL runs (on copies)
     * @param loss the nntrain loss
     * @param mlp the hand-rolled twin of {@code template}
     * @param kind the hand-rolled loss
     * @param parameters the values checked, per layer
     * @param batch the batch checked
     * @param kinkNote what the report says about kinks
     */
    private record Problem(Sequential template, Loss loss, Mlp mlp, LossKind kind,
            List<LayerParameters> parameters, Batch batch, String kinkNote) {}

    /**
     * Maps the model, then settles the batch: a given one as it is, a random one redrawn until
     * no value is near a kink, with ReLU biases first shifted clear of the batch when the
     * weights are ours to change (a generated model), since with many units and examples some
     * pre-activation would nearly always fall near 0 and redrawing alone would not end.
     */
    private Problem prepare(Sequential template, Loss lossFunction, List<double[]> values, Random random,
            boolean mayShiftBiases) {
        Mlp mlp = ReferenceMapping.mlp(template);
        LossKind kind = ReferenceMapping.lossKind(lossFunction, template.outputActivation());
        List<Activation> activations = new ArrayList<>();
        for (Layer layer : template.layers()) {
            if (layer instanceof Dense) {
                activations.add(layer.activation());
            }
        }
        List<LayerParameters> given = ModelCopies.toLayers(values);
        double threshold = Double.isNaN(kinkThreshold) ? KINK_THRESHOLD_PER_EPSILON * epsilon : kinkThreshold;
        String near = String.format(Locale.ROOT, "values near a kink (ReLU |z| < %.0e, or the probability clip): ",
                threshold);
        if (x != null) {
            Batch batch = Batch.of(x, targets);
            if (batch.inputs() != mlp.inputs()) {
                throw new InvalidInputException("the model takes " + mlp.inputs()
                        + " inputs per example, the batch has " + batch.inputs());
            }
            lossFunction.validateTargets(batch.targets(), batch.targetWidth(), mlp.outputs());
            int kinks = KinkGuard.count(mlp, activations, given, batch, kind, threshold);
            return new Problem(template, lossFunction, mlp, kind, given, batch,
                    near + kinks + (kinks > 0 ? " (batch given: finite differences may disagree there)" : ""));
        }
        for (int draw = 1; ; draw++) {
            Batch batch = RandomBatch.draw(random, batchSize, mlp.inputs(), mlp.outputs(), kind);
            KinkGuard.Shift shift = mayShiftBiases
                    ? KinkGuard.shiftBiases(mlp, activations, given, batch.x(), threshold)
                    : new KinkGuard.Shift(given, 0, 0);
            int kinks = KinkGuard.count(mlp, activations, shift.parameters(), batch, kind, threshold);
            if (kinks == 0 || draw == MAX_DRAWS) {
                String how = " (batch drawn " + draw + (draw == 1 ? " time" : " times")
                        + (shift.units() == 0 ? ")" : String.format(Locale.ROOT,
                                "; %d ReLU biases shifted clear of it, by at most %.1e)", shift.units(), shift.largest()));
                return new Problem(template, lossFunction, mlp, kind, shift.parameters(), batch, near + kinks + how);
            }
        }
    }

    /** Computes the gradients every way and compares them. */
    private GradientCheckReport measure(Problem p, String lossLabel) {
        Mlp mlp = p.mlp();
        LossKind kind = p.kind();
        double[] inputs = p.batch().x();
        double[] t = p.batch().targetsAsDoubles();
        List<double[]> values = ModelCopies.fromLayers(p.parameters());

        DjlGradients.Result djl64;
        try (Sequential copy = ModelCopies.copy(p.template(), DataType.FLOAT64, values)) {
            djl64 = DjlGradients.compute(copy, p.loss(), p.batch());
        }
        List<double[]> hand = referenceGradients(mlp, p.parameters(), inputs, kind, t);
        double handLoss = mlp.loss(p.parameters(), inputs, kind, t);
        double[] nudged = FiniteDifferences.gradient(
                theta -> mlp.loss(mlp.unflatten(theta), inputs, kind, t), mlp.flatten(p.parameters()), epsilon);
        List<double[]> finite = ModelCopies.fromLayers(mlp.unflatten(nudged));

        DjlGradients.Result djl32 = null;
        List<double[]> hand32 = null;
        if (float32) {
            List<double[]> rounded = ModelCopies.roundedToFloat(values);
            try (Sequential copy = ModelCopies.copy(p.template(), DataType.FLOAT32, rounded)) {
                djl32 = DjlGradients.compute(copy, p.loss(), p.batch());
            }
            hand32 = referenceGradients(mlp, ModelCopies.toLayers(rounded), p.batch().roundedToFloat().x(), kind, t);
        }

        List<String> names = ModelCopies.names(p.template());
        List<String> shapes = ModelCopies.shapes(p.template());
        List<GradientCheckReport.Row> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Map<Comparison, TensorError> errors = new EnumMap<>(Comparison.class);
            errors.put(Comparison.DJL_FLOAT64, TensorError.between(hand.get(i), djl64.gradients().get(i)));
            errors.put(Comparison.FINITE_DIFFERENCES, TensorError.between(hand.get(i), finite.get(i)));
            if (float32) {
                errors.put(Comparison.DJL_FLOAT32, TensorError.between(hand32.get(i), djl32.gradients().get(i)));
            }
            rows.add(new GradientCheckReport.Row(names.get(i), shapes.get(i), maxAbs(hand.get(i)), errors));
        }

        List<Comparison> comparisons =
                new ArrayList<>(List.of(Comparison.DJL_FLOAT64, Comparison.FINITE_DIFFERENCES));
        if (float32) {
            comparisons.add(Comparison.DJL_FLOAT32);
        }
        String description = mlp + ", " + lossLabel + p.loss() + ", batch " + p.batch().size()
                + (x != null ? " (given)" : ", seed " + seed);
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "loss: hand-rolled %.15g, DJL float64 %.15g%s", handLoss, djl64.loss(),
                float32 ? String.format(Locale.ROOT, ", DJL float32 %.8g", djl32.loss()) : ""));
        notes.add(String.format(Locale.ROOT,
                "finite differences: central, eps %.0e, on the hand-rolled loss of %d parameters",
                epsilon, mlp.parameterCount()));
        notes.add(p.kinkNote());
        if (float32) {
            notes.add("float32: weights and inputs rounded to float; its reference is the hand-rolled pass on"
                    + " the rounded values");
        }
        return new GradientCheckReport(description, notes, comparisons, rows);
    }

    private List<double[]> referenceGradients(
            Mlp mlp, List<LayerParameters> parameters, double[] inputs, LossKind kind, double[] t) {
        return ModelCopies.fromLayers(reference.gradients(mlp, parameters, inputs, kind, t));
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /**
     * Configures a {@link GradientCheck}. Either {@link #setLayers} with {@link #setLoss} (a
     * generated model, Glorot-uniform weights from the seed, biases uniform in
     * ±{@value GradientCheck#BIAS_RANGE}) or {@link #setModel} (an existing model and loss).
     * Either {@link #setBatch} or a random batch of {@link #optBatch} examples.
     */
    public static final class Builder {
        private int[] widths;
        private Activation hidden = Activation.RELU;
        private Loss generatedLoss;
        private String lossName;
        private Sequential model;
        private Loss loss;
        private double[][] x;
        private float[] targets;
        private int batchSize = 8;
        private long seed = 1;
        private boolean float32 = true;
        private double epsilon = DEFAULT_EPSILON;
        private double kinkThreshold = Double.NaN; // NaN: KINK_THRESHOLD_PER_EPSILON * epsilon
        private ReferenceGradients reference = ReferenceGradients.HAND_ROLLED;

        private Builder() {}

        /**
         * The widths of a generated model: the inputs first, the outputs last, hidden layers in
         * between (none is fine: a single dense layer).
         *
         * @param widths at least two widths, each at least 1
         * @return this builder
         */
        public Builder setLayers(int... widths) {
            this.widths = widths.clone();
            return this;
        }

        /**
         * The activation of a generated model's hidden layers (default ReLU; not softmax).
         *
         * @param activation the hidden activation
         * @return this builder
         */
        public Builder optActivation(Activation activation) {
            this.hidden = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /**
         * The loss of a generated model, which also picks its output activation.
         *
         * @param loss the loss
         * @return this builder
         */
        public Builder setLoss(Loss loss) {
            this.generatedLoss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /**
         * Names the loss in the report as the user named it (default: its Keras name).
         *
         * @param name the name, e.g. {@code sparse-ce}
         * @return this builder
         */
        public Builder optLossName(String name) {
            this.lossName = name;
            return this;
        }

        /**
         * An existing, built model and the loss it is trained with, instead of generated ones.
         *
         * @param model a built model of {@link Dense} (and {@code Flatten}) layers; it is read,
         *     not changed
         * @param loss the loss it is trained with
         * @return this builder
         */
        public Builder setModel(Sequential model, Loss loss) {
            this.model = Objects.requireNonNull(model, "model");
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /**
         * The batch to check on, instead of a random one.
         *
         * @param x one row of inputs per example
         * @param targets row-major, as {@link Loss#targets} takes them: one class index per
         *     example for sparse cross-entropy, otherwise one value per output
         * @return this builder
         */
        public Builder setBatch(double[][] x, float[] targets) {
            this.x = x.clone();
            this.targets = targets.clone();
            return this;
        }

        /**
         * {@link #setBatch(double[][], float[])} with float inputs.
         *
         * @param x one row of inputs per example
         * @param targets row-major, as for {@link #setBatch(double[][], float[])}
         * @return this builder
         */
        public Builder setBatch(float[][] x, float[] targets) {
            double[][] wide = new double[x.length][];
            for (int r = 0; r < x.length; r++) {
                wide[r] = new double[x[r].length];
                for (int c = 0; c < x[r].length; c++) {
                    wide[r][c] = x[r][c];
                }
            }
            return setBatch(wide, targets);
        }

        /**
         * Examples in a random batch (default 8).
         *
         * @param size the number of examples
         * @return this builder
         */
        public Builder optBatch(int size) {
            this.batchSize = size;
            return this;
        }

        /**
         * Seeds the generated weights and biases and the random batch (default 1).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Whether to check a FLOAT32 copy of the model too (default true).
         *
         * @param float32 true to check the FLOAT32 copy as well
         * @return this builder
         */
        public Builder optFloat32(boolean float32) {
            this.float32 = float32;
            return this;
        }

        /**
         * The finite-difference step (default {@value GradientCheck#DEFAULT_EPSILON}).
         *
         * @param epsilon the step, positive
         * @return this builder
         */
        public Builder optEpsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * How close to a kink a value may come (default {@value GradientCheck#KINK_THRESHOLD_PER_EPSILON}
         * times the step).
         *
         * @param threshold how close to 0 a ReLU pre-activation may come; a random batch is
         *     redrawn until none is closer
         * @return this builder
         */
        public Builder optKinkThreshold(double threshold) {
            this.kinkThreshold = threshold;
            return this;
        }

        /**
         * The backward pass everything is compared with (default
         * {@link ReferenceGradients#HAND_ROLLED}).
         *
         * @param reference the reference backward pass
         * @return this builder
         */
        public Builder optReference(ReferenceGradients reference) {
            this.reference = Objects.requireNonNull(reference, "reference");
            return this;
        }

        /**
         * Validates the settings.
         *
         * @return the check, ready to {@link GradientCheck#run()}
         * @throws IllegalArgumentException if the model is given both ways or neither, a width is
         *     not positive, the output width does not suit the loss, the hidden activation is
         *     softmax, or a number is out of range
         */
        public GradientCheck build() {
            boolean generated = widths != null || generatedLoss != null;
            if (generated == (model != null)) {
                throw new InvalidInputException(
                        "give either setLayers(...) and setLoss(...) or setModel(model, loss), not both or neither");
            }
            if (generated) {
                if (widths == null || generatedLoss == null) {
                    throw new InvalidInputException("a generated model needs both setLayers(...) and setLoss(...)");
                }
                if (widths.length < 2) {
                    throw new InvalidInputException(
                            "layers need at least an input and an output width, got " + widths.length + " widths");
                }
                for (int w : widths) {
                    if (w < 1) {
                        throw new InvalidInputException("every width must be at least 1, got " + w);
                    }
                }
                if (hidden == Activation.SOFTMAX && widths.length > 2) {
                    throw new InvalidInputException("softmax is only allowed on the output layer, not hidden layers");
                }
                generatedLoss.checkOutputWidth(widths[widths.length - 1]);
            }
            if (x == null && batchSize < 1) {
                throw new InvalidInputException("batch must be at least 1, got " + batchSize);
            }
            if (!(epsilon > 0)) {
                throw new InvalidInputException("epsilon must be positive, got " + epsilon);
            }
            if (!Double.isNaN(kinkThreshold) && !(kinkThreshold >= 0)) {
                throw new InvalidInputException("kink threshold must be at least 0, got " + kinkThreshold);
            }
            return new GradientCheck(this);
        }
    }
}
