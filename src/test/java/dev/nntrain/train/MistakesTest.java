package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.metric.Evaluation;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

/** The wrong predictions of a classifier, the most confident first, against probabilities worked out by hand. */
class MistakesTest {

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** x = -2, -1, 0.5, 3, 1, 3 with labels 1, 0, 0, 0, 1, 0. */
    private static Examples sixPoints() {
        return Examples.of(new float[][] {{-2}, {-1}, {0.5f}, {3}, {1}, {3}}, new int[] {1, 0, 0, 0, 1, 0});
    }

    /**
     * Logits (0, x): class 1 where x > 0 with probability sigmoid(x), else class 0 with sigmoid(-x).
     * Wrong: x = 3 twice (p = sigmoid(3), the earlier first), x = -2 (sigmoid(2)), x = 0.5 (sigmoid(0.5)).
     */
    @Test
    void softmaxMistakesComeMostConfidentFirstWithTheProbabilityOfTheWrongClass() {
        Sequential model = Sequential.builder().add(Dense.of(2)).optInputShape(1).optSeed(1).build();
        model.weights().set(0, new LayerWeights("dense", new float[][] {{0, 1}}, new float[] {0, 0}));
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam())) {
            Mistakes m = Mistakes.of(net, sixPoints());
            assertEquals(4, m.count());
            assertEquals(6, m.examples());
            assertArrayEquals(new int[] {3, 5, 0, 2}, m.indices(10));
            List<Mistakes.Mistake> all = m.all();
            assertEquals(new Mistakes.Mistake(3, 0, 1, all.get(0).probability()), all.get(0));
            assertEquals(sigmoid(3), all.get(0).probability(), 1e-6);
            assertEquals(sigmoid(3), all.get(1).probability(), 1e-6);
            assertEquals(new Mistakes.Mistake(0, 1, 0, all.get(2).probability()), all.get(2));
            assertEquals(sigmoid(2), all.get(2).probability(), 1e-6);
            assertEquals(sigmoid(0.5), all.get(3).probability(), 1e-6);
            assertEquals(all.subList(0, 2), m.mostConfident(2));
            assertThrows(InvalidInputException.class, () -> m.mostConfident(0));
        }
    }

    /** One sigmoid output: class 1 above a logit of 0, and class 0 has 1 - p. */
    @Test
    void oneSigmoidOutputsMistakesHaveTheProbabilityOfTheClassPredicted() {
        Sequential model = Sequential.builder().add(Dense.of(1)).optInputShape(1).optSeed(1).build();
        model.weights().set(0, new LayerWeights("dense", new float[][] {{1}}, new float[] {0}));
        try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(true), new Adam())) {
            Mistakes m = Mistakes.of(net, sixPoints());
            assertArrayEquals(new int[] {3, 5, 0, 2}, m.indices(4));
            assertEquals(0, m.all().get(2).predicted());
            assertEquals(sigmoid(2), m.all().get(2).probability(), 1e-6, "1 - sigmoid(-2)");
            assertEquals(1, m.all().get(3).predicted());
            assertEquals(sigmoid(0.5), m.all().get(3).probability(), 1e-6);
        }
    }

    /**
     * Over more examples than one chunk, the count agrees with evaluate's accuracy, which the
     * engine tallies on its own path.
     */
    @Test
    void theCountAgreesWithEvaluatesAccuracyAcrossChunks() {
        int n = Mistakes.CHUNK + 1000;
        Random random = new Random(7);
        float[][] x = new float[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            y[i] = random.nextInt(4);
        }
        Examples examples = Examples.of(x, y);
        Sequential model = Sequential.builder().add(Dense.of(8, Activation.RELU)).add(Dense.of(4)).optInputShape(3)
                .optSeed(3).build();
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam())) {
            Mistakes m = Mistakes.of(net, examples);
            Evaluation e = net.evaluate(examples);
            assertEquals(Math.round((1 - e.accuracy()) * n), m.count());
            assertTrue(m.count() > n / 2, "random labels: mostly wrong");
            for (int k = 1; k < m.count(); k++) {
                assertTrue(m.all().get(k - 1).probability() >= m.all().get(k).probability());
            }
            for (Mistakes.Mistake mistake : m.all()) {
                assertTrue(mistake.label() == y[mistake.index()] && mistake.predicted() != mistake.label());
                assertTrue(mistake.probability() >= 0.25f, "the predicted class is the most probable of 4");
            }
        }
    }

    @Test
    void refusesModelsAndExamplesWithoutOneClassEach() {
        Sequential line = Sequential.builder().add(Dense.of(1)).optInputShape(1).optSeed(1).build();
        try (CompiledModel regression = CompiledModel.compile(line, new MeanSquaredError(), new Adam())) {
            assertThrows(IllegalStateException.class, () -> Mistakes.of(regression, sixPoints()));
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> Mistakes.of(regression, Examples.of(new float[][] {{1}}, new float[][] {{0.5f}})));
            assertTrue(e.getMessage().contains("real-valued targets"), e.getMessage());
        }
        Sequential three = Sequential.builder().add(Dense.of(3)).optInputShape(1).optSeed(1).build();
        try (CompiledModel multiLabel = CompiledModel.compile(three, new BinaryCrossentropy(true), new Adam())) {
            assertThrows(IllegalStateException.class, () -> Mistakes.of(multiLabel, sixPoints()));
        }
    }
}
