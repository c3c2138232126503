package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Standardizer;
import dev.nntrain.data.Synthetic;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;

/** The course's practice data sets train to the accuracy the course shows. */
class CourseDataTrainingTest {

    @Test
    void coffeeRoastingReachesNinetyFivePercent() {
        // section 1 of the course and its coffee lab, as in the keras-recipe lesson
        // (dev.nntrain.lessons.KerasRecipeLesson): normalise, Dense(3, sigmoid), Dense(1, sigmoid).
        Examples roasts = Synthetic.coffee(1);
        Examples normalised = Standardizer.fit(roasts).apply(roasts);
        Sequential model = Sequential.builder()
                .addAll(Dense.of(3, Activation.SIGMOID), Dense.of(1, Activation.SIGMOID))
                .build();
        try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(false), new Adam(0.1))) {
            History h = net.fit(normalised, FitOptions.builder().optEpochs(300).optSeed(1).build());
            double accuracy = net.evaluate(normalised).accuracy();
            assertTrue(accuracy >= 0.95, "training accuracy " + accuracy);
            assertTrue(h.loss()[299] < h.loss()[0] / 3, "the loss falls");
        }
    }

    @Test
    void fourBlobsReachNinetyFivePercent() {
        // section 6 of the course, as in the softmax lesson (dev.nntrain.lessons.MulticlassSoftmaxLesson):
        // four classes in 2-D, Dense(2, relu) then 4 linear outputs (logits).
        Examples blobs = Synthetic.blobs(1);
        Sequential model = Sequential.of(Dense.of(2, Activation.RELU), Dense.of(4));
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            net.fit(blobs, FitOptions.builder().optEpochs(50).optSeed(2).build());
            double accuracy = net.evaluate(blobs).accuracy();
            assertTrue(accuracy >= 0.95, "training accuracy " + accuracy);
            float[][] p = net.predictProbabilities(new float[][] {{-5, 2}, {5, -2}});
            assertEquals(1.0, p[0][0] + p[0][1] + p[0][2] + p[0][3], 1e-5, "softmax outputs sum to 1");
            assertEquals(0, net.predictClasses(new float[][] {{-5, 2}})[0]);
            assertEquals(3, net.predictClasses(new float[][] {{5, -2}})[0]);
        }
    }

    @Test
    void noisyLinearRegressionReachesRSquaredNinetyFive() {
        Examples data = Synthetic.linear(500, new float[] {2f, -3f}, 0.5f, 0.3, 3);
        Sequential model = Sequential.of(Dense.of(1));
        try (CompiledModel net = CompiledModel.compile(model, new MeanSquaredError(), new Adam(0.05))) {
            net.fit(data, FitOptions.builder().optEpochs(60).optSeed(3).build());
            float[][] pred = net.predict(data.featureRows());
            float[] y = data.targets();
            double mean = 0;
            for (float v : y) {
                mean += v / y.length;
            }
            double residual = 0;
            double total = 0;
            for (int i = 0; i < y.length; i++) {
                residual += (y[i] - pred[i][0]) * (y[i] - pred[i][0]);
                total += (y[i] - mean) * (y[i] - mean);
            }
            double r2 = 1 - residual / total;
            assertTrue(r2 >= 0.95, "R^2 " + r2);
            float[][] kernel = model.weights().get(0).kernel();
            assertEquals(2.0, kernel[0][0], 0.1);
            assertEquals(-3.0, kernel[1][0], 0.1);
            assertTrue(Double.isNaN(net.evaluate(data).accuracy()), "a regression has no accuracy");
        }
    }

    @Test
    void multiLabelOutputsAreIndependentSigmoids() {
        // section 10 of the course, as in the multi-label lesson (dev.nntrain.lessons.MultiLabelLesson):
        // three yes/no questions answered by three sigmoid units.
        java.util.Random r = new java.util.Random(5);
        float[][] x = new float[400][2];
        float[][] y = new float[400][3];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = (float) r.nextGaussian();
            x[i][1] = (float) r.nextGaussian();
            y[i][0] = x[i][0] > 0 ? 1 : 0;
            y[i][1] = x[i][1] > 0 ? 1 : 0;
            y[i][2] = x[i][0] + x[i][1] > 0 ? 1 : 0;
        }
        Sequential model = Sequential.of(Dense.of(8, Activation.RELU), Dense.of(3));
        try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(true), new Adam(0.02))) {
            net.fit(x, y, FitOptions.builder().optEpochs(60).optSeed(5).build());
            assertTrue(net.evaluate(x, y).accuracy() >= 0.95);
            float[] p = net.predictProbabilities(new float[][] {{2, -2}})[0];
            assertTrue(p[0] > 0.5 && p[1] < 0.5, "car yes, bus no");
            assertTrue(Math.abs(p[0] + p[1] + p[2] - 1) > 0.05, "multi-label outputs need not sum to 1");
        }
    }
}
