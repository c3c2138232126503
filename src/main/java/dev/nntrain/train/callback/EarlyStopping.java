package dev.nntrain.train.callback;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.History;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stops training when a monitored metric has not improved for {@code patience} epochs, like
 * Keras' {@code EarlyStopping}; optionally puts back the weights of the best epoch. An epoch
 * whose value is NaN (a validation loss that overflowed) does not improve and counts towards
 * the patience, as in Keras. When no epoch has improved (the metric is NaN from the start), the
 * weights restored are the first epoch's, as Keras keeps them; and, as in Keras, training never
 * stops right after the first epoch.
 */
public final class EarlyStopping implements Callback {

    private final Monitor monitor;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;

    private double best = Double.NaN;
    private int bestEpoch;
    private int wait;
    private double[] bestWeights;

    /**
     * Creates the callback.
     *
     * @param monitor {@code val_loss}, {@code val_accuracy}, {@code val_mae}, {@code loss},
     *     {@code accuracy} or {@code mae}
     * @param patience epochs without improvement before stopping, at least 1
     * @param minDelta the smallest change that counts as an improvement
     * @param restoreBestWeights whether to restore the best epoch's weights at the end
     */
    public EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {
        if (patience < 1) {
            throw new InvalidInputException("patience must be at least 1, got " + patience);
        }
        this.monitor = new Monitor(monitor);
        this.patience = patience;
        this.minDelta = Math.abs(minDelta);
        this.restoreBestWeights = restoreBestWeights;
    }

    /**
     * Starts afresh, and refuses a metric the fit will not compute (the wrong name is found now,
     * not after the first epoch's training).
     *
     * @throws InvalidInputException if the fit's logs will not hold the monitored
     *     metric: {@code val_*} without validation data, an accuracy of a regression loss
     */
    @Override
    public void onTrainBegin(TrainingContext context) {
        monitor.requireComputed(context, "EarlyStopping");
        best = Double.NaN;
        bestEpoch = 0;
        wait = 0;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        double value = monitor.read(logs, context);
        if (monitor.improves(value, best, minDelta)) {
            best = value;
            bestEpoch = logs.epoch();
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = snapshot(context.model());
            }
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            // Keras: "If best weights were never set, then the current weights are the best", so a
            // fit whose metric is NaN from the start gets its first epoch's weights back, not its last's
            bestWeights = snapshot(context.model());
            bestEpoch = logs.epoch();
        }
        // Keras stops only after the first epoch (its "epoch > 0"): a first epoch that cannot improve
        // (a NaN metric) counts towards the patience but ends nothing on its own
        if (++wait >= patience && logs.epoch() > 1) {
            context.stopTraining();
        }
    }

    @Override
    public void onTrainEnd(History history, TrainingContext context) {
        if (restoreBestWeights && bestWeights != null && bestEpoch != history.last().epoch()) {
            context.model().model().parameters().restore(bestWeights);
        }
    }

    /** Its best value, the epoch of it, the epochs waited since and, if kept, the best weights. */
    @Override
    public CallbackState saveState() {
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("best", new double[] {best});
        values.put("best_epoch", new double[] {bestEpoch});
        values.put("wait", new double[] {wait});
        if (bestWeights != null) {
            values.put("best_weights", bestWeights);
        }
        return new CallbackState(toString(), values);
    }

    @Override
    public void restoreState(CallbackState state) {
        // checked before anything is kept: a checkpoint edited by hand must not resume half restored
        double savedBest = state.number("best");
        if (Double.isInfinite(savedBest)) {
            throw new InvalidInputException("EarlyStopping's saved best " + savedBest + " is not a finite number"
                    + " (nor NaN, for none yet)");
        }
        int savedBestEpoch = count(state, "best_epoch", Integer.MAX_VALUE);
        int savedWait = count(state, "wait", patience); // it stops the fit when the wait reaches the patience
        double[] savedWeights = state.has("best_weights") ? state.get("best_weights") : null;
        if (savedWeights != null) {
            for (int i = 0; i < savedWeights.length; i++) {
                if (!Double.isFinite(savedWeights[i])) {
                    throw new InvalidInputException("EarlyStopping's saved best weights hold " + savedWeights[i]
                            + " at index " + i + "; expected finite numbers");
                }
            }
        }
        best = savedBest;
        bestEpoch = savedBestEpoch;
        wait = savedWait;
        bestWeights = savedWeights;
    }

    /** A saved count of epochs: a whole number from 0 to {@code max}. */
    private static int count(CallbackState state, String name, int max) {
        double v = state.number(name);
        if (!(v >= 0 && v <= max && v == Math.rint(v))) {
            throw new InvalidInputException("EarlyStopping's saved " + name + " " + v
                    + " is not a whole number of epochs from 0 to " + max);
        }
        return (int) v;
    }

    /** @return its settings, as Keras names them */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "EarlyStopping(monitor=%s, patience=%d, min_delta=%s, restore_best_weights=%s)",
                monitor.metric(), patience, minDelta, restoreBestWeights);
    }

    private static double[] snapshot(CompiledModel model) {
        return model.model().parameters().snapshot();
    }

    /**
     * The epoch whose weights the fit ends with when they are restored: the best epoch seen, or,
     * with {@code restoreBestWeights} while no epoch has improved (a metric NaN from the start),
     * the first epoch, whose weights Keras keeps then; {@link #best()} is NaN in that case.
     *
     * @return that epoch, or 0 before the first (and, without {@code restoreBestWeights}, while
     *     no epoch has improved)
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return the best value of the monitored metric, NaN while no epoch has improved */
    public double best() {
        return best;
    }
}
