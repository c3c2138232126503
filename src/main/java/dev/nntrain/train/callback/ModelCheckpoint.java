package dev.nntrain.train.callback;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.EpochLogs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Saves the model after an epoch, like Keras' {@code ModelCheckpoint}: every epoch, or only when
 * the monitored metric improves (a NaN value does not). Each save replaces the directory
 * atomically.
 */
public final class ModelCheckpoint implements Callback {

    private final Path dir;
    private final Monitor monitor;
    private final boolean saveBestOnly;
    private double best = Double.NaN;
    private int savedEpoch;

    /**
     * Creates the callback.
     *
     * @param dir the model directory to write
     * @param monitor the metric that decides "best"
     * @param saveBestOnly save only when the metric improves
     * @throws NullPointerException if {@code dir} is null
     */
    public ModelCheckpoint(Path dir, String monitor, boolean saveBestOnly) {
        this.dir = java.util.Objects.requireNonNull(dir, "dir");
        this.monitor = new Monitor(monitor);
        this.saveBestOnly = saveBestOnly;
    }

    /**
     * Checks, before the first epoch's training, that the model can be saved at the directory
     * (see {@link dev.nntrain.model.Sequential#checkSaveTarget}) and, when only the best epochs
     * are saved, that the fit computes the monitored metric.
     *
     * @throws InvalidInputException naming the directory or the metric and what is
     *     wrong
     */
    @Override
    public void onTrainBegin(TrainingContext context) {
        if (saveBestOnly) {
            monitor.requireComputed(context, "ModelCheckpoint");
        }
        dev.nntrain.model.Sequential.checkSaveTarget(dir);
    }

    @Override
    public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        if (saveBestOnly) {
            double value = monitor.read(logs, context);
            if (!monitor.improves(value, best, 0)) {
                return;
            }
            best = value;
        }
        try {
            context.model().save(dir);
            savedEpoch = logs.epoch();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir + ": " + TrainingCheckpoint.reason(e), e);
        }
    }

    /** The best value so far, which a later epoch must beat to be saved. */
    @Override
    public CallbackState saveState() {
        return new CallbackState(toString(), Map.of("best", new double[] {best}, "saved_epoch", new double[] {savedEpoch}));
    }

    @Override
    public void restoreState(CallbackState state) {
        best = state.number("best");
        savedEpoch = (int) state.number("saved_epoch");
    }

    /** @return its settings, as Keras names them */
    @Override
    public String toString() {
        return "ModelCheckpoint(filepath=" + dir + ", monitor=" + monitor.metric() + ", save_best_only=" + saveBestOnly + ")";
    }

    /** @return the epoch last saved (0 if none) */
    public int savedEpoch() {
        return savedEpoch;
    }
}
