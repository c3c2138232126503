package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.EarlyStopping;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A monitored metric that is NaN in every epoch, with {@code restoreBestWeights}: Keras 3's
 * {@code EarlyStopping.on_epoch_end} sets {@code best_weights} to the current weights at the first
 * epoch when none were set ("If best weights were never set, then the current weights are the
 * best"), and {@code on_train_end} restores them, so the fit ends with its first epoch's weights.
 * Replayed by hand for patience 3 (wait += 1 each epoch; NaN never improves; stop when wait >= 3):
 *
 * <pre>
 *  e  val_loss  best_weights set?      wait  stop?
 *  1  NaN       yes, epoch 1's (none)  1
 *  2  NaN       no                     2
 *  3  NaN       no                     3     yes, after epoch 3
 *  end: restore epoch 1's weights
 * </pre>
 */
public class EarlyStoppingNanThroughoutTest {

    /**
     * Random labels, Gaussian features: six features, three classes (also {@link
     * TrainingCoreRegressionTest}'s data).
     */
    public static Examples noise(int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            y[i] = r.nextInt(3);
        }
        return Examples.of(x, y);
    }

    /**
     * Hands {@code inner} each epoch's logs with the validation loss NaN (a validation loss that
     * overflowed in every epoch), the real fit's otherwise: its model, its stop, its history.
     */
    public static Callback nanValLoss(EarlyStopping inner) {
        return new Callback() {
            @Override
            public void onTrainBegin(TrainingContext context) {
                inner.onTrainBegin(context);
            }

            @Override
            public void onEpochEnd(EpochLogs l, TrainingContext context) {
                inner.onEpochEnd(new EpochLogs(l.epoch(), l.loss(), l.accuracy(), l.meanAbsoluteError(), Double.NaN,
                        l.valAccuracy(), l.valMeanAbsoluteError(), l.learningRate(), l.seconds(),
                        l.samplesPerSecond()), context);
            }

            @Override
            public void onTrainEnd(History history, TrainingContext context) {
                inner.onTrainEnd(history, context);
            }
        };
    }

    @Test
    void aMetricNanInEveryEpochRestoresTheFirstEpochsWeights() {
        Sequential model = Sequential.builder()
                .addAll(Dense.of(16, Activation.RELU), Dense.of(3)).optSeed(3).build();
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.02))) {
            List<double[]> afterEpoch = new ArrayList<>();
            Callback recorder = new Callback() {
                @Override
                public void onEpochEnd(EpochLogs logs, TrainingContext context) {
                    afterEpoch.add(context.model().model().parameters().snapshot());
                }
            };
            EarlyStopping stop = new EarlyStopping("val_loss", 3, 0, true);
            History history = net.fit(noise(60, 1), FitOptions.builder().optEpochs(20).optSeed(4)
                    .optValidationData(noise(50, 2)).addCallback(recorder).addCallback(nanValLoss(stop)).build());

            assertEquals(3, history.size(), "stopped after epoch 3, as the table replays");
            assertTrue(history.stoppedEarly());
            assertFalse(Arrays.equals(afterEpoch.get(0), afterEpoch.get(2)), "the case needs epochs 1 and 3 to differ");
            assertArrayEquals(afterEpoch.get(0), model.parameters().snapshot(), 0, "epoch 1's weights, as Keras keeps them");
            assertEquals(1, stop.bestEpoch(), "the epoch whose weights were kept (Keras' best_epoch 0, counted from 1)");
            assertTrue(Double.isNaN(stop.best()), "no epoch improved: " + stop.best());
        }
    }

    @Test
    void likeKerasItNeverStopsAfterTheFirstEpoch() {
        // Keras 3 with patience 1 and val_loss NaN throughout: epoch index 0 waits 1 but "epoch > 0"
        // fails, so it goes on; epoch index 1 waits 2 >= 1 and stops: two epochs trained
        Sequential model = Sequential.builder().addAll(Dense.of(8, Activation.RELU), Dense.of(3)).optSeed(3).build();
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.02))) {
            EarlyStopping stop = new EarlyStopping("val_loss", 1, 0, true);
            History history = net.fit(noise(60, 1), FitOptions.builder().optEpochs(20).optSeed(4)
                    .optValidationData(noise(50, 2)).addCallback(nanValLoss(stop)).build());
            assertEquals(2, history.size(), "stopped after epoch 2, as Keras does");
            assertTrue(history.stoppedEarly());
            assertEquals(1, stop.bestEpoch());
        }
    }
}
