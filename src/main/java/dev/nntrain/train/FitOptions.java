package dev.nntrain.train;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.EpochLogger;
import dev.nntrain.train.callback.TrainingCheckpoint;

import dev.nntrain.data.Augmentation;
import dev.nntrain.data.Examples;
import dev.nntrain.data.ValidationSplit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code fit}, with Keras' defaults: 1 epoch, batches of 32, shuffled every epoch,
 * one line printed per epoch.
 *
 * <pre>{@code
 * FitOptions.builder().optEpochs(40).optBatchSize(32).optSeed(1).optValidationSplit(0.1).build()
 * }</pre>
 */
public final class FitOptions {

    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final Long seed;
    private final double validationSplit;
    private final Examples validationData;
    private final boolean trainAccuracy;
    private final Augmentation augmentation;
    private final List<Callback> callbacks;
    private final int verbose;
    private final Path resumeFrom;
    private final ClassWeights classWeights;
    private final double[] sampleWeights;

    private FitOptions(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.validationSplit = b.validationSplit;
        this.validationData = b.validationData;
        this.trainAccuracy = b.trainAccuracy;
        this.augmentation = b.augmentation;
        this.callbacks = List.copyOf(b.callbacks);
        this.verbose = b.verbose;
        this.resumeFrom = b.resumeFrom;
        this.classWeights = b.classWeights;
        this.sampleWeights = b.sampleWeights;
    }

    /** @return a builder with Keras' defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default options (1 epoch, batch 32, shuffled, random seed) */
    public static FitOptions defaults() {
        return builder().build();
    }

    /**
     * Shorthand for options with a number of epochs and Keras' other defaults.
     *
     * @param epochs the number of epochs
     * @return the options
     */
    public static FitOptions epochs(int epochs) {
        return builder().optEpochs(epochs).build();
    }

    /**
     * Shorthand for options with a number of epochs, a batch size and Keras' other defaults.
     *
     * @param epochs the number of epochs
     * @param batchSize the examples per step
     * @return the options
     */
    public static FitOptions epochs(int epochs, int batchSize) {
        return builder().optEpochs(epochs).optBatchSize(batchSize).build();
    }

    /** @return the number of passes over the training data */
    public int epochs() {
        return epochs;
    }

    /** @return the number of examples per gradient step */
    public int batchSize() {
        return batchSize;
    }

    /** @return whether the examples are reshuffled before every epoch */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return the seed of shuffling and of the initial weights, or null for a random one */
    public Long seed() {
        return seed;
    }

    /** @return the fraction of the data held out for validation (0 for none) */
    public double validationSplit() {
        return validationSplit;
    }

    /**
     * How many of a data set's examples {@code fit} trains on: the first {@code floor(n (1 -
     * split))} under a validation split, as in Keras (the rest validate), all of them otherwise
     * ({@link ValidationSplit#trainingRows}, the one rule).
     *
     * @param examples the number of examples given to {@code fit}
     * @return the number it trains on
     * @throws InvalidInputException if the split leaves no training or no validation
     *     example
     */
    public int trainingExamples(int examples) {
        return ValidationSplit.trainingRows(examples, validationSplit); // the rule the data's fill values follow too
    }

    /** @return explicit validation data, or null */
    public Examples validationData() {
        return validationData;
    }

    /**
     * @return whether the training metric is measured during the epoch: the accuracy of a
     *     classifier, the mean absolute error of a regression
     */
    public boolean trainAccuracy() {
        return trainAccuracy;
    }

    /** @return the augmentation applied to the training data every epoch, or null */
    public Augmentation augmentation() {
        return augmentation;
    }

    /** @return the callbacks, in call order */
    public List<Callback> callbacks() {
        return callbacks;
    }

    /** @return Keras' verbosity: 0 silent, 1 or 2 one line per epoch on standard output */
    public int verbose() {
        return verbose;
    }

    /** The callbacks a fit runs: the given ones, then the epoch lines that {@link #verbose} asks for. */
    List<Callback> runCallbacks() {
        List<Callback> all = new ArrayList<>();
        callbacks.stream().filter(c -> !(c instanceof TrainingCheckpoint)).forEach(all::add);
        if (verbose != 0) {
            all.add(new EpochLogger());
        }
        // training checkpoints last: they save the other callbacks' state after this epoch's end
        callbacks.stream().filter(c -> c instanceof TrainingCheckpoint).forEach(all::add);
        return all;
    }

    /** @return the checkpoint to continue from, or null to start afresh */
    public Path resumeFrom() {
        return resumeFrom;
    }

    /** @return the weights of the training examples' classes, or null for none (every example weighs 1) */
    public ClassWeights classWeights() {
        return classWeights;
    }

    /**
     * @return a copy of each example's weight, in the order of the examples given to {@code fit},
     *     or null for none (every example weighs 1)
     */
    public double[] sampleWeights() {
        return sampleWeights == null ? null : sampleWeights.clone();
    }

    /** Builds {@link FitOptions}. */
    public static final class Builder {
        private int epochs = 1;
        private int batchSize = 32;
        private boolean shuffle = true;
        private Long seed;
        private double validationSplit;
        private Examples validationData;
        private boolean trainAccuracy = true;
        private Augmentation augmentation;
        private final List<Callback> callbacks = new ArrayList<>();
        private int verbose = 1;
        private Path resumeFrom;
        private ClassWeights classWeights;
        private double[] sampleWeights;

        private Builder() {}

        /**
         * Weighs each training example's loss by its own weight, as Keras' {@code fit(...,
         * sample_weight=w)}: {@code weights[i]} belongs to example {@code i} of the examples given
         * to {@code fit}, so {@code fit} refuses an array of another length. The batch's loss is
         * {@code sum_i w_i L_i / m} as with {@link #optClassWeights(java.util.Map) class weights},
         * for every loss (a regression too); given both, an example weighs its own weight times its
         * class's, as in Keras. With {@link #optValidationSplit} the held-out examples' weights are
         * not used: validation, {@code evaluate} and the accuracies are not weighted. A weight of 0
         * leaves an example out of the gradient; an integer weight k trains as k copies of it.
         *
         * @param weights one weight per example, each finite and at least 0, or null for none
         * @return this builder
         * @throws InvalidInputException for a weight that is negative, NaN or infinite, naming it
         */
        public Builder optSampleWeights(double[] weights) {
            if (weights != null) {
                for (int i = 0; i < weights.length; i++) {
                    if (!(weights[i] >= 0 && weights[i] < Double.POSITIVE_INFINITY)) {
                        throw new InvalidInputException("sample weight " + weights[i] + " of example " + i
                                + ": expected a finite number of at least 0");
                    }
                }
            }
            this.sampleWeights = weights == null ? null : weights.clone();
            return this;
        }

        /**
         * Weighs each training example's loss by its class's weight, as Keras' {@code
         * fit(..., class_weight={0: 1.0, 1: 5.0})}: a class left out weighs 1. The batch's loss is
         * {@code sum_i w_i L_i / m}, divided by the batch size as Keras divides it (not by the
         * weights' sum), and the training loss reported is that weighted loss; validation, {@code
         * evaluate} and the accuracies are not weighted. Only for one class per example: sparse
         * or categorical cross-entropy (the class is the one-hot row's argmax), or binary
         * cross-entropy with one output (the target rounded to 0 or 1); {@code fit} refuses a
         * regression, a multi-label model, and a class the model does not have. See {@link
         * ClassWeights}.
         *
         * @param weights class index to weight, each finite and at least 0
         * @return this builder
         * @throws InvalidInputException for a negative class or a weight that is negative, NaN
         *     or infinite
         */
        public Builder optClassWeights(java.util.Map<Integer, Double> weights) {
            this.classWeights = ClassWeights.of(weights);
            return this;
        }

        /**
         * Weighs each training example's loss by its class's weight: given ones ({@link
         * ClassWeights#of}), or {@link ClassWeights#balanced()}, scikit-learn's {@code n /
         * (n_classes * count_c)} of the examples {@code fit} trains on. As {@link
         * #optClassWeights(java.util.Map)} otherwise.
         *
         * @param weights the weights, or null for none
         * @return this builder
         */
        public Builder optClassWeights(ClassWeights weights) {
            this.classWeights = weights;
            return this;
        }

        /**
         * Continues a fit from a checkpoint written by {@link
         * dev.nntrain.train.callback.TrainingCheckpoint} (Keras' {@code BackupAndRestore}): the
         * model's parameters, the optimiser's state, the random generator, the order of the
         * examples and the history are put back, and training goes on from the epoch after the
         * checkpoint's, with each callback's state (early stopping's best loss and patience) put
         * back too. On one thread the result is bit-identical to a fit that never stopped. The fit
         * must be given the same data, options and callbacks (the checkpoint records them; the
         * number of epochs may grow); without a seed it takes the one the checkpointed fit drew.
         * Where no checkpoint exists yet the fit starts afresh, so one configuration serves the
         * first run and every run after a crash, as with Keras' {@code BackupAndRestore}.
         *
         * @param dir the checkpoint directory (none there yet: start afresh), or null to start afresh
         * @return this builder
         */
        public Builder optResumeFrom(Path dir) {
            this.resumeFrom = dir;
            return this;
        }

        /**
         * Sets the number of epochs (default 1).
         *
         * @param epochs a positive count
         * @return this builder
         */
        public Builder optEpochs(int epochs) {
            if (epochs <= 0) {
                throw new InvalidInputException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the batch size (default 32, as in Keras).
         *
         * @param batchSize a positive count
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new InvalidInputException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets whether to reshuffle before every epoch (default true).
         *
         * @param shuffle the flag
         * @return this builder
         */
        public Builder optShuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Seeds the shuffling and, if the model is not built yet, its initial weights, so that a
         * CPU run is reproducible.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Holds out the last fraction of the training data (before shuffling, as Keras does) for
         * validation after every epoch: the first {@code floor(n (1 - fraction))} examples train,
         * Keras' rule.
         *
         * @param fraction in [0, 1)
         * @return this builder
         */
        public Builder optValidationSplit(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new InvalidInputException(
                        "validation split must be in [0, 1), got " + fraction);
            }
            this.validationSplit = fraction;
            return this;
        }

        /**
         * Evaluates on these examples after every epoch.
         *
         * @param data the validation examples
         * @return this builder
         */
        public Builder optValidationData(Examples data) {
            this.validationData = data;
            return this;
        }

        /**
         * Turns the running training metric on or off (default on): the accuracy of a classifier,
         * the mean absolute error ({@code mae}) of a regression. It costs a few engine operations
         * per step.
         *
         * @param measure the flag
         * @return this builder
         */
        public Builder optTrainAccuracy(boolean measure) {
            this.trainAccuracy = measure;
            return this;
        }

        /**
         * Transforms the training examples afresh before every epoch (for instance {@link
         * dev.nntrain.data.RandomShift}); validation data is never augmented.
         *
         * @param augmentation the augmentation, or null for none
         * @return this builder
         */
        public Builder optAugmentation(Augmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /**
         * Adds a callback. Callbacks run in the order added, except {@link TrainingCheckpoint}s,
         * which run after all others (and after the epoch's printed line), so that a checkpoint
         * holds the other callbacks' state as the epoch left it.
         *
         * @param callback the callback
         * @return this builder
         */
        public Builder addCallback(Callback callback) {
            callbacks.add(java.util.Objects.requireNonNull(callback, "callback"));
            return this;
        }

        /**
         * Sets what fit prints, as Keras' {@code verbose}: 0 nothing, 1 (the default) or 2 one
         * line per epoch on standard output, {@code Epoch 3/40 - loss: 0.3121 - accuracy: ...}.
         * The in-place progress bar of a terminal is {@link
         * dev.nntrain.train.callback.ProgressBarCallback}.
         *
         * @param verbose 0, 1 or 2
         * @return this builder
         */
        public Builder optVerbose(int verbose) {
            if (verbose < 0 || verbose > 2) {
                throw new InvalidInputException("verbose must be 0, 1 or 2, got " + verbose);
            }
            this.verbose = verbose;
            return this;
        }

        /** @return the options */
        public FitOptions build() {
            if (validationData != null && validationSplit > 0) {
                throw new InvalidInputException(
                        "give either validation data or a validation split, not both");
            }
            return new FitOptions(this);
        }
    }
}
