package dev.nntrain.train.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.EpochLogs;

import org.junit.jupiter.api.Test;


/**
 * ReduceLROnPlateau against sequences worked out by hand from Keras' rules, with a scripted
 * metric per epoch and a context that only holds a learning rate.
 */
class ReduceLROnPlateauTest {

    /** An epoch's logs with only a validation loss and an accuracy. */
    static EpochLogs epoch(int epoch, double valLoss, double accuracy) {
        return new EpochLogs(epoch, 1, accuracy, Double.NaN, valLoss, Double.NaN, Double.NaN, 0.1, 1, 1);
    }

    private static final double[] VAL_LOSS = {1.0, 0.95, 0.85, 0.80, 0.80, 0.79, 0.79, 0.79, 0.5, 0.5, 0.5, 0.45};

    private static ReduceLROnPlateau handWorked() {
        return ReduceLROnPlateau.builder().optFactor(0.5).optPatience(2).optMinDelta(0.1).optCooldown(2)
                .optMinLearningRate(0.3).build();
    }

    /**
     * val_loss, factor 0.5, patience 2, min_delta 0.1, cooldown 2, min_lr 0.3, from rate 1.0.
     * "improves" means below best - 0.1. Each epoch's end:
     *
     * <pre>
     *  e  val   cooldown step      improves?          wait  action                         rate  cd  best
     *  1  1.00                     yes (no best)      0                                     1.0   0   1.00
     *  2  0.95                     no  (>= 0.90)      1                                     1.0   0   1.00
     *  3  0.85                     yes (< 0.90)       0                                     1.0   0   0.85
     *  4  0.80                     no  (>= 0.75)      1                                     1.0   0   0.85
     *  5  0.80                     no                 2     reduce: max(1.0*0.5, 0.3)       0.5   2   0.85
     *  6  0.79  cd 2->1, wait 0    no, in cooldown    0     (not counted)                   0.5   1   0.85
     *  7  0.79  cd 1->0, wait 0    no, cooldown over  1                                     0.5   0   0.85
     *  8  0.79                     no                 2     reduce: max(0.25, 0.3) = min_lr 0.3   2   0.85
     *  9  0.50  cd 2->1, wait 0    yes (< 0.75)       0                                     0.3   1   0.50
     * 10  0.50  cd 1->0, wait 0    no  (>= 0.40)      1                                     0.3   0   0.50
     * 11  0.50                     no                 2     rate 0.3 is not above min_lr:   0.3   0   0.50
     *                                                       nothing, wait not reset
     * 12  0.45                     no  (>= 0.40)      3     same                            0.3   0   0.50
     * </pre>
     */
    @Test
    void followsKerasRulesOnAHandWorkedSequence() {
        double[] rate = {1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.3, 0.3, 0.3, 0.3, 0.3};
        int[] wait = {0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 2, 3};
        int[] cooldown = {0, 0, 0, 0, 2, 1, 0, 2, 1, 0, 0, 0};
        double[] best = {1.0, 1.0, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85, 0.5, 0.5, 0.5, 0.5};
        assertReplays(handWorked(), e -> epoch(e, VAL_LOSS[e - 1], Double.NaN), rate, wait, cooldown, best);
    }

    /**
     * Feeds a fresh fit (learning rate 1.0) one epoch's logs per row of a hand-worked table and
     * checks the rate, the wait, the cooldown and the best value after each.
     *
     * @param reduce the callback
     * @param logs the logs of epoch {@code e}, from 1
     */
    static void assertReplays(ReduceLROnPlateau reduce, java.util.function.IntFunction<EpochLogs> logs, double[] rate,
            int[] wait, int[] cooldown, double[] best) {
        StubContext fit = new StubContext(1.0);
        reduce.onTrainBegin(fit);
        for (int e = 0; e < rate.length; e++) {
            reduce.onEpochEnd(logs.apply(e + 1), fit);
            String at = "after epoch " + (e + 1);
            assertEquals(rate[e], fit.rate, 0, "rate " + at);
            assertEquals(wait[e], reduce.epochsWaited(), "wait " + at);
            assertEquals(cooldown[e], reduce.cooldownLeft(), "cooldown " + at);
            assertEquals(best[e], reduce.best(), 0, "best " + at);
        }
    }

    /**
     * Its saved state, put into a new instance after any epoch, gives the rest of the sequence
     * the uninterrupted instance gave.
     */
    @Test
    void aRestoredStateCarriesOnAsIfNeverStopped() {
        for (int stop = 1; stop < VAL_LOSS.length; stop++) {
            ReduceLROnPlateau reference = handWorked();
            StubContext uninterrupted = new StubContext(1.0);
            reference.onTrainBegin(uninterrupted);
            ReduceLROnPlateau first = handWorked();
            StubContext interrupted = new StubContext(1.0);
            first.onTrainBegin(interrupted);
            for (int e = 0; e < stop; e++) {
                reference.onEpochEnd(epoch(e + 1, VAL_LOSS[e], Double.NaN), uninterrupted);
                first.onEpochEnd(epoch(e + 1, VAL_LOSS[e], Double.NaN), interrupted);
            }
            CallbackState saved = first.saveState();
            ReduceLROnPlateau resumed = handWorked();
            resumed.onTrainBegin(interrupted); // as a resumed fit calls it, before restoreState
            resumed.restoreState(saved);
            for (int e = stop; e < VAL_LOSS.length; e++) {
                reference.onEpochEnd(epoch(e + 1, VAL_LOSS[e], Double.NaN), uninterrupted);
                resumed.onEpochEnd(epoch(e + 1, VAL_LOSS[e], Double.NaN), interrupted);
                assertEquals(uninterrupted.rate, interrupted.rate, 0, "stopped after " + stop + ", epoch " + (e + 1));
                assertEquals(reference.epochsWaited(), resumed.epochsWaited());
                assertEquals(reference.cooldownLeft(), resumed.cooldownLeft());
            }
        }
    }

    /**
     * An accuracy must rise: accuracy, factor 0.1, patience 1, min_delta 1e-4 (the default),
     * from 1e-3. Epoch 1 (0.50) is the first best; epoch 2 (0.60 > 0.5001) the next; epoch 3
     * (0.60, not above 0.6001) waits 1 = patience: 1e-3 * 0.1 = 1e-4; epoch 4 (0.59) again:
     * 1e-5 (cooldown 0, min_lr 0).
     */
    @Test
    void anAccuracyMustRise() {
        ReduceLROnPlateau reduce = ReduceLROnPlateau.builder().optMonitor("accuracy").optPatience(1).build();
        StubContext fit = new StubContext(1e-3);
        reduce.onTrainBegin(fit);
        double[] accuracy = {0.50, 0.60, 0.60, 0.59};
        double[] rate = {1e-3, 1e-3, 1e-4, 1e-5};
        for (int e = 0; e < accuracy.length; e++) {
            reduce.onEpochEnd(epoch(e + 1, Double.NaN, accuracy[e]), fit);
            assertEquals(rate[e], fit.rate, 1e-18, "epoch " + (e + 1));
        }
    }

    @Test
    void kerasDefaults() {
        assertEquals("ReduceLROnPlateau(monitor=val_loss, factor=0.1, patience=10, min_delta=1.0E-4, cooldown=0, min_lr=0.0)",
                ReduceLROnPlateau.builder().build().toString());
    }

    @Test
    void refusesAMetricTheFitDoesNotComputeBeforeTheFirstEpoch() {
        ReduceLROnPlateau reduce = ReduceLROnPlateau.builder().build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> reduce.onTrainBegin(new StubContext(1e-3, metric -> !metric.startsWith("val_"))));
        assertTrue(e.getMessage().startsWith("ReduceLROnPlateau monitors val_loss, which this fit does not compute"),
                e.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheValue() {
        assertEquals("ReduceLROnPlateau's factor must be in (0, 1), got 1.0", assertThrows(InvalidInputException.class,
                () -> ReduceLROnPlateau.builder().optFactor(1.0)).getMessage());
        assertEquals("ReduceLROnPlateau's factor must be in (0, 1), got 0.0", assertThrows(InvalidInputException.class,
                () -> ReduceLROnPlateau.builder().optFactor(0)).getMessage());
        assertEquals("ReduceLROnPlateau's patience must be at least 0 epochs, got -1", assertThrows(InvalidInputException.class,
                () -> ReduceLROnPlateau.builder().optPatience(-1)).getMessage());
        assertEquals("ReduceLROnPlateau's cooldown must be at least 0 epochs, got -2", assertThrows(InvalidInputException.class,
                () -> ReduceLROnPlateau.builder().optCooldown(-2)).getMessage());
        assertEquals("ReduceLROnPlateau's min_lr must be a finite number of at least 0, got NaN",
                assertThrows(InvalidInputException.class, () -> ReduceLROnPlateau.builder().optMinLearningRate(Double.NaN))
                        .getMessage());
        assertEquals("ReduceLROnPlateau's min_delta must be a finite number of at least 0, got -0.1",
                assertThrows(InvalidInputException.class, () -> ReduceLROnPlateau.builder().optMinDelta(-0.1)).getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> ReduceLROnPlateau.builder().optMonitor("learning_rate"))
                .getMessage().startsWith("cannot monitor 'learning_rate'"));
    }
    /**
     * A plateau that never ends with min_lr 0 (Keras' default): the rate goes down to the
     * smallest the parameters' type trains at (float64's smallest normal number for a context
     * without a model) and stays there. Before, it was multiplied on to a subnormal rate and then
     * to 0, which setLearningRate refused: the fit ended with an exception after ~320 epochs.
     */
    @Test
    void aPlateauThatNeverEndsStopsAtTheSmallestRateNotAtZero() {
        ReduceLROnPlateau reduce = ReduceLROnPlateau.builder().optMonitor("loss").optPatience(0).build();
        StubContext fit = new StubContext(1e-3);
        reduce.onTrainBegin(fit);
        for (int e = 1; e <= 400; e++) {
            reduce.onEpochEnd(epoch(e, 1.0, Double.NaN), fit);
            assertTrue(fit.rate >= Double.MIN_NORMAL, "epoch " + e + ": " + fit.rate);
        }
        assertEquals(Double.MIN_NORMAL, fit.rate);
    }

    /** A state from a checkpoint edited by hand: counts that are not whole epochs, an infinite best. */
    @Test
    void aRestoredStateIsCheckedNamingTheValue() {
        String name = handWorked().toString();
        double[][] bad = {{1, -1, 0}, {1, 1.5, 0}, {1, 0, 3}, {1, 0, 1e300}, {Double.NEGATIVE_INFINITY, 0, 0}};
        String[] named = {"wait -1.0", "wait 1.5", "cooldown_counter 3.0", "cooldown_counter 1.0E300", "best -Infinity"};
        for (int i = 0; i < bad.length; i++) {
            java.util.Map<String, double[]> values = new java.util.LinkedHashMap<>();
            values.put("best", new double[] {bad[i][0]});
            values.put("wait", new double[] {bad[i][1]});
            values.put("cooldown_counter", new double[] {bad[i][2]});
            ReduceLROnPlateau reduce = handWorked(); // cooldown 2
            CallbackState state = new CallbackState(name, values);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> reduce.restoreState(state));
            assertTrue(e.getMessage().contains(named[i]), e.getMessage());
            assertEquals(0, reduce.epochsWaited(), "nothing restored");
        }
    }

    @Test
    void aNullMonitorIsRefusedByName() {
        assertEquals("metric", assertThrows(NullPointerException.class, () -> ReduceLROnPlateau.builder().optMonitor(null))
                .getMessage());
    }
}
