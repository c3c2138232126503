package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.nntrain.train.metric.Evaluation;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code stopTraining()} from a step's end ends the epoch at that step, as Keras' {@code
 * stop_training} does: the model keeps that step's parameters, the epoch's loss covers the steps
 * taken, validation and {@code onEpochEnd} still run. The oracle is an uninterrupted fit that
 * records its parameters and running loss at the same step.
 */
class StopTrainingTest {

    @TempDir
    Path tmp;

    private static final Examples DATA = Synthetic.blobs(120, 5);
    private static final int EPOCHS = 4;

    private static CompiledModel net() {
        Sequential model = Sequential.builder().addAll(Dense.of(8, Activation.RELU), Dense.of(4))
                .optInputShape(2).optSeed(3).build();
        return CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.01));
    }

    /** 96 training and 24 validation examples: 6 steps of 16 per epoch. */
    private static FitOptions.Builder options() {
        return FitOptions.builder().optEpochs(EPOCHS).optBatchSize(16).optSeed(7).optVerbose(0).optValidationSplit(0.2);
    }

    private static Callback atStep(int epoch, int step, java.util.function.Consumer<TrainingContext> action) {
        return new Callback() {
            @Override
            public void onBatchEnd(int e, int b, TrainingContext context) {
                if (e == epoch && b == step) {
                    action.accept(context);
                }
            }
        };
    }

    private static final class EpochEnds implements Callback {
        final List<EpochLogs> seen = new ArrayList<>();

        @Override
        public void onEpochEnd(EpochLogs logs, TrainingContext context) {
            seen.add(logs);
        }
    }

    @Test
    void aStopAtAStepEndsTheEpochThere() {
        AtomicReference<double[]> parameters = new AtomicReference<>();
        AtomicReference<Double> runningLoss = new AtomicReference<>();
        try (CompiledModel net = net()) {
            net.fit(DATA, options().addCallback(atStep(2, 3, c -> {
                parameters.set(net.model().parameters().snapshot());
                runningLoss.set(c.runningLoss());
            })).build());
        }
        try (CompiledModel net = net()) {
            EpochEnds ends = new EpochEnds();
            History h = net.fit(DATA, options().addCallback(atStep(2, 3, TrainingContext::stopTraining))
                    .addCallback(ends).build());
            assertEquals(2, h.size(), "the epoch cut short is logged");
            assertTrue(h.stoppedEarly());
            assertArrayEquals(parameters.get(), net.model().parameters().snapshot(), 0.0, "no step after the stop");
            assertEquals(runningLoss.get(), h.last().loss(), 0.0, "the epoch's loss is the mean over its 3 steps");
            assertEquals(2, ends.seen.size(), "onEpochEnd runs for the epoch cut short");
            // validation ran on the parameters the model keeps: evaluate them independently
            Evaluation val = net.evaluate(DATA.slice(96, 120));
            assertEquals(val.loss(), h.last().valLoss(), 1e-6);
        }
    }

    @Test
    void aStopAtTheLastStepOfTheLastEpochIsNoEarlyStop() {
        try (CompiledModel net = net()) {
            History h = net.fit(DATA, options().addCallback(atStep(EPOCHS, 6, TrainingContext::stopTraining)).build());
            assertEquals(EPOCHS, h.size());
            assertFalse(h.stoppedEarly(), "every step asked for ran");
        }
        try (CompiledModel net = net()) {
            History h = net.fit(DATA, options().addCallback(atStep(EPOCHS, 5, TrainingContext::stopTraining)).build());
            assertEquals(EPOCHS, h.size());
            assertTrue(h.stoppedEarly(), "the last epoch lost a step");
        }
    }

    /** A run stopped mid-epoch is finished: its checkpoint resumes to the same end at once. */
    @Test
    void aCheckpointAfterAStopMidEpochResumesToTheSameEnd() {
        Path dir = tmp.resolve("checkpoint");
        double[] parameters;
        double[] loss;
        try (CompiledModel net = net()) {
            History h = net.fit(DATA, options().addCallback(new TrainingCheckpoint(dir, 1))
                    .addCallback(atStep(3, 2, TrainingContext::stopTraining)).build());
            parameters = net.model().parameters().snapshot();
            loss = h.loss();
        }
        assertEquals(3, Checkpoint.read(dir).epoch());
        try (CompiledModel net = net()) {
            History h = net.fit(DATA, options().optResumeFrom(dir).addCallback(new TrainingCheckpoint(dir, 1)).build());
            assertArrayEquals(parameters, net.model().parameters().snapshot(), 0.0);
            assertArrayEquals(loss, h.loss(), 0.0);
            assertTrue(h.stoppedEarly());
        }
    }
}
