package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.TrainingCheckpoint;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupting the thread that trains ends the fit after the step it is taking, with the
 * parameters of that step, the epochs completed, nothing left on the engine, the interrupt
 * status kept, and a checkpoint that resumes as if nothing had happened. The oracle for "the
 * parameters of that step" is an uninterrupted fit that copies its parameters at that step.
 */
class InterruptTest {

    @TempDir
    Path tmp;

    private static final Examples DATA = Synthetic.blobs(96, 5);
    private static final int EPOCHS = 4;
    private static final int BATCH = 16; // 6 steps per epoch

    private static CompiledModel net() {
        Sequential model = Sequential.builder().addAll(Dense.of(8, Activation.RELU), Dense.of(4))
                .optInputShape(2).optSeed(3).build();
        return CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.01));
    }

    private static FitOptions.Builder options() {
        return FitOptions.builder().optEpochs(EPOCHS).optBatchSize(BATCH).optSeed(7).optVerbose(0);
    }

    /** Runs {@code action} at the end of one step. */
    private static Callback atStep(int epoch, int step, Runnable action) {
        return new Callback() {
            @Override
            public void onBatchEnd(int e, int b, TrainingContext context) {
                if (e == epoch && b == step) {
                    action.run();
                }
            }
        };
    }

    @Test
    void anInterruptEndsTheFitAfterTheStepItIsTaking() {
        AtomicReference<double[]> atStep3 = new AtomicReference<>();
        try (CompiledModel net = net()) {
            net.fit(DATA, options().addCallback(atStep(2, 3, () -> atStep3.set(net.model().parameters().snapshot())))
                    .build());
        }
        try (CompiledModel net = net()) {
            TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                    () -> net.fit(DATA, options().addCallback(atStep(2, 3, () -> Thread.currentThread().interrupt()))
                            .build()));
            assertTrue(Thread.interrupted(), "the interrupt status stays set for the code that interrupted");
            assertEquals("training interrupted in epoch 2 after step 3 of 6; the model holds the parameters of the last"
                    + " step taken, the history 1 complete epoch", e.getMessage());
            assertEquals(1, e.history().epochs().size(), "the epoch cut short is not logged");
            assertArrayEquals(atStep3.get(), net.model().parameters().snapshot(), 0.0, "no step after the interrupt");
            assertInstanceOf(CancellationException.class, e);
        }
    }

    @Test
    void aThreadInterruptedBeforeTheFitTrainsNothing() {
        try (CompiledModel net = net()) {
            double[] before = net.model().parameters().snapshot();
            Thread.currentThread().interrupt();
            TrainingInterruptedException e;
            try {
                e = assertThrows(TrainingInterruptedException.class, () -> net.fit(DATA, options().build()));
            } finally {
                assertTrue(Thread.interrupted());
            }
            assertTrue(e.getMessage().startsWith("training interrupted before epoch 1;"), e.getMessage());
            assertTrue(e.getMessage().endsWith("the history 0 complete epochs"), e.getMessage());
            assertArrayEquals(before, net.model().parameters().snapshot(), 0.0);
            // the model is not spoiled: the next fit trains
            assertEquals(EPOCHS, net.fit(DATA, options().build()).epochs().size());
        }
    }

    /** The epoch cut short never reaches onEpochEnd, so the last checkpoint is a whole epoch's. */
    @Test
    void aCheckpointedFitResumesAfterAnInterruptAsIfUninterrupted() {
        double[] expected;
        double[] expectedLoss;
        try (CompiledModel net = net()) {
            expectedLoss = net.fit(DATA, options().build()).loss();
            expected = net.model().parameters().snapshot();
        }
        Path dir = tmp.resolve("checkpoint");
        try (CompiledModel net = net()) {
            assertThrows(TrainingInterruptedException.class, () -> net.fit(DATA, options()
                    .addCallback(new TrainingCheckpoint(dir, 1))
                    .addCallback(atStep(3, 2, () -> Thread.currentThread().interrupt())).build()));
            assertTrue(Thread.interrupted());
        }
        assertEquals(2, Checkpoint.read(dir).epoch());
        try (CompiledModel net = net()) {
            History h = net.fit(DATA, options().optResumeFrom(dir).addCallback(new TrainingCheckpoint(dir, 1)).build());
            assertArrayEquals(expected, net.model().parameters().snapshot(), 0.0);
            assertArrayEquals(expectedLoss, h.loss(), 0.0);
        }
    }

    /**
     * An application trains on a worker and cancels the task: the worker ends, the task reports
     * the interrupt, and no engine array is left behind.
     */
    @Test
    void cancellingTheTaskEndsTheFitAndFreesItsArrays() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (CompiledModel net = net()) {
            net.fit(DATA, options().optEpochs(1).build()); // settles the engine's lazily made arrays
            NativeMemoryTest.Live before = NativeMemoryTest.Live.now();
            CountDownLatch training = new CountDownLatch(1);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Future<?> task = worker.submit(() -> {
                try {
                    net.fit(DATA, options().optEpochs(1_000_000).addCallback(atStep(1, 1, training::countDown)).build());
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
            });
            assertTrue(training.await(60, TimeUnit.SECONDS), "the fit started");
            task.cancel(true);
            worker.shutdown();
            assertTrue(worker.awaitTermination(60, TimeUnit.SECONDS), "the fit ended");
            assertInstanceOf(TrainingInterruptedException.class, thrown.get());
            assertFalse(((TrainingInterruptedException) thrown.get()).history().epochs().size() >= 1_000_000);
            NativeMemoryTest.Live after = NativeMemoryTest.Live.now();
            assertEquals(before, after, "engine arrays and managers alive before the fit and after the cancel");
        } finally {
            worker.shutdownNow();
        }
    }

    /**
     * An interrupt that lands while a callback writes a checkpoint (Java's file channels close on
     * an interrupt) still reports the interrupt, with the write's failure as its cause, and the
     * checkpoint before it stays whole.
     */
    @Test
    void anInterruptDuringACheckpointsWriteIsReportedAsTheInterrupt() {
        Path dir = tmp.resolve("checkpoint-during");
        Callback interruptAtEpochEnd = new Callback() {
            @Override
            public void onEpochEnd(EpochLogs logs, TrainingContext context) {
                if (logs.epoch() == 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (CompiledModel net = net()) {
            TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class, () -> net.fit(DATA,
                    options().addCallback(interruptAtEpochEnd).addCallback(new TrainingCheckpoint(dir, 1)).build()));
            assertTrue(Thread.interrupted());
            assertEquals(2, e.history().epochs().size(), e.getMessage());
            assertTrue(e.getMessage().startsWith("training interrupted after epoch 2 while a callback was at work (cannot"
                    + " write checkpoint " + dir + ": the thread was interrupted)"), e.getMessage());
        }
        assertEquals(1, Checkpoint.read(dir).epoch(), "the last checkpoint written whole");
    }
}
