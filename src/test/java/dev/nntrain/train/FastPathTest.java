package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

import dev.nntrain.data.Examples;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.Optimizer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * nntrain's training loop (written-out backpropagation, flat Adam) against plain DJL training
 * (its Trainer, GradientCollector and Adam) and against nntrain's own autograd path.
 */
class FastPathTest {

    private static final int EPOCHS = 3;
    private static final int BATCH = 32;

    /**
     * Float32 rounding over 39 Adam steps of about 0.01 each (at most 4e-6 apart, measured), far
     * below what one missed step or a stale copy of the weights would leave.
     */
    private static final double WEIGHT_TOLERANCE = 2e-5;

    private static Sequential courseModel(long seed) {
        return Sequential.builder()
                .addAll(Dense.of(25, Activation.RELU), Dense.of(15, Activation.RELU), Dense.of(10))
                .optInputShape(784)
                .optSeed(seed)
                .build();
    }

    /** Plain DJL: its Trainer, its GradientCollector, its Adam, its loss, batches in order. */
    private static double[] djlTrainerLossCurve(Sequential model, Examples data, Loss loss, Optimizer optimizer) {
        double[] curve = new double[EPOCHS];
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss.toDjl()).optOptimizer(optimizer.toDjl());
        try (Trainer trainer = model.djlModel().newTrainer(config)) {
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                double sum = 0;
                for (int from = 0; from < data.size(); from += BATCH) {
                    int to = Math.min(data.size(), from + BATCH);
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        Examples part = data.slice(from, to);
                        NDArray x = batch.create(part.features(), new Shape(to - from, 784));
                        NDArray y = batch.create(part.targets(), new Shape(to - from)); // class indices, as DJL's sparse loss reads them
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(new NDList(x));
                            NDArray l = loss.toDjl().evaluate(new NDList(y), out);
                            collector.backward(l);
                            sum += l.getFloat() * (to - from);
                        }
                        trainer.step();
                    }
                }
                curve[epoch] = sum / data.size();
            }
        }
        return curve;
    }

    @Test
    void sameLossCurveAsAPlainGradientCollectorLoop() {
        Examples digits = MnistSource.embedded().train().slice(0, 640);
        Loss loss = new SparseCategoricalCrossentropy(true);
        double[] reference;
        try (Sequential plain = courseModel(3)) {
            reference = djlTrainerLossCurve(plain, digits, loss, new Adam(1e-3));
        }
        try (CompiledModel net = CompiledModel.compile(courseModel(3), loss, new Adam(1e-3))) {
            History h = net.fit(digits, FitOptions.builder().optEpochs(EPOCHS).optBatchSize(BATCH).optShuffle(false).build());
            assertTrue(net.usesWrittenBackprop());
            for (int e = 0; e < EPOCHS; e++) {
                assertEquals(reference[e], h.loss()[e], 2e-5 * reference[e], "epoch " + (e + 1));
            }
            assertTrue(h.loss()[EPOCHS - 1] < h.loss()[0]);
        }
    }

    /**
     * What a run leaves behind.
     *
     * @param history the loss per epoch, measured while training
     * @param weights the weights after the last step, as the model holds them once fit returns
     */
    private record Trained(History history, List<LayerWeights> weights) {}

    private static Trained train(Sequential model, Loss loss, Examples data, boolean fast) {
        try (CompiledModel net = CompiledModel.compile(model, loss, new Adam(0.01))) {
            net.setWrittenBackpropAllowed(fast);
            History h = net.fit(data, FitOptions.builder().optEpochs(EPOCHS).optBatchSize(16).optSeed(4).build());
            assertEquals(fast, net.usesWrittenBackprop());
            return new Trained(h, model.weights().all());
        }
    }

    /** The largest difference between two models' weights, kernels and biases alike. */
    private static double maxDifference(List<LayerWeights> a, List<LayerWeights> b) {
        double max = 0;
        for (int l = 0; l < a.size(); l++) {
            float[][] ka = a.get(l).kernel();
            float[][] kb = b.get(l).kernel();
            for (int i = 0; i < ka.length; i++) {
                for (int j = 0; j < ka[i].length; j++) {
                    max = Math.max(max, Math.abs(ka[i][j] - kb[i][j]));
                }
            }
            for (int j = 0; j < a.get(l).bias().length; j++) {
                max = Math.max(max, Math.abs(a.get(l).bias()[j] - b.get(l).bias()[j]));
            }
        }
        return max;
    }

    private static Examples regression() {
        Random r = new Random(8);
        float[][] x = new float[200][3];
        float[][] y = new float[200][2];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            y[i][0] = x[i][0] - 2 * x[i][1];
            y[i][1] = Math.abs(x[i][2]);
        }
        return Examples.of(x, y);
    }

    private static Examples multiLabel() {
        Random r = new Random(9);
        float[][] x = new float[200][3];
        float[][] y = new float[200][2];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            y[i][0] = x[i][0] > 0 ? 1 : 0;
            y[i][1] = x[i][1] + x[i][2] > 0 ? 1 : 0;
        }
        return Examples.of(x, y);
    }

    /**
     * Both paths, from the same weights, with the same batches: the same loss curve, and the same
     * weights after the last step (which no epoch's loss sees) in the model once fit returns. The
     * loss must fall, or two paths that both failed to update anything would agree too.
     */
    @Test
    void everyActivationAndLossMatchesTheAutogradPath() {
        for (Activation hidden : new Activation[] {Activation.RELU, Activation.LEAKY_RELU, Activation.SIGMOID,
                Activation.TANH, Activation.LINEAR}) {
            for (String kind : new String[] {"mse", "bce", "sce"}) {
                Examples data = kind.equals("mse") ? regression() : kind.equals("bce") ? multiLabel()
                        : dev.nntrain.data.Synthetic.blobs(300, 5);
                Loss loss = kind.equals("mse") ? new MeanSquaredError()
                        : kind.equals("bce") ? new BinaryCrossentropy(true) : new SparseCategoricalCrossentropy(true);
                int outputs = kind.equals("sce") ? 4 : 2;
                // MSE also covers a non-linear output activation
                Activation out = kind.equals("mse") && hidden == Activation.TANH ? Activation.SIGMOID : Activation.LINEAR;
                Trained fast = train(Sequential.builder().addAll(Dense.of(6, hidden), Dense.of(outputs, out))
                        .optSeed(11).build(), loss, data, true);
                Trained autograd = train(Sequential.builder().addAll(Dense.of(6, hidden), Dense.of(outputs, out))
                        .optSeed(11).build(), loss, data, false);
                String run = hidden + "/" + kind;
                double[] curve = autograd.history().loss();
                for (int e = 0; e < EPOCHS; e++) {
                    assertEquals(curve[e], fast.history().loss()[e], 1e-5 * Math.max(1, curve[e]),
                            run + " epoch " + (e + 1));
                }
                assertTrue(curve[EPOCHS - 1] < curve[0], run + " learns: " + java.util.Arrays.toString(curve));
                double apart = maxDifference(autograd.weights(), fast.weights());
                assertTrue(apart < WEIGHT_TOLERANCE, run + ": final weights differ by " + apart);
            }
        }
    }

    @Test
    void probabilityOutputsTrainThroughAutograd() {
        Sequential model = Sequential.of(Dense.of(4, Activation.RELU), Dense.of(4, Activation.SOFTMAX));
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(false), new Adam(0.01))) {
            net.fit(dev.nntrain.data.Synthetic.blobs(200, 2), FitOptions.epochs(1));
            assertFalse(net.usesWrittenBackprop());
        }
    }

    @Test
    void noArraysAccumulateFromEpochToEpoch() {
        Examples digits = MnistSource.embedded().train().slice(0, 256);
        List<Integer> live = new ArrayList<>();
        Callback counter = new Callback() {
            @Override
            public void onEpochEnd(EpochLogs logs, TrainingContext context) {
                live.add(((BaseNDManager) context.model().model().manager()).getManagedArrays().size());
            }
        };
        try (CompiledModel net = CompiledModel.compile(courseModel(1), new SparseCategoricalCrossentropy(true), new Adam())) {
            net.fit(digits, FitOptions.builder().optEpochs(6).addCallback(counter)
                    .optAugmentation(new dev.nntrain.data.RandomShift(1)).build());
        }
        for (int e = 1; e < live.size(); e++) {
            assertEquals(live.get(0), live.get(e), "live arrays after each epoch: " + live);
        }
    }
}
