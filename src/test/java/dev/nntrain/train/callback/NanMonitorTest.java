package dev.nntrain.train.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.train.EpochLogs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A NaN monitored value (a validation loss that overflowed) is a value that does not improve, as
 * in Keras, where {@code np.less(nan, best - min_delta)} is false and the best starts at +inf:
 * it counts towards the patience. The sequences below are Keras 3's {@code EarlyStopping},
 * {@code ReduceLROnPlateau} and {@code ModelCheckpoint} rules replayed by hand.
 */
class NanMonitorTest {

    private static final double NAN = Double.NaN;

    private static EpochLogs valLoss(int epoch, double value) {
        return new EpochLogs(epoch, 1, NAN, NAN, value, NAN, NAN, 0.1, 1, 1);
    }

    /**
     * Keras' EarlyStopping(patience=2): each epoch wait += 1; an improvement (value < best, best
     * from +inf) sets best and wait = 0; else wait >= 2 stops.
     *
     * <pre>
     *  e  val   wait+1  improves?         wait  best  stop?
     *  1  1.0   1       yes (1.0 < inf)   0     1.0
     *  2  NaN   1       no                1     1.0
     *  3  0.9   2       yes               0     0.9
     *  4  NaN   1       no                1     0.9
     *  5  NaN   2       no                2     0.9   yes, after epoch 5
     * </pre>
     */
    @Test
    void earlyStoppingCountsANanEpochTowardsThePatience() {
        double[] values = {1.0, NAN, 0.9, NAN, NAN};
        int[] wait = {0, 1, 0, 1, 2};
        double[] best = {1.0, 1.0, 0.9, 0.9, 0.9};
        int[] stops = {0, 0, 0, 0, 1};
        EarlyStopping early = new EarlyStopping("val_loss", 2, 0, false);
        StubContext fit = new StubContext(0.1);
        early.onTrainBegin(fit);
        for (int e = 0; e < values.length; e++) {
            early.onEpochEnd(valLoss(e + 1, values[e]), fit);
            String at = "after epoch " + (e + 1);
            assertEquals(wait[e], early.saveState().number("wait"), "wait " + at);
            assertEquals(best[e], early.best(), 0, "best " + at);
            assertEquals(stops[e], fit.stopRequests, "stop " + at);
        }
        assertEquals(3, early.bestEpoch());
    }

    /**
     * NaN from the first epoch: NaN < inf is false, so nothing improves and the fit stops when
     * the wait reaches the patience, after epoch 2, with no best.
     */
    @Test
    void earlyStoppingStopsAFitThatIsNanFromTheStart() {
        EarlyStopping early = new EarlyStopping("val_loss", 2, 0, false);
        StubContext fit = new StubContext(0.1);
        early.onTrainBegin(fit);
        early.onEpochEnd(valLoss(1, NAN), fit);
        assertEquals(0, fit.stopRequests, "after epoch 1");
        early.onEpochEnd(valLoss(2, NAN), fit);
        assertEquals(1, fit.stopRequests, "after epoch 2");
        assertEquals(0, early.bestEpoch());
        assertTrue(Double.isNaN(early.best()), "no best: " + early.best());
    }

    /**
     * Keras' ReduceLROnPlateau(factor=0.5, patience=2, cooldown=1, min_lr=0), from rate 1:
     *
     * <pre>
     *  e  val   cooldown step     improves?   wait  action          rate  cd  best
     *  1  1.0                     yes         0                     1     0   1.0
     *  2  NaN                     no          1                     1     0   1.0
     *  3  NaN                     no          2     halve           0.5   1   1.0   (wait 0)
     *  4  0.9   cd 1->0, wait 0   yes         0                     0.5   0   0.9
     *  5  NaN                     no          1                     0.5   0   0.9
     *  6  NaN                     no          2     halve           0.25  1   0.9   (wait 0)
     *  7  NaN   cd 1->0, wait 0   no          1     (cooldown over) 0.25  0   0.9
     * </pre>
     */
    @Test
    void reduceLrOnPlateauCountsANanEpochTowardsThePatience() {
        double[] values = {1.0, NAN, NAN, 0.9, NAN, NAN, NAN};
        double[] rate = {1, 1, 0.5, 0.5, 0.5, 0.25, 0.25};
        int[] wait = {0, 1, 0, 0, 1, 0, 1};
        int[] cooldown = {0, 0, 1, 0, 0, 1, 0};
        double[] best = {1.0, 1.0, 1.0, 0.9, 0.9, 0.9, 0.9};
        ReduceLROnPlateau reduce = ReduceLROnPlateau.builder().optFactor(0.5).optPatience(2).optCooldown(1)
                .optMinLearningRate(0).build();
        ReduceLROnPlateauTest.assertReplays(reduce, e -> valLoss(e, values[e - 1]), rate, wait, cooldown, best);
    }

    /**
     * Keras' ModelCheckpoint(save_best_only=True) saves when value < best (from +inf): a NaN epoch
     * is not saved and the best stays. Here the only epoch is NaN: nothing is saved, and no
     * model is touched (the stub fit has none).
     */
    @Test
    void modelCheckpointDoesNotSaveANanEpoch(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Path dir = tmp.resolve("best");
        ModelCheckpoint checkpoint = new ModelCheckpoint(dir, "val_loss", true);
        StubContext fit = new StubContext(0.1);
        checkpoint.onTrainBegin(fit);
        checkpoint.onEpochEnd(valLoss(1, NAN), fit);
        checkpoint.onEpochEnd(valLoss(2, NAN), fit);
        assertEquals(0, checkpoint.savedEpoch());
        assertTrue(Double.isNaN(checkpoint.saveState().number("best")));
        assertTrue(Files.notExists(dir));
    }

    /** "Not available" is kept for a metric the fit does not compute at all. */
    @Test
    void aMetricTheFitDoesNotComputeIsStillNotAvailable() {
        StubContext noValidation = new StubContext(0.1, metric -> !metric.startsWith("val_"));
        EarlyStopping early = new EarlyStopping("val_loss", 2, 0, false);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> early.onEpochEnd(valLoss(1, NAN), noValidation));
        assertEquals("metric val_loss is not available: give validation data or a validation split", e.getMessage());
    }
}
