package dev.nntrain.train;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Sequential;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.CallbackState;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.metric.Evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code fit} call of a {@link CompiledModel}: its epochs, in order, each a pass of the
 * {@link TrainingLoop} over the shuffled (and, where asked, augmented) training examples, then
 * the validation metrics, the {@link History} entry and the callbacks; and, for a resumed fit,
 * putting back everything a {@link Checkpoint} saved. It is the {@link TrainingContext} the
 * callbacks see.
 */
final class FitRun implements TrainingContext {
    private final CompiledModel owner;
    private final Examples train;
    private final Examples validation;
    private final FitOptions options;
    private final long seed;
    private final ResumableRandom random;
    private final List<Callback> callbacks;
    private final int batches;
    private final DivergenceGuard guard;
    private final History history = new History();
    private int[] order;
    private int epochsDone;
    private TrainingLoop loop;
    private boolean stop;
    /** Whether the last epoch run ended before its last step, stopped by a callback. */
    private boolean cutShort;
    private final Path resumeFrom;

    /** The class weights resolved for this fit's training examples, or null for none. */
    private final ClassWeights.Resolved classWeights;
    /** The training examples' own weights ({@link FitOptions#sampleWeights}), or null for none. */
    private final float[] sampleWeights;

    FitRun(CompiledModel owner, Examples train, Examples validation, FitOptions options, long seed, Path resumeFrom,
            ClassWeights.Resolved classWeights, float[] sampleWeights) {
        this.owner = owner;
        this.classWeights = classWeights;
        this.sampleWeights = sampleWeights;
        this.train = train;
        this.validation = validation;
        this.options = options;
        this.seed = seed;
        this.random = new ResumableRandom(seed);
        this.callbacks = options.runCallbacks();
        this.batches = (int) ((train.size() + (long) options.batchSize() - 1) / options.batchSize());
        this.guard = new DivergenceGuard(owner.model().parameters().flat(), this::learningRate);
        this.resumeFrom = resumeFrom;
    }

    History run() {
        order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Checkpoint resumed = resumeFrom == null ? null : resume(resumeFrom);
        try (TrainingLoop l = new TrainingLoop(owner.model(), owner.loss(), owner.optimizerState(),
                ExampleWeights.combine(classWeights, sampleWeights))) {
            loop = l;
            loop.setData(train);
            callbacks.forEach(c -> c.onTrainBegin(this));
            if (resumed != null) {
                restoreCallbacks(resumed);
            }
            for (int epoch = epochsDone + 1; epoch <= options.epochs() && !stop; epoch++) {
                checkInterrupt(epoch, 0, batches);
                for (Callback c : callbacks) {
                    c.onEpochBegin(epoch, this);
                }
                EpochLogs logs = trainEpoch(epoch);
                history.add(logs);
                epochsDone = epoch;
                for (Callback c : callbacks) {
                    c.onEpochEnd(logs, this);
                }
            }
            if (stop && (epochsDone < options.epochs() || cutShort)) {
                history.markStoppedEarly();
            }
            callbacks.forEach(c -> c.onTrainEnd(history, this));
        } catch (RuntimeException e) {
            throw interruptedOr(e);
        } finally {
            loop = null;
            // the model must outlive every engine call above, whatever the JIT concludes
            java.lang.ref.Reference.reachabilityFence(owner);
        }
        return history;
    }

    /**
     * One pass over the training examples, then the validation metrics. A callback that stops
     * the fit from {@code onBatchEnd} ends the pass after that step, as Keras' {@code
     * stop_training} does: the epoch's metrics then cover the steps taken, and the validation
     * metrics and {@code onEpochEnd} follow as for a whole epoch.
     */
    private EpochLogs trainEpoch(int epoch) {
        boolean measure = options.trainAccuracy();
        // dropout's masks come from the engine's generator: seeding it per epoch makes an epoch's
        // draws independent of how the earlier epochs ran, so a resumed fit draws what an
        // uninterrupted one would
        Engines.seedRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        if (options.shuffle()) {
            shuffle(order);
        }
        if (options.augmentation() != null) {
            // fresh random copies each epoch; the previous copy is freed at once
            loop.setData(options.augmentation().apply(train, random));
        }
        long start = System.nanoTime();
        int count = loop.beginEpoch(order, Math.min(options.batchSize(), order.length));
        guard.beginEpoch();
        int steps = 0;
        while (steps < count) {
            loop.step(steps, measure);
            steps++;
            guard.afterStep(epoch, steps, loop::meanLoss);
            for (Callback c : callbacks) {
                c.onBatchEnd(epoch, steps, this);
            }
            checkInterrupt(epoch, steps, count);
            if (stop) {
                break; // as Keras: a stop asked for at a step's end ends the epoch there
            }
        }
        cutShort = steps < count;
        long examples = loop.examplesSeen();
        double loss = loop.meanLoss(); // waits for the queued steps
        double accuracy = measure ? loop.accuracy(owner.loss().predictionsPerExample(owner.outputWidth())) : Double.NaN;
        double meanAbsoluteError = measure ? loop.meanAbsoluteError() : Double.NaN;
        double learningRate = learningRate(); // the last step's: the epoch's, unless a callback changed it mid-epoch
        loop.endEpoch();
        double seconds = (System.nanoTime() - start) / 1e9;
        guard.endEpoch(epoch, steps, loss);
        // the validation rows were scaled with the training rows, at the start of fit
        Evaluation val = validation == null ? null : owner.evaluateScaled(validation);
        return new EpochLogs(epoch, loss, accuracy, meanAbsoluteError,
                val == null ? Double.NaN : val.loss(),
                val == null ? Double.NaN : val.accuracy(),
                val == null ? Double.NaN : val.meanAbsoluteError(),
                learningRate, seconds, examples / seconds);
    }

    /**
     * Ends the fit if its thread has been interrupted, leaving the interrupt status set. Asked
     * after every step (and its callbacks) and before every epoch: a step is never cut in half.
     */
    private void checkInterrupt(int epoch, int step, int steps) {
        if (Thread.currentThread().isInterrupted()) {
            throw interruption(step == 0 ? "before epoch " + epoch
                    : "in epoch " + epoch + " after step " + step + " of " + steps);
        }
    }

    /**
     * The exception to report for a failure: the interrupt, when the failure came from it (a file
     * channel that an interrupt closed while a callback wrote a checkpoint), so that the caller
     * who interrupted sees what it asked for; otherwise the failure itself.
     */
    private RuntimeException interruptedOr(RuntimeException e) {
        if (e instanceof TrainingInterruptedException || !Thread.currentThread().isInterrupted()) {
            return e;
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.nio.channels.ClosedByInterruptException || c instanceof InterruptedException) {
                TrainingInterruptedException interrupted = interruption(
                        "after epoch " + epochsDone + " while a callback was at work (" + e.getMessage() + ")");
                interrupted.initCause(e);
                return interrupted;
            }
        }
        return e;
    }

    /** The interrupt's exception: where it came, what the model and the history hold. */
    private TrainingInterruptedException interruption(String where) {
        int complete = history.epochs().size();
        return new TrainingInterruptedException("training interrupted " + where + "; the model holds the parameters"
                + " of the last step taken, the history " + complete + " complete epoch" + (complete == 1 ? "" : "s"),
                history);
    }

    private void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    @Override
    public CompiledModel model() {
        return owner;
    }

    @Override
    public int epochs() {
        return options.epochs();
    }

    @Override
    public int batchesPerEpoch() {
        return batches;
    }

    @Override
    public int trainingExamples() {
        return train.size();
    }

    @Override
    public double runningLoss() {
        return loop == null ? Double.NaN : loop.meanLoss();
    }

    @Override
    public History history() {
        return history;
    }

    @Override
    public void stopTraining() {
        stop = true;
    }

    @Override
    public double learningRate() {
        return owner.optimizerState().updater().learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        owner.optimizerState().updater().setLearningRate(learningRate);
    }

    @Override
    public boolean computesMetric(String metric) {
        return switch (metric) {
            case "loss" -> true;
            case "accuracy" -> options.trainAccuracy() && owner.loss().hasAccuracy(); // as run() counts it
            case "mae" -> options.trainAccuracy() && !owner.loss().hasAccuracy(); // TrainingMetrics' split
            case "val_loss" -> validation != null;
            case "val_accuracy" -> validation != null && owner.loss().hasAccuracy();
            case "val_mae" -> validation != null && !owner.loss().hasAccuracy(); // evaluate's regression metric
            case "learning_rate" -> true;
            default -> false;
        };
    }

    @Override
    public void saveCheckpoint(Path dir) throws IOException {
        owner.recordSettings();
        new Checkpoint(epochsDone, Checkpoint.Fit.of(owner, options, seed, train, validation, classWeights, sampleWeights), random.state(), order.clone(),
                history.epochs(), owner.optimizerState().updater().state(), stop, callbackStates()).write(dir, owner.model());
    }

    /** The states of the callbacks that keep one, in the fit's order. */
    private List<CallbackState> callbackStates() {
        List<CallbackState> states = new ArrayList<>();
        for (Callback c : callbacks) {
            CallbackState state = c.saveState();
            if (state != null) {
                states.add(state);
            }
        }
        return states;
    }

    /**
     * Refuses a checkpoint saved by a fit with other callbacks that keep a state: the fit must
     * have the same ones as the fit that saved it (an early stop with another patience would
     * stop elsewhere), so that {@link #restoreCallbacks} can hand each its state and the result
     * is the uninterrupted fit's.
     */
    private void checkCallbacks(Path dir, Checkpoint checkpoint) {
        if (!checkpoint.recordsCallbacks()) {
            return; // an older checkpoint: its callbacks start afresh, as they did then
        }
        List<String> now = callbackStates().stream().map(CallbackState::callback).toList();
        List<String> saved = checkpoint.callbackStates().stream().map(CallbackState::callback).toList();
        if (!now.equals(saved)) {
            throw new InvalidInputException("cannot resume from checkpoint " + dir + ": it was saved by a fit with "
                    + (saved.isEmpty() ? "no callbacks that keep a state" : saved) + " (this fit: "
                    + (now.isEmpty() ? "none" : now) + "); resume with the settings it was saved with");
        }
    }

    /**
     * Hands each callback that keeps a state the one the checkpoint saved for it, and the
     * checkpoint's early stop. Called after the callbacks' {@code onTrainBegin}, which starts
     * them afresh.
     */
    private void restoreCallbacks(Checkpoint checkpoint) {
        if (!checkpoint.recordsCallbacks()) {
            return;
        }
        List<CallbackState> saved = checkpoint.callbackStates();
        int k = 0;
        for (Callback c : callbacks) {
            if (c.saveState() != null) {
                CallbackState state = saved.get(k++);
                try {
                    c.restoreState(state);
                } catch (IllegalArgumentException e) { // InvalidInputException included
                    throw new ModelFormatException("checkpoint " + resumeFrom + " has a damaged training state: "
                            + e.getMessage(), e);
                }
            }
        }
        stop = checkpoint.stopped();
    }

    /** Puts back the model, optimiser, generator, order and history of a checkpoint, and returns it. */
    private Checkpoint resume(Path dir) {
        Checkpoint checkpoint = Checkpoint.read(dir);
        String difference = checkpoint.fit().difference(Checkpoint.Fit.of(owner, options, seed, train, validation, classWeights, sampleWeights));
        if (difference != null) {
            throw new InvalidInputException("cannot resume from checkpoint " + dir + ": it was saved by a fit with "
                    + difference + "; resume with the settings it was saved with");
        }
        checkCallbacks(dir, checkpoint);
        if (checkpoint.epoch() > options.epochs()) {
            throw new InvalidInputException("cannot resume from checkpoint " + dir + ": it holds " + checkpoint.epoch()
                    + " epochs and this fit asks for " + options.epochs());
        }
        try (Sequential saved = Sequential.load(dir)) {
            if (!saved.layers().toString().equals(owner.model().layers().toString())
                    || !Arrays.equals(saved.inputShape(), owner.model().inputShape())
                    || saved.dataType() != owner.model().dataType()) {
                throw new InvalidInputException("cannot resume from checkpoint " + dir + ": it holds the model "
                        + saved.layers() + " on " + Arrays.toString(saved.inputShape()) + " in " + saved.dataType()
                        + "; this fit trains " + owner.model().layers() + " on "
                        + Arrays.toString(owner.model().inputShape()) + " in " + owner.model().dataType());
            }
            owner.model().parameters().restore(saved.parameters().snapshot());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
        }
        try {
            owner.optimizerState().updater().restore(checkpoint.optimizer());
        } catch (InvalidInputException e) {
            throw new ModelFormatException("checkpoint " + dir + " has a damaged training state: " + e.getMessage(), e);
        }
        random.restore(checkpoint.random());
        order = checkpoint.order();
        checkpoint.history().forEach(history::add);
        epochsDone = checkpoint.epoch();
        return checkpoint;
    }
}
