package dev.nntrain.train.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.optimizer.SGD;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A callback that cannot work in a fit says so when the fit starts, not after the first epoch's
 * training: a monitored metric the fit does not compute, a checkpoint directory that cannot be
 * written.
 */
class CallbacksFailEarlyTest {

    @TempDir
    Path tmp;

    /** Counts the epochs begun: a refusal in onTrainBegin leaves it at 0. */
    private static final class EpochCounter implements Callback {
        int begun;

        @Override
        public void onEpochBegin(int epoch, TrainingContext context) {
            begun++;
        }
    }


    /** Fits a linear regression with the callback after the counter; returns the counter. */
    private static InvalidInputException regressionFitRefuses(Callback callback, EpochCounter counter) {
        Examples data = Synthetic.linear(64, new float[] {2, -1}, 0.5f, 0.1, 1);
        try (CompiledModel net = CompiledModel.compile(Sequential.of(Dense.of(1)), new MeanSquaredError(), new SGD(0.01))) {
            return assertThrows(InvalidInputException.class, () -> net.fit(data,
                    FitOptions.builder().optEpochs(3).optVerbose(0).addCallback(counter).addCallback(callback).build()));
        }
    }

    @Test
    void earlyStoppingOnTheAccuracyOfARegressionIsRefusedBeforeTheFirstEpoch() {
        EpochCounter counter = new EpochCounter();
        InvalidInputException e = regressionFitRefuses(new EarlyStopping("accuracy", 2, 0, false), counter);
        assertEquals(0, counter.begun, "no epoch ran");
        assertTrue(e.getMessage().contains("EarlyStopping monitors accuracy") && e.getMessage().contains("has no accuracy")
                && e.getMessage().contains("monitor loss"), e.getMessage());
    }

    @Test
    void earlyStoppingOnValidationLossWithoutValidationDataIsRefusedAtTheStart() {
        EarlyStopping stopping = new EarlyStopping("val_loss", 2, 0, false);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> stopping.onTrainBegin(new StubContext(1e-3, m -> !m.startsWith("val_"))));
        assertTrue(e.getMessage().contains("val_loss") && e.getMessage().contains("validation split"), e.getMessage());
        stopping.onTrainBegin(new StubContext(1e-3, m -> true)); // with validation data it starts
    }

    @Test
    void aRealFitWithoutValidationDataRefusesEarlyStoppingOnValidationLossBeforeTheFirstEpoch() {
        EpochCounter counter = new EpochCounter();
        InvalidInputException e = regressionFitRefuses(new EarlyStopping("val_loss", 2, 0, false), counter);
        assertEquals(0, counter.begun, "no epoch ran");
        assertTrue(e.getMessage().contains("EarlyStopping monitors val_loss"), e.getMessage());
    }

    @Test
    void earlyStoppingOnValidationMaeIsForRegressions() {
        EpochCounter counter = new EpochCounter();
        InvalidInputException e = regressionFitRefuses(new EarlyStopping("val_mae", 2, 0, false), counter);
        assertEquals(0, counter.begun, "without validation data: refused before any epoch");
        assertTrue(e.getMessage().contains("val_mae") && e.getMessage().contains("validation split"), e.getMessage());
        Examples data = Synthetic.linear(64, new float[] {2, -1}, 0.5f, 0.1, 1);
        try (CompiledModel net = CompiledModel.compile(Sequential.of(Dense.of(1)), new MeanSquaredError(), new SGD(0.01))) {
            History h = net.fit(data, FitOptions.builder().optEpochs(3).optVerbose(0).optValidationSplit(0.25)
                    .addCallback(new EarlyStopping("val_mae", 2, 0, true)).build());
            assertTrue(h.valMeanAbsoluteError()[0] > 0, java.util.Arrays.toString(h.valMeanAbsoluteError()));
        }
    }

    @Test
    void checkpointsOfTheBestEpochNeedTheirMetricButOthersDoNot() {
        Path dir = tmp.resolve("best");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ModelCheckpoint(dir, "val_accuracy", true).onTrainBegin(new StubContext(1e-3, m -> !m.startsWith("val_"))));
        assertTrue(e.getMessage().contains("ModelCheckpoint monitors val_accuracy"), e.getMessage());
        new ModelCheckpoint(dir, "val_accuracy", false).onTrainBegin(new StubContext(1e-3, m -> !m.startsWith("val_")));
    }

    @Test
    void aCheckpointDirectoryUnderAFileIsRefusedBeforeTheFirstEpoch() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        EpochCounter counter = new EpochCounter();
        InvalidInputException e = regressionFitRefuses(new ModelCheckpoint(file.resolve("model"), "loss", false), counter);
        assertEquals(0, counter.begun, "no epoch ran");
        assertTrue(e.getMessage().contains(file + " is a file, not a directory"), e.getMessage());
    }

    @Test
    void aCheckpointNeedsADirectory() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new ModelCheckpoint(null, "loss", false));
        assertEquals("dir", e.getMessage());
    }

    /** Before, a null monitor was a NullPointerException without a message, from a switch. */
    @Test
    void aNullMonitorIsRefusedByName() {
        assertEquals("monitor", assertThrows(NullPointerException.class,
                () -> new EarlyStopping(null, 1, 0, false)).getMessage());
        assertEquals("monitor", assertThrows(NullPointerException.class,
                () -> new ModelCheckpoint(tmp, null, true)).getMessage());
    }
}
