package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.data.Standardizer;
import dev.nntrain.data.csv.FeatureColumns;
import dev.nntrain.engine.EngineScalars;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Activations;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.Shapes;
import dev.nntrain.model.file.LoadOptions;
import dev.nntrain.model.file.ModelFiles;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.metric.Evaluation;
import dev.nntrain.train.metric.MetricTally;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.Optimizer;
import dev.nntrain.train.optimizer.RMSprop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * A {@link Sequential} model with its loss and optimiser: Keras' {@code model.compile(...)}
 * followed by {@code fit}, {@code evaluate} and {@code predict}.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(
 *         Dense.of(25, Activation.RELU), Dense.of(15, Activation.RELU), Dense.of(10));
 * try (CompiledModel net = CompiledModel.compile(
 *         model, new SparseCategoricalCrossentropy(true), new Adam(1e-3))) {
 *     History history = net.fit(train, FitOptions.builder().optEpochs(40).build());
 *     float[][] logits = net.predict(test.featureRows());
 *     float[][] probabilities = Activations.softmax(logits); // or net.predictProbabilities(...)
 * }
 * }</pre>
 *
 * <p>Closing the compiled model closes the {@link Sequential} (its parameters) too; a closed
 * model is refused from then on, never rebuilt from its seed.
 *
 * <p><b>Threads.</b> Different models may train, evaluate and predict on different threads at the
 * same time: each has its own parameters and optimiser state, and what they share, DJL's
 * process-wide gradient collector, is taken in turn ({@link
 * dev.nntrain.engine.Engines#newGradientCollector}), so only the autograd part of their steps runs
 * one at a time. Several threads may call {@link #predict} on one model at once. Not safe: two
 * {@code fit} calls on one model at the same time (they update the same parameters and optimiser
 * state), and {@link #close} while another thread still uses the model; a {@code predict} during a
 * {@code fit} of the same model sees parameters mid-step. Dropout masks come from the engine's
 * one random generator, which each fit reseeds every epoch ({@code fit} therefore also resets the
 * generator an application draws from): dropout models trained at the same time draw from a
 * shared sequence, so their results differ from the same fits run one after the other.
 *
 * <p>To stop a fit running on another thread, interrupt that thread (or cancel its {@code
 * Future} with {@code cancel(true)}): the fit ends after the step it is taking with a {@link
 * TrainingInterruptedException}, which holds the epochs completed. A callback ends a fit without
 * an exception through {@code TrainingContext.stopTraining()}: after the current step when asked
 * from {@code onBatchEnd}, as Keras' {@code stop_training} does, after the epoch from {@code
 * onEpochEnd}.
 */
public final class CompiledModel implements AutoCloseable {

    /** Keras' default batch size. */
    private static final int KERAS_BATCH = 32;
    /** Model-file properties that hold the optimiser's settings, e.g. {@code optimizer.rho}. */
    private static final String OPTIMIZER_PREFIX = "optimizer.";

    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private OptimizerState state;
    private boolean writtenBackpropAllowed = true;
    private final DataDescription description; // the inputs' scaling and columns, the classes' names

    /** The model property that {@link #setClassNames} records the names in, as a JSON array. */
    public static final String CLASS_NAMES_PROPERTY = "class_names";
    /** The model property that {@link #setFeatureColumns} records the columns in, as JSON. */
    public static final String FEATURE_COLUMNS_PROPERTY = "feature_columns";
    /** The model property that {@link #setOutputNames} records the names in, as a JSON array. */
    public static final String OUTPUT_NAMES_PROPERTY = "output_names";

    private CompiledModel(Sequential model, Loss loss, Optimizer optimizer) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        if (model.isClosed()) {
            throw new IllegalStateException("cannot compile a closed model: its parameters were freed (closing a"
                    + " CompiledModel closes its Sequential too); keep the first CompiledModel open to recompile");
        }
        loss.checkOutputActivation(model.outputActivation());
        this.description = DataDescription.readFrom(model.properties());
        checkDescription(); // a loaded model's, hand-edited or not
        recordSettings();
    }

    /**
     * Writes this compile's loss and optimiser into the model's properties, which a saved model
     * carries. Done again at every save, so that of two compiles of one model, the one saved
     * records its own settings, not the last compile's.
     */
    void recordSettings() {
        model.properties().put("loss", loss.name());
        model.properties().put("from_logits", Boolean.toString(loss.fromLogits()));
        model.properties().put("optimizer", optimizer.name());
        model.properties().put("learning_rate", Double.toString(optimizer.learningRate()));
        model.properties().keySet().removeIf(key -> key.startsWith(OPTIMIZER_PREFIX)); // an earlier compile's
        optimizer.config().forEach((key, value) -> model.properties().put(OPTIMIZER_PREFIX + key, Double.toString(value)));
        description.writeTo(model.properties());
    }

    /** Checks the description against the built model: a name per class, an input per column's. */
    private void checkDescription() {
        boolean built = model.isBuilt();
        description.checkAgainst(loss, built ? outputWidth() : -1,
                built ? dev.nntrain.model.Shapes.size(model.inputShape()) : -1);
    }

    /**
     * Records how a CSV file's columns become this model's inputs (which are categories, one-hot
     * encoded, and which are ignored): {@code save} keeps them, and {@code nntrain evaluate} and
     * {@code predict} read a new file, or a row typed on the command line, through them, so that
     * a category is the same input as in training, and a header that orders or names the columns
     * otherwise is refused. {@code nntrain train} records a CSV's columns this way when any is not
     * a number or the file has a header; {@code fit} and {@code evaluate} refuse examples read
     * through other columns.
     *
     * @param columns the columns, as {@link Examples#featureColumns()} gives them; null for none
     * @throws InvalidInputException if a built model's input is not as wide as the columns' inputs
     */
    public void setFeatureColumns(FeatureColumns columns) {
        description.setFeatureColumns(columns, model.isBuilt() ? dev.nntrain.model.Shapes.size(model.inputShape()) : -1);
        recordSettings();
    }

    /** @return how a CSV file's columns become this model's inputs, where any is not a number */
    public Optional<FeatureColumns> featureColumns() {
        return Optional.ofNullable(description.featureColumns());
    }

    /**
     * Names the classes this classifier tells apart: {@code save} records them, a loaded model
     * has them, {@code nntrain evaluate} and {@code predict} print them, and {@code fit} and
     * {@code evaluate} refuse examples that name their classes otherwise (the same names in
     * another order would swap classes without a word). {@code nntrain train} names a CSV's text
     * labels and Fashion-MNIST's articles this way.
     *
     * @param names each class's name by class number (for one sigmoid output, classes 0 and
     *     1), distinct and non-blank; empty for none
     * @throws InvalidInputException if a name is blank or repeated, the loss is not a single-label
     *     classifier's, or a built model's outputs are not that many classes
     */
    public void setClassNames(List<String> names) {
        Objects.requireNonNull(names, "names");
        description.setClassNames(names, loss, model.isBuilt() ? outputWidth() : -1);
        recordSettings();
    }

    /** @return each class's name by class number, or an empty list where none were given */
    public List<String> classNames() {
        return description.classNames();
    }

    /**
     * Names a regression's outputs, as a CSV file's header names its label columns: {@code save}
     * records them, a loaded model has them, {@code nntrain predict} and {@code evaluate} print
     * them, and {@code fit} and {@code evaluate} refuse examples that name their targets otherwise
     * (the same names in another order would swap outputs without a word).
     *
     * @param names each output's name, distinct and non-blank; empty for none
     * @throws InvalidInputException if a name is blank or repeated, the loss is a classifier's, or
     *     a built model's outputs are not that many
     */
    public void setOutputNames(List<String> names) {
        Objects.requireNonNull(names, "names");
        description.setOutputNames(names, loss, model.isBuilt() ? outputWidth() : -1);
        recordSettings();
    }

    /** @return each regression output's name, or an empty list where none were given */
    public List<String> outputNames() {
        return description.outputNames();
    }

    /**
     * Makes the model standardise its inputs: {@code fit}, {@code evaluate} and every {@code
     * predict} then take raw features and apply this scaling first, and {@link #save} records it,
     * so a loaded model applies it too. This is how {@code nntrain train} saves a CSV model's
     * scaling; a model that records one applies it from the moment it is compiled or loaded.
     *
     * @param scaling the statistics to standardise with, fitted on the training examples; null
     *     to stop scaling
     */
    public void setInputScaling(Standardizer scaling) {
        description.setInputScaling(scaling);
        recordSettings();
    }

    /** @return the scaling applied to raw inputs before the model sees them, if any */
    public Optional<Standardizer> inputScaling() {
        return Optional.ofNullable(description.inputScaling());
    }

    private Examples scaled(Examples data) {
        Standardizer scaling = description.inputScaling();
        return scaling == null || data == null ? data : scaling.apply(data);
    }

    /**
     * Pairs a model with a loss and an optimiser, Keras' {@code compile}.
     *
     * @param model the model (built or not)
     * @param loss the loss
     * @param optimizer the optimiser
     * @return the compiled model
     * @throws IllegalArgumentException if the output activation contradicts the loss, e.g. a
     *     softmax output with a from-logits loss
     */
    public static CompiledModel compile(Sequential model, Loss loss, Optimizer optimizer) {
        return new CompiledModel(model, loss, optimizer);
    }

    /**
     * Pairs a model with a loss and Keras' default optimiser, {@link RMSprop} with learning rate
     * 1e-3 (Keras' {@code compile} names {@code "rmsprop"} when no optimiser is given).
     *
     * @param model the model (built or not)
     * @param loss the loss
     * @return the compiled model
     * @throws IllegalArgumentException if the output activation contradicts the loss
     */
    public static CompiledModel compile(Sequential model, Loss loss) {
        return compile(model, loss, new RMSprop());
    }

    /** @return the model */
    public Sequential model() {
        return model;
    }

    /** @return the loss */
    public Loss loss() {
        return loss;
    }

    /** @return the optimiser */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The optimiser's state, kept from one {@code fit} to the next as in Keras; null before the first. */
    OptimizerState optimizerState() {
        return state;
    }

    /**
     * A copy of the optimiser's state as it is now (Adam's moments, the step count, the learning
     * rate), for {@link #restoreOptimizerState} to put back after trial steps, as a learning-rate
     * range test ({@code train.tune.LearningRateFinder}) takes them.
     *
     * @return the copy, or null before the first fit (no state yet)
     */
    public Optimizer.Updater.State optimizerStateCopy() {
        return state == null ? null : state.updater().state();
    }

    /**
     * Puts back a state that {@link #optimizerStateCopy} returned on this model. Null frees the
     * state, so that the next fit creates it, and chooses the gradient path, as a first fit does.
     *
     * @param copy a copy from this model, or null for "before the first fit"
     * @throws IllegalStateException if the copy is not null and the model has no state to restore into
     */
    public void restoreOptimizerState(Optimizer.Updater.State copy) {
        if (copy == null) {
            if (state != null) {
                state.close();
                state = null;
            }
        } else if (state == null) {
            throw new IllegalStateException("the optimiser's state was freed since the copy was taken; fit once first");
        } else {
            state.updater().restore(copy);
        }
    }

    /**
     * Trains on classification data given as plain arrays.
     *
     * @param x one row of features per example
     * @param labels one class index per example
     * @param options epochs, batch size, seed, validation, callbacks
     * @return the per-epoch history
     */
    public History fit(float[][] x, int[] labels, FitOptions options) {
        return fit(Examples.of(x, labels), options);
    }

    /**
     * Trains on real-valued (regression or multi-label) targets given as plain arrays.
     *
     * @param x one row of features per example
     * @param y one row of targets per example
     * @param options epochs, batch size, seed, validation, callbacks
     * @return the per-epoch history
     */
    public History fit(float[][] x, float[][] y, FitOptions options) {
        return fit(Examples.of(x, y), options);
    }

    /**
     * Trains on double arrays with real-valued targets.
     *
     * @param x one row of features per example
     * @param y one row of targets per example
     * @param options the options
     * @return the per-epoch history
     */
    public History fit(double[][] x, double[][] y, FitOptions options) {
        return fit(Examples.of(x, y), options);
    }

    /**
     * Trains on double features with class labels.
     *
     * @param x one row of features per example
     * @param labels one class index per example
     * @param options the options
     * @return the per-epoch history
     */
    public History fit(double[][] x, int[] labels, FitOptions options) {
        return fit(Examples.of(x, labels), options);
    }

    /**
     * Trains on arrays already on the engine: {@code x} has examples along the first axis,
     * {@code y} holds one class index or one row of targets per example.
     *
     * @param x the inputs
     * @param y the targets
     * @param options the options
     * @return the per-epoch history
     */
    public History fit(NDArray x, NDArray y, FitOptions options) {
        return fit(toExamples(x, y), options);
    }

    /**
     * Trains as Keras' {@code model.fit(x, y, epochs=...)} does: batches of 32, shuffled, one line
     * printed per epoch.
     *
     * @param x one row of features per example
     * @param labels one class index per example
     * @param epochs the number of epochs
     * @return the per-epoch history
     */
    public History fit(float[][] x, int[] labels, int epochs) {
        return fit(x, labels, epochs, KERAS_BATCH);
    }

    /**
     * Trains as Keras' {@code model.fit(x, y, epochs=..., batch_size=...)} does.
     *
     * @param x one row of features per example
     * @param labels one class index per example
     * @param epochs the number of epochs
     * @param batchSize the examples per step
     * @return the per-epoch history
     */
    public History fit(float[][] x, int[] labels, int epochs, int batchSize) {
        return fit(Examples.of(x, labels), FitOptions.epochs(epochs, batchSize));
    }

    /**
     * Trains on real-valued targets as Keras' {@code model.fit(x, y, epochs=...)} does.
     *
     * @param x one row of features per example
     * @param y one row of targets per example
     * @param epochs the number of epochs
     * @return the per-epoch history
     */
    public History fit(float[][] x, float[][] y, int epochs) {
        return fit(x, y, epochs, KERAS_BATCH);
    }

    /**
     * Trains on real-valued targets as Keras' {@code model.fit(x, y, epochs=..., batch_size=...)}.
     *
     * @param x one row of features per example
     * @param y one row of targets per example
     * @param epochs the number of epochs
     * @param batchSize the examples per step
     * @return the per-epoch history
     */
    public History fit(float[][] x, float[][] y, int epochs, int batchSize) {
        return fit(Examples.of(x, y), FitOptions.epochs(epochs, batchSize));
    }

    /**
     * Trains on double arrays as Keras' {@code model.fit(x, y, epochs=...)} does.
     *
     * @param x one row of features per example
     * @param y one row of targets per example
     * @param epochs the number of epochs
     * @return the per-epoch history
     */
    public History fit(double[][] x, double[][] y, int epochs) {
        return fit(x, y, epochs, KERAS_BATCH);
    }

    /**
     * Trains on double arrays as Keras' {@code model.fit(x, y, epochs=..., batch_size=...)}.
     *
     * @param x one row of features per example
     * @param y one row of targets per example
     * @param epochs the number of epochs
     * @param batchSize the examples per step
     * @return the per-epoch history
     */
    public History fit(double[][] x, double[][] y, int epochs, int batchSize) {
        return fit(Examples.of(x, y), FitOptions.epochs(epochs, batchSize));
    }

    /**
     * Trains on double features with class labels as Keras' {@code model.fit(x, y, epochs=...)}.
     *
     * @param x one row of features per example
     * @param labels one class index per example
     * @param epochs the number of epochs
     * @return the per-epoch history
     */
    public History fit(double[][] x, int[] labels, int epochs) {
        return fit(x, labels, epochs, KERAS_BATCH);
    }

    /**
     * Trains on double features with class labels, Keras' {@code model.fit(x, y, epochs=...,
     * batch_size=...)}.
     *
     * @param x one row of features per example
     * @param labels one class index per example
     * @param epochs the number of epochs
     * @param batchSize the examples per step
     * @return the per-epoch history
     */
    public History fit(double[][] x, int[] labels, int epochs, int batchSize) {
        return fit(Examples.of(x, labels), FitOptions.epochs(epochs, batchSize));
    }

    /**
     * Trains on examples.
     *
     * @param data the training examples
     * @param options epochs, batch size, seed, validation, callbacks
     * @return the per-epoch history
     * @throws InvalidInputException if the examples do not fit the model or the loss, or a
     *     feature of the training or validation data is NaN or infinite (naming the example)
     * @throws TrainingDivergedException if the loss or a parameter stops being finite
     * @throws TrainingInterruptedException if the thread is interrupted; the fit ends after
     *     the step it is taking
     */
    public History fit(Examples data, FitOptions options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        Engines.prepareThread();
        if (data.size() == 0) {
            throw new InvalidInputException("no training examples");
        }
        // NaN or infinite inputs would surface as a diverged loss, blamed on the learning rate
        data.requireFiniteFeatures("training data");
        if (options.validationData() != null) {
            options.validationData().requireFiniteFeatures("validation data");
        }
        Examples train = shapedForModel(scaled(data));
        Examples validation = shapedForModel(scaled(options.validationData()));
        if (options.validationSplit() > 0) {
            int cut = options.trainingExamples(data.size()); // the first examples train, the rest validate
            validation = train.slice(cut, data.size());
            train = train.slice(0, cut);
        }
        float[] sampleWeights = ExampleWeights.forTraining(options.sampleWeights(), data.size(), train.size());
        // no checkpoint yet (no folder, an empty one, a first save killed before it finished): start afresh
        Path resumeFrom = options.resumeFrom() != null
                && Files.isRegularFile(options.resumeFrom().resolve(ModelFiles.CONFIG))
                ? options.resumeFrom() : null;
        Long given = options.seed();
        if (given == null && resumeFrom != null) {
            given = Checkpoint.read(resumeFrom).fit().seed(); // an unseeded fit goes on with the seed it drew
        }
        long seed = given != null ? given : new Random().nextLong();
        // the model's own seed, when it has one, decides its weights; this one the rest
        ensureBuilt(train, seed);
        Engines.seedRandom(seed);
        validate(train, "training");
        if (validation != null) {
            validate(validation, "validation");
        }
        // checked against the model and the training examples before any epoch
        ClassWeights.Resolved classWeights = options.classWeights() == null ? null
                : options.classWeights().resolve(loss, train, outputWidth());
        if (state == null) {
            state = OptimizerState.create(model, loss, optimizer, writtenBackpropAllowed);
        }
        return new FitRun(this, train, validation, options, seed, resumeFrom, classWeights, sampleWeights).run();
    }

    /**
     * Gives flat rows the model's input shape when the model takes examples with more axes (a
     * convolutional model's channels and length, or channels, height and width), as {@link
     * #predict(float[][])} does; other examples are returned as they are.
     */
    private Examples shapedForModel(Examples data) {
        if (data == null || !model.isBuilt()) {
            return data;
        }
        long[] input = model.inputShape();
        long[] shape = data.featureShape();
        boolean flatRows = shape.length == 1 && input.length > 1 && shape[0] == Shapes.size(input);
        return flatRows ? data.withFeatureShape(input) : data;
    }

    private void ensureBuilt(Examples data, long seed) {
        if (!model.isBuilt()) {
            model.build(data.featureShape(), seed);
        }
    }

    /** Checks the examples' shape and targets against the model and the loss. */
    void validate(Examples data, String what) {
        long[] shape = new long[data.featureShape().length + 1];
        shape[0] = data.size();
        System.arraycopy(data.featureShape(), 0, shape, 1, shape.length - 1);
        try {
            model.checkInput(new Shape(shape));
            loss.checkOutputWidth(outputWidth());
            loss.validateTargets(data.targets(), data.targetWidth(), outputWidth());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + " data: " + e.getMessage(), e);
        }
        checkDescription();
        description.checkData(data, what);
    }

    long outputWidth() {
        long[] out = model.outputShape();
        return out[out.length - 1];
    }

    /**
     * Chooses between the written-out backpropagation (the default, where every layer and the loss
     * have one: each layer's own backward, fewer engine calls) and DJL's autograd, which records
     * the forward pass and replays it backwards. Both compute the same gradients (the tests hold
     * them to each other and to finite differences); {@code false} is for comparing the two, for
     * timing them on a device (bench/gpu.sh does), or for ruling the written-out path out when a
     * result looks wrong.
     *
     * @param allowed {@code false} to train through DJL's autograd
     * @throws IllegalStateException after the first fit, which fixes the path
     */
    public void setWrittenBackpropAllowed(boolean allowed) {
        if (state != null) {
            throw new IllegalStateException("the training path is chosen at the first fit");
        }
        writtenBackpropAllowed = allowed;
    }

    /** @return whether fit uses the written-out backpropagation (known after the first fit) */
    public boolean usesWrittenBackprop() {
        return state != null && state.written() != null;
    }

    /**
     * What carries over from one fit to the next, as Keras keeps it: the optimiser's moments and
     * step count, and the gradient path chosen at the first fit.
     */
    record OptimizerState(WrittenBackprop written, Optimizer.Updater updater, EngineScalars scalars)
            implements AutoCloseable {

        static OptimizerState create(Sequential model, Loss loss, Optimizer optimizer, boolean allowWritten) {
            EngineScalars scalars = new EngineScalars(model.manager(), model.dataType());
            WrittenBackprop written = allowWritten && WrittenBackprop.supports(model, loss)
                    ? new WrittenBackprop(model, loss, scalars)
                    : null;
            return new OptimizerState(written, optimizer.newUpdater(model.parameters().flat()), scalars);
        }

        @Override
        public void close() {
            updater.close();
            scalars.close();
        }
    }

    /**
     * Puts examples on the engine: features as the model's type with the model's input shape,
     * targets as the loss expects them.
     */
    NDArray[] upload(NDManager manager, Examples data) {
        NDArray x = uploadFeatures(manager, data);
        NDArray y = loss.targets(manager, data.targets(), data.size(), data.targetWidth(), outputWidth(), model.dataType());
        return new NDArray[] {x, y};
    }

    NDArray uploadFeatures(NDManager manager, Examples data) {
        NDArray x = manager.create(data.features(), new Shape(Shapes.batched(data.size(), data.featureShape())));
        if (model.dataType() != DataType.FLOAT32) {
            NDArray cast = x.toType(model.dataType(), false);
            x.close();
            x = cast;
        }
        return x;
    }

    /**
     * Computes the loss and the metrics on examples: accuracy, and as they apply binary accuracy,
     * the mean absolute error, and precision and recall per class (see {@link Evaluation}).
     *
     * @param data the examples (flat rows are given a convolutional model's input shape)
     * @return the evaluation
     * @throws InvalidInputException if the examples do not fit the model or the loss, or a
     *     feature is NaN or infinite (naming the example)
     */
    public Evaluation evaluate(Examples data) {
        Objects.requireNonNull(data, "data");
        data.requireFiniteFeatures("evaluation data"); // a NaN loss would not say which input
        return evaluateScaled(scaled(data));
    }

    /** Evaluates examples already scaled as the model's inputs (a fit's validation rows are). */
    Evaluation evaluateScaled(Examples data) {
        if (model.isClosed() || !model.isBuilt()) {
            throw new IllegalStateException(model.isClosed() ? "the model has been closed" : "the model is not built yet: fit it first");
        }
        data = shapedForModel(data);
        validate(data, "evaluation");
        Engines.prepareThread();
        double lossTotal = 0;
        long correct = 0;
        MetricTally tally = new MetricTally(loss, (int) outputWidth());
        try (NDManager scope = model.manager().newSubManager()) {
            int chunkSize = BatchedInference.chunkSize(model);
            for (int start = 0; start < data.size(); start += chunkSize) {
                int end = Math.min(data.size(), start + chunkSize);
                try (NDManager chunk = scope.newSubManager()) {
                    Examples part = data.slice(start, end);
                    NDArray[] xy = upload(chunk, part);
                    NDArray out = model.forward(xy[0]);
                    // a regression's loss from float64 errors: float32's sum of large squared errors is off in
                    // the 4th decimal (diabetes: 25780.7383 for 25780.7393), and evaluate prints it beside the
                    // MSE the host computes in double from the same predictions
                    boolean inDoubles = !loss.hasAccuracy();
                    NDArray lossOut = inDoubles ? out.toType(DataType.FLOAT64, false) : out;
                    NDArray lossTarget = inDoubles ? xy[1].toType(DataType.FLOAT64, false) : xy[1];
                    lossTotal += loss.compute(lossOut, lossTarget).toType(DataType.FLOAT64, false).getDouble()
                            * (end - start);
                    if (loss.hasAccuracy()) {
                        correct += loss.countCorrect(out, xy[1]).getLong();
                    }
                    tally.add(out.toType(DataType.FLOAT32, false).toFloatArray(), part.targets(), part.targetWidth());
                }
            }
        }
        double accuracy = loss.hasAccuracy()
                ? correct / ((double) data.size() * loss.predictionsPerExample(outputWidth()))
                : Double.NaN;
        // the kernels' L2 penalties, as Keras adds the model's regularization losses in its test step
        double penalty = Regularization.hasAny(model) ? Regularization.penalty(model) : 0;
        return tally.result(lossTotal / data.size() + penalty, accuracy);
    }

    /**
     * Evaluates on classification data given as plain arrays.
     *
     * @param x one row of features per example
     * @param labels one class index per example
     * @return the evaluation
     */
    public Evaluation evaluate(float[][] x, int[] labels) {
        return evaluate(Examples.of(x, labels));
    }

    /**
     * Evaluates on real-valued targets given as plain arrays.
     *
     * @param x one row of features per example
     * @param y one row of targets per example
     * @return the evaluation
     */
    public Evaluation evaluate(float[][] x, float[][] y) {
        return evaluate(Examples.of(x, y));
    }

    /**
     * Evaluates on double features with class labels, as {@link #evaluate(float[][], int[])}.
     *
     * @param x one row of features per example
     * @param labels one class index per example
     * @return the evaluation
     */
    public Evaluation evaluate(double[][] x, int[] labels) {
        return evaluate(Examples.of(x, labels));
    }

    /**
     * Evaluates on double features with real-valued targets, as {@link #evaluate(float[][], float[][])}.
     *
     * @param x one row of features per example
     * @param y one row of targets per example
     * @return the evaluation
     */
    public Evaluation evaluate(double[][] x, double[][] y) {
        return evaluate(Examples.of(x, y));
    }

    /**
     * Predicts on double features, as {@link #predict(float[][])} (the model computes in its own
     * data type).
     *
     * @param x one row of features per example
     * @return one row of outputs per example
     */
    public float[][] predict(double[][] x) {
        return predict(toFloats(x));
    }

    /**
     * Predicts probabilities on double features, as {@link #predictProbabilities(float[][])}.
     *
     * @param x one row of features per example
     * @return one row of probabilities (or, for a regression, values) per example
     */
    public float[][] predictProbabilities(double[][] x) {
        return predictProbabilities(toFloats(x));
    }

    /**
     * Predicts class indices on double features, as {@link #predictClasses(float[][])}; {@code
     * net::predictClasses} then serves where a {@code Function<double[][], int[]>} is wanted, such
     * as {@code dev.nntrain.plot.DecisionCharts.regions}.
     *
     * @param x one row of features per example
     * @return one class index per example
     */
    public int[] predictClasses(double[][] x) {
        return predictClasses(toFloats(x));
    }

    private static float[][] toFloats(double[][] x) {
        Objects.requireNonNull(x, "x");
        float[][] rows = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] row = Objects.requireNonNull(x[i], "x[" + i + "]");
            rows[i] = new float[row.length];
            for (int j = 0; j < row.length; j++) {
                rows[i][j] = (float) row[j];
            }
        }
        return rows;
    }

    /**
     * Predicts, as Keras' {@code model.predict} does: what the output layer outputs. With a
     * from-logits loss (a linear output layer) these are the logits; {@link
     * #predictProbabilities} or {@link Activations} turn them into probabilities.
     *
     * @param x one row of features per example (reshaped to the model's input shape)
     * @return one row of outputs per example
     */
    public float[][] predict(float[][] x) {
        Objects.requireNonNull(x, "x");
        Standardizer inputScaling = description.inputScaling();
        if (inputScaling != null) {
            float[][] rows = new float[x.length][];
            for (int i = 0; i < x.length; i++) {
                Objects.requireNonNull(x[i], "x[" + i + "]");
                if (model.isBuilt()) {
                    BatchedInference.requireWidth(model, i, x[i].length); // the model's width, not the scaling's
                }
                rows[i] = inputScaling.apply(x[i]);
            }
            x = rows;
        }
        return BatchedInference.outputs(model, x);
    }

    /**
     * Predicts on the engine, as {@link #predict(float[][])}.
     *
     * @param x a batch, examples along the first axis, of any number type (converted to the
     *     model's data type, as {@link #fit(NDArray, NDArray, FitOptions)} converts)
     * @return the output layer's outputs (logits with a from-logits loss), on {@code x}'s manager,
     *     which holds nothing else from the call: closing the result frees all it took
     * @throws InvalidInputException if the examples' shape is not the model's, or their type holds
     *     no numbers (boolean, string), naming it and the model's
     */
    public NDArray predict(NDArray x) {
        Objects.requireNonNull(x, "x");
        Engines.prepareThread();
        Standardizer inputScaling = description.inputScaling();
        if (inputScaling == null) {
            return model.forward(x); // which converts x to the model's type
        }
        model.checkInput(x.getShape()); // the model's width, not the scaling's
        model.checkInputType(x.getDataType());
        if (x.getDataType() != model.dataType()) {
            // before scaling: the scaled copy keeps its input's type, and integers would truncate it
            try (NDArray converted = x.toType(model.dataType(), true)) {
                return predict(converted);
            }
        }
        try (NDArray scaled = inputScaling.apply(x)) {
            return model.forward(scaled); // on the same manager as the scaled copy, which outlives it
        }
    }

    /**
     * Predicts probabilities: the outputs with the loss's {@link Loss#predictionActivation()}
     * applied, i.e. the sigmoid or softmax of the logits for a from-logits loss, and the outputs
     * themselves when the output layer already applies it (or for a regression).
     *
     * @param x one row of features per example
     * @return one row of probabilities (or, for a regression, values) per example
     */
    public float[][] predictProbabilities(float[][] x) {
        return probabilitiesFromOutputs(predict(x));
    }

    /**
     * Turns outputs of {@link #predict(float[][])} into what {@link #predictProbabilities} returns,
     * so that a caller who wants both the outputs and the probabilities runs the model once.
     *
     * @param outputs one row of the output layer's outputs per example, as {@code predict} returns
     * @return one row of probabilities (or, for a regression, the outputs themselves) per example
     * @throws IllegalArgumentException if the rows are not all as wide as the model's output
     */
    public float[][] probabilitiesFromOutputs(float[][] outputs) {
        int width = checkOutputRows(outputs);
        Activation toProbabilities = loss.predictionActivation();
        if (toProbabilities == Activation.LINEAR || outputs.length == 0) {
            return outputs;
        }
        float[] flat = new float[Math.multiplyExact(outputs.length, width)];
        for (int i = 0; i < outputs.length; i++) {
            System.arraycopy(outputs[i], 0, flat, i * width, width);
        }
        try (NDManager scope = model.manager().newSubManager()) {
            float[] probs = toProbabilities.apply(scope.create(flat, new Shape(outputs.length, width))).toFloatArray();
            float[][] result = new float[outputs.length][];
            for (int i = 0; i < outputs.length; i++) {
                result[i] = Arrays.copyOfRange(probs, i * width, (i + 1) * width);
            }
            return result;
        }
    }

    /** The values per example every row must have (as predict returns them); names the first row that differs. */
    private int checkOutputRows(float[][] outputs) {
        Objects.requireNonNull(outputs, "outputs");
        long[] shape = model.outputShape();
        int width = 1;
        for (int k = 0; k < shape.length; k++) {
            width = Math.multiplyExact(width, (int) shape[k]);
        }
        for (int i = 0; i < outputs.length; i++) {
            float[] row = Objects.requireNonNull(outputs[i], "outputs[" + i + "]");
            if (row.length != width) {
                throw new IllegalArgumentException("outputs[" + i + "] has " + row.length + " values; the model outputs "
                        + width + " per example");
            }
        }
        return width;
    }

    /**
     * Predicts probabilities on the engine, as {@link #predictProbabilities(float[][])}.
     *
     * @param x a batch, examples along the first axis, of any number type (converted to the
     *     model's data type)
     * @return the probabilities (the outputs, for a regression), on {@code x}'s manager, which
     *     holds nothing else from the call
     * @throws InvalidInputException as {@link #predict(NDArray)}
     */
    public NDArray predictProbabilities(NDArray x) {
        NDArray out = predict(x);
        NDArray probabilities = loss.predictionActivation().apply(out);
        if (probabilities != out) {
            out.close(); // the logits, which the caller never sees
        }
        return probabilities;
    }

    /**
     * Predicts class indices: the most probable class for a softmax classifier; for one sigmoid
     * output, 1 where the probability is above 0.5 (a logit above 0), else 0. The rule is the one
     * {@link #evaluate} counts accuracy with (Keras' {@code binary_accuracy}), so the two never
     * disagree, not even at exactly 0.5.
     *
     * @param x one row of features per example
     * @return one class index per example
     * @throws IllegalStateException for a regression, or several sigmoid outputs (multi-label),
     *     which have no single class: see {@link #predict} and {@link #predictProbabilities}
     */
    public int[] predictClasses(float[][] x) {
        checkHasClasses();
        return classesFromOutputs(predict(x));
    }

    /**
     * Turns outputs of {@link #predict(float[][])} into what {@link #predictClasses} returns, so
     * that a caller who wants both the outputs (or, through {@link #probabilitiesFromOutputs}, the
     * probabilities) and the classes runs the model once.
     *
     * @param outputs one row of the output layer's outputs per example, as {@code predict} returns
     * @return one class index per example
     * @throws IllegalStateException for a regression or a multi-label model, as {@code predictClasses}
     * @throws IllegalArgumentException if the rows are not all as wide as the model's output
     */
    public int[] classesFromOutputs(float[][] outputs) {
        checkHasClasses();
        checkOutputRows(outputs);
        // the outputs, not the probabilities: a logit of 1e-9 is above 0 but rounds to p = 0.5f
        double threshold = loss.fromLogits() ? 0 : 0.5;
        int[] classes = new int[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            float[] row = outputs[i];
            if (row.length == 1) {
                classes[i] = row[0] > threshold ? 1 : 0;
            } else {
                int best = 0;
                for (int j = 1; j < row.length; j++) {
                    if (row[j] > row[best]) {
                        best = j;
                    }
                }
                classes[i] = best;
            }
        }
        return classes;
    }

    private void checkHasClasses() {
        if (!loss.hasAccuracy()) {
            throw new IllegalStateException("a model trained with " + loss + " predicts values, not classes: use predict");
        }
        if (loss.predictionsPerExample(outputWidth()) > 1) {
            throw new IllegalStateException("a model with " + outputWidth() + " sigmoid outputs answers " + outputWidth()
                    + " yes/no questions, not one class: use predictProbabilities (above 0.5 is yes)");
        }
    }

    /**
     * Saves the model with its loss and optimiser settings and its input scaling, if any (see
     * {@link Sequential#save}). The optimiser's state (Adam's moments and step count) is not part
     * of a model: a {@link dev.nntrain.train.callback.TrainingCheckpoint} keeps it, to continue a
     * fit exactly; a loaded model's next fit starts the optimiser afresh.
     *
     * @param dir the model directory
     * @throws IOException if writing fails
     */
    public void save(Path dir) throws IOException {
        recordSettings();
        model.save(dir);
    }

    /**
     * Loads a model saved by {@link #save} and compiles it with the loss and optimiser it was
     * saved with.
     *
     * @param dir the model directory
     * @return the compiled model
     * @throws IOException if reading fails
     */
    public static CompiledModel load(Path dir) throws IOException {
        return load(dir, LoadOptions.defaults());
    }

    /**
     * Loads a model saved by {@link #save} with load options (device, checksum verification) and
     * compiles it with the loss and optimiser it was saved with.
     *
     * @param dir the model directory
     * @param options the device, and whether to verify the checksum
     * @return the compiled model
     * @throws IOException if reading fails
     */
    public static CompiledModel load(Path dir, LoadOptions options) throws IOException {
        Sequential model = Sequential.load(dir, options);
        try {
            Map<String, String> p = model.properties();
            String lossName = p.get("loss");
            if (lossName == null) {
                throw new ModelFormatException(
                        dir.resolve(ModelFiles.CONFIG) + " records no loss; it was not saved by a compiled model");
            }
            String logits = p.get("from_logits");
            if (logits != null && !logits.equals("true") && !logits.equals("false")) {
                throw new ModelFormatException(dir.resolve(ModelFiles.CONFIG) + ": property from_logits is '" + logits
                        + "'; expected true or false");
            }
            Loss loss = Loss.parse(lossName, Boolean.parseBoolean(logits));
            // a damaged scaling named with its file here; compile then reads it as the model's
            Standardizer.readFrom(p, dir.resolve(ModelFiles.CONFIG).toString());
            String opt = p.get("optimizer");
            String rate = p.get("learning_rate");
            if (opt == null || rate == null) {
                throw new ModelFormatException(
                        dir.resolve(ModelFiles.CONFIG) + " records no optimizer or learning rate; it was not saved by a compiled model");
            }
            try {
                return compile(model, loss, Optimizer.fromConfig(opt, number(p, "learning_rate", dir),
                        optimizerConfig(p, dir)));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(dir.resolve(ModelFiles.CONFIG) + ": " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static Map<String, Double> optimizerConfig(Map<String, String> properties, Path dir) {
        Map<String, Double> config = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(OPTIMIZER_PREFIX)) {
                config.put(key.substring(OPTIMIZER_PREFIX.length()), number(properties, key, dir));
            }
        });
        return config;
    }

    /** A property that holds a number, named with its file when it does not. */
    private static double number(Map<String, String> properties, String key, Path dir) {
        String value = properties.get(key);
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new ModelFormatException(dir.resolve(ModelFiles.CONFIG) + ": property " + key + " is '" + value
                    + "'; expected a number", e);
        }
    }

    private Examples toExamples(NDArray x, NDArray y) {
        long n = x.getShape().get(0);
        if (y.getShape().get(0) != n) {
            throw new InvalidInputException(
                    n + " examples but " + y.getShape().get(0) + " targets: the counts must match");
        }
        long[] featureShape = x.getShape().slice(1).getShape();
        float[] features = floats(x);
        float[] targets = floats(y);
        int width = (int) (targets.length / Math.max(1, n));
        boolean labels = y.getDataType().isInteger();
        int classes = 0;
        if (labels) {
            for (float t : targets) {
                classes = Math.max(classes, (int) t + 1);
            }
        }
        return Examples.of(features, featureShape, targets, width, classes);
    }

    /** An array's values as floats, without leaving a converted copy on its manager. */
    private static float[] floats(NDArray a) {
        if (a.getDataType() == DataType.FLOAT32) {
            return a.toFloatArray();
        }
        try (NDArray converted = a.toType(DataType.FLOAT32, true)) {
            return converted.toFloatArray();
        }
    }

    /** Frees the optimiser state and the model's parameters. */
    @Override
    public void close() {
        if (state != null) {
            state.close();
            state = null;
        }
        model.close();
    }
}
