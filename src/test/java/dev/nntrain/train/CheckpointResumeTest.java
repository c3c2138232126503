package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.data.RandomShift;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Dropout;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.EarlyStopping;
import dev.nntrain.train.callback.TrainingCheckpoint;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.GradientDescent;
import dev.nntrain.train.optimizer.Optimizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A fit stopped after a checkpoint and resumed ends with exactly the parameters and history of
 * the fit that never stopped: shuffling, augmentation, dropout and Adam's moments included.
 */
class CheckpointResumeTest {

    @TempDir
    Path tmp;

    private static final int EPOCHS = 4;

    /** 300 random 6x6 "images" of 3 classes; squares so that random shifts apply. */
    private static Examples data() {
        Random r = new Random(3);
        int n = 300;
        float[] x = new float[n * 36];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 36; j++) {
                x[i * 36 + j] = (float) (r.nextGaussian() * 0.3 + (j % 3 == i % 3 ? 1 : 0));
            }
        }
        return Examples.of(x, new long[] {36}, y, 1, 3);
    }

    private static CompiledModel compiled(Supplier<Optimizer> optimizer) {
        Sequential model = Sequential.builder()
                .addAll(Dense.of(12, Activation.RELU), Dropout.of(0.2), Dense.of(3)).optSeed(11).build();
        return CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), optimizer.get());
    }

    private static FitOptions.Builder options() {
        return FitOptions.builder().optEpochs(EPOCHS).optBatchSize(16).optSeed(9).optAugmentation(new RandomShift(1));
    }

    /** A crash in the epoch after a checkpoint; LearningRateFitTest crashes its fits the same way. */
    static final class Crash extends RuntimeException {}

    static Callback crashAfter(int epoch) {
        return new Callback() {
            @Override
            public void onEpochBegin(int next, TrainingContext context) {
                if (next == epoch + 1) {
                    throw new Crash();
                }
            }
        };
    }

    private void assertResumedEqualsUninterrupted(Supplier<Optimizer> optimizer) {
        Examples data = data();
        double[] expected;
        double[] expectedLoss;
        try (CompiledModel net = compiled(optimizer)) {
            History h = net.fit(data, options().build());
            expected = net.model().parameters().snapshot();
            expectedLoss = h.loss();
        }
        Path dir = tmp.resolve("checkpoint-" + optimizer.get().name());
        try (CompiledModel net = compiled(optimizer)) {
            assertThrows(Crash.class, () -> net.fit(data, options()
                    .addCallback(new TrainingCheckpoint(dir, 1)).addCallback(crashAfter(2)).build()));
        }
        assertEquals(2, Checkpoint.read(dir).epoch());
        try (CompiledModel net = compiled(optimizer)) {
            History h = net.fit(data, options().optResumeFrom(dir).addCallback(new TrainingCheckpoint(dir, 1)).build());
            assertArrayEquals(expected, net.model().parameters().snapshot(), 0.0, "bit-identical parameters");
            assertArrayEquals(expectedLoss, h.loss(), 0.0, "the whole history, the epochs before the checkpoint too");
        }
        assertEquals(EPOCHS, Checkpoint.read(dir).epoch());
    }

    @Test
    void adamResumesBitIdentically() {
        assertResumedEqualsUninterrupted(() -> new Adam(0.01));
    }

    @Test
    void gradientDescentResumesBitIdentically() {
        assertResumedEqualsUninterrupted(() -> new GradientDescent(0.1));
    }

    @Test
    void aFitWithOtherSettingsIsRefused() {
        Examples data = data();
        Path dir = tmp.resolve("c");
        try (CompiledModel net = compiled(() -> new Adam(0.01))) {
            net.fit(data, options().optEpochs(1).addCallback(new TrainingCheckpoint(dir, 1)).build());
        }
        try (CompiledModel net = compiled(() -> new Adam(0.01))) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> net.fit(data, options().optBatchSize(8).optResumeFrom(dir).build()));
            assertTrue(e.getMessage().contains("batch size 16 (this fit: 8)"), e.getMessage());
        }
        try (CompiledModel net = compiled(() -> new Adam(0.02))) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> net.fit(data, options().optResumeFrom(dir).build()));
            assertTrue(e.getMessage().contains("optimizer Adam(learning_rate=0.01)"), e.getMessage());
        }
        try (CompiledModel net = compiled(() -> new Adam(0.01))) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> net.fit(data.slice(0, 200), options().optResumeFrom(dir).build()));
            assertTrue(e.getMessage().contains("training examples 300 (this fit: 200)"), e.getMessage());
        }
        try (CompiledModel net = compiled(() -> new Adam(0.01))) {
            // early stopping decides on the validation data: another set would stop elsewhere
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> net.fit(data, options().optValidationData(data.slice(0, 30)).optResumeFrom(dir).build()));
            assertTrue(e.getMessage().contains("validation data checksum 0 (this fit: "), e.getMessage());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checkpoint.read(tmp.resolve("none")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    /** A model in another data type cannot go on bit-identically: the message says which types. */
    @Test
    void aModelOfAnotherDataTypeIsRefusedNamingBoth() {
        Examples data = data();
        Path dir = tmp.resolve("float32");
        try (CompiledModel net = compiled(() -> new Adam(0.01))) {
            net.fit(data, options().optEpochs(1).addCallback(new TrainingCheckpoint(dir, 1)).build());
        }
        Sequential float64 = Sequential.builder().addAll(Dense.of(12, Activation.RELU), Dropout.of(0.2), Dense.of(3))
                .optSeed(11).optDataType(DataType.FLOAT64).build();
        try (CompiledModel net = CompiledModel.compile(float64, new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> net.fit(data, options().optResumeFrom(dir).build()));
            assertTrue(e.getMessage().contains("float32") && e.getMessage().contains("float64"), e.getMessage());
        }
    }

    private static FitOptions.Builder earlyStopping(int patience) {
        return FitOptions.builder().optEpochs(40).optBatchSize(16).optSeed(9).optValidationSplit(0.3)
                .addCallback(new EarlyStopping("val_loss", patience, 0, true));
    }

    /**
     * Early stopping decides from the epochs before the checkpoint (its best value, the epochs
     * waited, the best weights it will put back): a fit that crashed after any epoch, or that had
     * already stopped, resumes to the uninterrupted fit's very parameters and epochs.
     */
    @Test
    void earlyStoppingResumesWhereItLeftOff() {
        Examples data = data();
        double[] expected;
        double[] expectedValLoss;
        try (CompiledModel net = compiled(() -> new Adam(0.05))) {
            History h = net.fit(data, earlyStopping(2).build());
            expected = net.model().parameters().snapshot();
            expectedValLoss = h.valLoss();
            assertTrue(h.stoppedEarly() && expectedValLoss.length >= 4, "the case needs an early stop, after "
                    + expectedValLoss.length + " epochs");
        }
        int epochs = expectedValLoss.length;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            final int k = epoch;
            Path dir = tmp.resolve("early-" + k);
            try (CompiledModel net = compiled(() -> new Adam(0.05))) {
                FitOptions.Builder first = earlyStopping(2).addCallback(new TrainingCheckpoint(dir, 1));
                if (k < epochs) {
                    assertThrows(Crash.class, () -> net.fit(data, first.addCallback(crashAfter(k)).build()));
                } else {
                    net.fit(data, first.build()); // ends by itself: its last checkpoint holds the stop
                }
            }
            assertEquals(k, Checkpoint.read(dir).epoch());
            try (CompiledModel net = compiled(() -> new Adam(0.05))) {
                History h = net.fit(data, earlyStopping(2).optResumeFrom(dir).build());
                assertArrayEquals(expected, net.model().parameters().snapshot(), 0.0, "resumed after epoch " + k);
                assertArrayEquals(expectedValLoss, h.valLoss(), 0.0, "resumed after epoch " + k);
                assertTrue(h.stoppedEarly());
            }
        }
        // another patience would stop elsewhere: refused, naming both
        try (CompiledModel net = compiled(() -> new Adam(0.05))) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> net.fit(data, earlyStopping(3).optResumeFrom(tmp.resolve("early-1")).build()));
            assertTrue(e.getMessage().contains("[EarlyStopping(monitor=val_loss, patience=2, min_delta=0.0,"
                    + " restore_best_weights=true)] (this fit: [EarlyStopping(monitor=val_loss, patience=3,"), e.getMessage());
        }
    }
}
