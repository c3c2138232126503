package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.nntrain.train.optimizer.GradientDescent;
import dev.nntrain.train.optimizer.Optimizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Diverging training stops, whatever the optimiser, and keeps the last good checkpoint. */
class DivergenceTest {

    @TempDir
    Path tmp;

    private static CompiledModel net(Optimizer optimizer) {
        Sequential model = Sequential.builder().addAll(Dense.of(16, Activation.RELU), Dense.of(4)).optSeed(1).build();
        return CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), optimizer);
    }

    private static TrainingDivergedException diverge(Optimizer optimizer, FitOptions.Builder options) {
        Examples blobs = Synthetic.blobs(1);
        try (CompiledModel net = net(optimizer)) {
            return assertThrows(TrainingDivergedException.class, () -> net.fit(blobs, options.optSeed(2).build()));
        }
    }

    @Test
    void adamWithAHugeRateStopsAlthoughItsLossStaysFinite() {
        String m = diverge(new Adam(1e6), FitOptions.builder().optEpochs(3)).getMessage();
        // the first step at a rate of 1e6 throws the weights far out: it shows at the second check
        assertTrue(m.startsWith("training diverged in epoch 1 at step 2: the loss grew to"), m);
        assertTrue(m.endsWith("lower the learning rate (now 1e6), e.g. to 1e5"), m);
        assertTrue(!m.contains("\n"));
    }

    @Test
    void gradientDescentWithAHugeRateStopsOnANonFiniteLoss() {
        String m = diverge(new GradientDescent(1e30), FitOptions.builder().optEpochs(3)).getMessage();
        assertTrue(m.matches("training diverged in epoch 1 at step 2: .*(NaN|Infinity|grew).*"), m);
        assertTrue(m.endsWith("(now 1e30), e.g. to 1e29"), m);
    }

    @Test
    void aDivergenceLaterOnKeepsTheLastGoodCheckpoint() {
        Path dir = tmp.resolve("checkpoint");
        // after epoch 2's checkpoint the weights are blown up, as a bad step would: epoch 3 diverges
        Callback blowUp = new Callback() {
            @Override
            public void onEpochEnd(EpochLogs logs, TrainingContext context) {
                if (logs.epoch() == 2) {
                    double[] w = context.model().model().parameters().snapshot();
                    for (int i = 0; i < w.length; i++) {
                        w[i] *= 1e30;
                    }
                    context.model().model().parameters().restore(w);
                }
            }
        };
        String m = diverge(new Adam(1e-3), FitOptions.builder().optEpochs(4).optBatchSize(8)
                .addCallback(new TrainingCheckpoint(dir, 1)).addCallback(blowUp)).getMessage();
        // epoch 3 is past the checks of the first 64 steps: the window is the epoch's first 100
        assertTrue(m.startsWith("training diverged in epoch 3 between steps 1 and 100: the loss is "), m);
        Checkpoint kept = Checkpoint.read(dir);
        assertEquals(2, kept.epoch());
        assertTrue(Double.isFinite(kept.history().get(1).loss()));
    }
}
