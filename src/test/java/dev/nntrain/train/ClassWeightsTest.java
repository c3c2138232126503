package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.callback.TrainingCheckpoint;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.CategoricalCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.GradientDescent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Keras' {@code class_weight} in {@code fit}: the balanced weights against scikit-learn's, the
 * whole training path against a data set with each example repeated as many times as its class
 * weighs, both backpropagation paths against each other, the metrics that stay unweighted, the
 * settings refused, and a resumed fit.
 */
class ClassWeightsTest {

    @TempDir
    Path tmp;

    /** Class c's examples: 20, 6 and 4 of classes 0, 1, 2, around three centres, in mixed order. */
    private static final int[] COUNTS = {20, 6, 4};

    private static float[][] features(int[] labels, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            x[i] = new float[] {(float) (c - 1 + 0.8 * r.nextGaussian()), (float) ((c == 1 ? 1 : -0.5) + 0.8 * r.nextGaussian())};
        }
        return x;
    }

    private static int[] imbalancedLabels() {
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < COUNTS.length; c++) {
            for (int j = 0; j < COUNTS[c]; j++) {
                labels.add(c);
            }
        }
        java.util.Collections.shuffle(labels, new Random(5));
        return labels.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Sequential model(int outputs, DataType type) {
        return Sequential.builder().addAll(Dense.of(5, Activation.TANH), Dense.of(outputs))
                .optInputShape(2).optSeed(13).optDataType(type).build();
    }

    /** scikit-learn 1.2.1: compute_class_weight('balanced', classes=np.unique(y), y=y). */
    @Test
    void balancedWeightsAreScikitLearns() {
        int[] y = {0, 0, 0, 0, 0, 0, 1, 1, 2, 0, 4, 4};
        // 12 labels, 4 classes present (3 is not): 12 / (4 * count)
        Map<Integer, Double> w = ClassWeights.balanced(y);
        assertEquals(List.of(0, 1, 2, 4), List.copyOf(w.keySet()), "a class without labels is left out");
        assertEquals(0.42857142857142855, w.get(0), 1e-15);
        assertEquals(1.5, w.get(1), 1e-15);
        assertEquals(3.0, w.get(2), 1e-15);
        assertEquals(1.5, w.get(4), 1e-15);
    }

    /** What one full-batch run leaves: the loss per epoch and the parameters. */
    private record Run(double[] loss, double[] parameters) {}

    private static Run fullBatch(Loss loss, int outputs, Examples data, double learningRate, Map<Integer, Double> weights,
            boolean written) {
        try (CompiledModel net = CompiledModel.compile(model(outputs, DataType.FLOAT64), loss, new GradientDescent(learningRate))) {
            net.setWrittenBackpropAllowed(written);
            FitOptions.Builder options = FitOptions.builder().optEpochs(6).optBatchSize(data.size()).optShuffle(false)
                    .optSeed(1).optVerbose(0);
            if (weights != null) {
                options.optClassWeights(weights);
            }
            History h = net.fit(data, options.build());
            assertEquals(written && loss.hasWrittenGradient(), net.usesWrittenBackprop());
            return new Run(h.loss(), net.model().parameters().snapshot());
        }
    }

    /**
     * Full-batch gradient descent with integer class weights {@code k_c} is gradient descent on
     * the set where each example of class c is repeated {@code k_c} times (dropped for 0), at the
     * learning rate times {@code n'/n}: {@code sum_i k_i L_i / n = (n'/n) mean'(L)}. The
     * reported loss is then {@code n'/n} times the repeated set's. Both paths, each loss.
     */
    @Test
    void integerWeightsEqualRepeatedExamples() {
        int[] labels = imbalancedLabels();
        float[][] x = features(labels, 7);
        int[] k = {1, 3, 0};
        Map<Integer, Double> weights = Map.of(0, 1.0, 1, 3.0, 2, 0.0);
        double worst = 0;
        for (boolean written : new boolean[] {true, false}) {
            for (String kind : new String[] {"sparse", "categorical", "binary"}) {
                int[] y = kind.equals("binary") ? binary(labels) : labels;
                int[] kk = kind.equals("binary") ? new int[] {3, 1} : k;
                Map<Integer, Double> w = kind.equals("binary") ? Map.of(0, 3.0) : weights; // class 1 left out: 1
                List<Integer> rows = new ArrayList<>();
                for (int i = 0; i < y.length; i++) {
                    for (int r = 0; r < kk[y[i]]; r++) {
                        rows.add(i);
                    }
                }
                int n = y.length;
                int repeated = rows.size();
                Loss loss = kind.equals("sparse") ? new SparseCategoricalCrossentropy(true)
                        : kind.equals("categorical") ? new CategoricalCrossentropy(true) : new BinaryCrossentropy(true);
                int outputs = kind.equals("binary") ? 1 : 3;
                double rate = 0.3;
                Run weighted = fullBatch(loss, outputs, examples(kind, x, y, null), rate, w, written);
                Run copies = fullBatch(loss, outputs, examples(kind, x, y, rows), rate * repeated / n, null, written);
                String what = kind + (written ? " written-out" : " autograd");
                double apart = 0;
                for (int p = 0; p < weighted.parameters().length; p++) {
                    apart = Math.max(apart, Math.abs(weighted.parameters()[p] - copies.parameters()[p]));
                }
                assertTrue(apart < 1e-12, what + ": parameters differ by " + apart);
                worst = Math.max(worst, apart);
                for (int e = 0; e < weighted.loss().length; e++) {
                    assertEquals(copies.loss()[e] * repeated / n, weighted.loss()[e], 1e-12, what + " epoch " + (e + 1));
                }
                // and the weights changed something: the plain run ends elsewhere
                Run plain = fullBatch(loss, outputs, examples(kind, x, y, null), rate, null, written);
                double moved = 0;
                for (int p = 0; p < plain.parameters().length; p++) {
                    moved = Math.max(moved, Math.abs(plain.parameters()[p] - weighted.parameters()[p]));
                }
                assertTrue(moved > 1e-3, what + ": class weights changed nothing (" + moved + ")");
            }
        }
        System.out.println("class weights vs repeated examples: parameters at most " + worst + " apart");
    }

    private static int[] binary(int[] labels) {
        int[] y = new int[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i] == 0 ? 0 : 1;
        }
        return y;
    }

    /** The examples as the loss takes them, each row {@code rows} names (all, in order, for null). */
    private static Examples examples(String kind, float[][] x, int[] y, List<Integer> rows) {
        List<Integer> order = rows;
        if (order == null) {
            order = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                order.add(i);
            }
        }
        float[][] xs = new float[order.size()][];
        int[] ys = new int[order.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = x[order.get(i)];
            ys[i] = y[order.get(i)];
        }
        if (kind.equals("sparse")) {
            return Examples.of(xs, ys);
        }
        float[][] t = new float[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            t[i] = kind.equals("binary") ? new float[] {ys[i]} : new float[3];
            if (kind.equals("categorical")) {
                t[i][ys[i]] = 1;
            }
        }
        return Examples.of(xs, t);
    }

    /**
     * Adam on shuffled mini-batches with balanced weights: the written-out backward and autograd
     * give the same loss curve and weights, as FastPathTest holds them without weights.
     */
    @Test
    void bothPathsTrainAlikeWithWeights() {
        int[] labels = imbalancedLabels();
        Examples data = Examples.of(features(labels, 7), labels);
        double[][] curves = new double[2][];
        double[][] params = new double[2][];
        for (int path = 0; path < 2; path++) {
            try (CompiledModel net = CompiledModel.compile(model(3, DataType.FLOAT32), new SparseCategoricalCrossentropy(true),
                    new Adam(0.02))) {
                net.setWrittenBackpropAllowed(path == 0);
                History h = net.fit(data, FitOptions.builder().optEpochs(5).optBatchSize(8).optSeed(3).optVerbose(0)
                        .optClassWeights(ClassWeights.balanced()).build());
                assertEquals(path == 0, net.usesWrittenBackprop());
                curves[path] = h.loss();
                params[path] = net.model().parameters().snapshot();
            }
        }
        for (int e = 0; e < curves[0].length; e++) {
            assertEquals(curves[1][e], curves[0][e], 1e-5 * Math.max(1, curves[1][e]), "epoch " + (e + 1));
        }
        assertTrue(curves[0][4] < curves[0][0], "learns: " + java.util.Arrays.toString(curves[0]));
        assertArrayEquals(params[1], params[0], 2e-5);
    }

    /**
     * Validation and evaluate are not weighted (Keras weighs only the training loss): the
     * validation loss is the plain mean of -log p_y over the predicted probabilities.
     */
    @Test
    void validationAndEvaluateAreUnweighted() {
        int[] labels = imbalancedLabels();
        float[][] x = features(labels, 7);
        Examples data = Examples.of(x, labels);
        try (CompiledModel net = CompiledModel.compile(model(3, DataType.FLOAT64), new SparseCategoricalCrossentropy(true),
                new GradientDescent(0.3))) {
            History h = net.fit(data, FitOptions.builder().optEpochs(3).optBatchSize(30).optShuffle(false).optSeed(1)
                    .optVerbose(0).optValidationData(data).optClassWeights(Map.of(0, 0.1, 1, 20.0, 2, 7.0)).build());
            float[][] p = net.predictProbabilities(x);
            double plain = 0;
            int right = 0;
            for (int i = 0; i < x.length; i++) {
                plain -= Math.log(p[i][labels[i]]);
                int best = 0;
                for (int c = 1; c < 3; c++) {
                    best = p[i][c] > p[i][best] ? c : best;
                }
                right += best == labels[i] ? 1 : 0;
            }
            plain /= x.length;
            double valLoss = h.epochs().get(2).valLoss();
            assertEquals(plain, valLoss, 1e-6, "val_loss");
            assertEquals(plain, net.evaluate(data).loss(), 1e-6, "evaluate");
            assertEquals((double) right / x.length, h.epochs().get(2).valAccuracy(), 1e-12, "val_accuracy");
        }
    }

    private static InvalidInputException refused(Loss loss, int outputs, Examples data, Map<Integer, Double> weights) {
        try (CompiledModel net = CompiledModel.compile(model(outputs, DataType.FLOAT32), loss, new Adam())) {
            return assertThrows(InvalidInputException.class, () -> net.fit(data,
                    FitOptions.builder().optVerbose(0).optClassWeights(weights).build()));
        }
    }

    @Test
    void whatCannotBeWeightedIsRefused() {
        int[] labels = imbalancedLabels();
        float[][] x = features(labels, 7);
        float[][] values = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            values[i] = new float[] {x[i][0] + x[i][1], x[i][0]};
        }
        assertTrue(refused(new MeanSquaredError(), 2, Examples.of(x, values), Map.of(0, 2.0)).getMessage()
                .contains("regression"));
        float[][] bits = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            bits[i] = new float[] {labels[i] == 1 ? 1 : 0, labels[i] == 2 ? 1 : 0};
        }
        assertTrue(refused(new BinaryCrossentropy(true), 2, Examples.of(x, bits), Map.of(0, 2.0)).getMessage()
                .contains("multi-label"));
        Examples data = Examples.of(x, labels);
        assertEquals("class weights: class 3 is not one of the model's 3 classes (0 to 2)",
                refused(new SparseCategoricalCrossentropy(true), 3, data, Map.of(3, 2.0)).getMessage());
        assertTrue(refused(new SparseCategoricalCrossentropy(true), 3, data, Map.of(0, 0.0, 1, 0.0, 2, 0.0)).getMessage()
                .contains("every training example the weight 0"));
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> FitOptions.builder().optClassWeights(Map.of(1, bad)));
            assertTrue(e.getMessage().contains("of class 1 is not a finite number >= 0"), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> FitOptions.builder().optClassWeights(Map.of(-1, 1.0)));
        assertThrows(InvalidInputException.class, () -> FitOptions.builder().optClassWeights(Map.of()));
    }

    /** A class the map leaves out weighs 1, as in Keras' class_weight_to_sample_weights. */
    @Test
    void aClassLeftOutWeighsOne() {
        int[] labels = imbalancedLabels();
        Examples data = Examples.of(features(labels, 7), labels);
        Run some = fullBatch(new SparseCategoricalCrossentropy(true), 3, data, 0.3, Map.of(1, 4.0), true);
        Run all = fullBatch(new SparseCategoricalCrossentropy(true), 3, data, 0.3, Map.of(0, 1.0, 1, 4.0, 2, 1.0), true);
        assertArrayEquals(all.parameters(), some.parameters(), 0.0);
    }

    /** A resumed fit needs the class weights it was saved with. */
    @Test
    void resumingWithOtherWeightsIsRefused() {
        int[] labels = imbalancedLabels();
        Examples data = Examples.of(features(labels, 7), labels);
        Path dir = tmp.resolve("checkpoint");
        FitOptions.Builder first = FitOptions.builder().optEpochs(2).optBatchSize(8).optSeed(2).optVerbose(0)
                .optClassWeights(Map.of(1, 3.0));
        double[] expected;
        try (CompiledModel net = CompiledModel.compile(model(3, DataType.FLOAT32), new SparseCategoricalCrossentropy(true),
                new Adam(0.01))) {
            net.fit(data, FitOptions.builder().optEpochs(3).optBatchSize(8).optSeed(2).optVerbose(0)
                    .optClassWeights(Map.of(1, 3.0)).build());
            expected = net.model().parameters().snapshot();
        }
        try (CompiledModel net = CompiledModel.compile(model(3, DataType.FLOAT32), new SparseCategoricalCrossentropy(true),
                new Adam(0.01))) {
            net.fit(data, first.addCallback(new TrainingCheckpoint(dir, 1)).build());
        }
        for (Map<Integer, Double> other : List.of(Map.of(1, 3.5), Map.<Integer, Double>of())) {
            try (CompiledModel net = CompiledModel.compile(model(3, DataType.FLOAT32), new SparseCategoricalCrossentropy(true),
                    new Adam(0.01))) {
                FitOptions.Builder again = FitOptions.builder().optEpochs(3).optBatchSize(8).optSeed(2).optVerbose(0)
                        .optResumeFrom(dir);
                if (!other.isEmpty()) {
                    again.optClassWeights(other);
                }
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> net.fit(data, again.build()));
                assertTrue(e.getMessage().contains("class weights {1=3.0} (this fit: " + (other.isEmpty() ? "none" : "{1=3.5}")),
                        e.getMessage());
            }
        }
        try (CompiledModel net = CompiledModel.compile(model(3, DataType.FLOAT32), new SparseCategoricalCrossentropy(true),
                new Adam(0.01))) {
            net.fit(data, FitOptions.builder().optEpochs(3).optBatchSize(8).optSeed(2).optVerbose(0).optResumeFrom(dir)
                    .optClassWeights(Map.of(1, 3.0)).build());
            assertArrayEquals(expected, net.model().parameters().snapshot(), 0.0, "resumed bit-identically");
        }
    }
}
