package dev.nntrain.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.lessons.MulticlassSoftmaxLesson.Blobs;
import dev.nntrain.lessons.MulticlassSoftmaxLesson.Dependence;
import dev.nntrain.lessons.MulticlassSoftmaxLesson.SoftmaxCost;
import dev.nntrain.lessons.MulticlassSoftmaxLesson.SoftmaxDigits;
import dev.nntrain.lessons.MulticlassSoftmaxLesson.SoftmaxLoss;
import dev.nntrain.lessons.MulticlassSoftmaxLesson.SoftmaxValues;
import dev.nntrain.lessons.MulticlassSoftmaxLesson.TwoClasses;
import dev.nntrain.model.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Holds the lesson to the course's sections 6–8. */
class MulticlassSoftmaxLessonTest {

    private static final double FLOAT = 1e-6;

    // ---------------------------------------------------------------- 6

    @Test
    void fourBlobsAreClassified() {
        Blobs blobs = MulticlassSoftmaxLesson.blobs(MulticlassSoftmaxLesson.BLOB_EPOCHS);
        assertTrue(blobs.training().accuracy() >= 0.95, "training accuracy " + blobs.training().accuracy());
        assertEquals(2000, blobs.training().count());
        assertArrayEquals(new int[] {0, 1, 2, 3}, blobs.centreClasses(), "each centre in its own region");
        List<String> rows = blobs.map().lines().toList();
        assertEquals(19, rows.size());
        rows.forEach(row -> assertEquals(33, row.length()));
        for (char c : "0123".toCharArray()) {
            assertTrue(blobs.map().indexOf(c) >= 0, "region of class " + c + " on the map");
        }
    }

    // ---------------------------------------------------------------- 7

    @Test
    void softmaxOfTheCoursesLogits() {
        SoftmaxValues v = MulticlassSoftmaxLesson.softmax(MulticlassSoftmaxLesson.COURSE_LOGITS);
        double[] expected = {0.0320586, 0.0871443, 0.2368828, 0.6439143};
        for (int j = 0; j < 4; j++) {
            assertEquals(expected[j], v.byFormula()[j], 1e-7);
            assertEquals(expected[j], v.byLibrary()[j], FLOAT);
        }
        assertEquals(1.0, v.sum(), FLOAT, "the a_j sum to 1");
    }

    @Test
    void softmaxSumsToOneForAnyLogits() {
        for (float[] z : new float[][] {{0, 0}, {-3, 7, 0.5f}, {100, 0, -100, 2, 5}, {1e-3f, 2e-3f, 3e-3f}}) {
            assertEquals(1.0, MulticlassSoftmaxLesson.softmax(z).sum(), FLOAT, java.util.Arrays.toString(z));
        }
    }

    @Test
    void twoClassSoftmaxIsLogisticRegression() {
        List<TwoClasses> pairs = MulticlassSoftmaxLesson.twoClasses();
        assertEquals(5, pairs.size());
        for (TwoClasses t : pairs) {
            assertEquals(t.sigmoidOfDifference(), t.softmaxA2(), FLOAT, "z = " + t.z1() + ", " + t.z2());
            assertEquals(1 / (1 + Math.exp(-(t.z2() - t.z1()))), t.softmaxA2(), FLOAT);
        }
    }

    @Test
    void lossIsMinusLogOfTheTrueClassProbability() {
        SoftmaxCost cost = MulticlassSoftmaxLesson.softmaxCost();
        assertEquals(4, cost.examples().size());
        double sum = 0;
        for (SoftmaxLoss l : cost.examples()) {
            assertEquals(-Math.log(l.probability()), l.lossByHand(), 1e-12);
            assertEquals(l.lossByHand(), l.lossByLibrary(), FLOAT, "y = " + l.label());
            sum += l.lossByHand();
        }
        // with the course's logits, the loss of class j is log(sum e^z) - z_j: 0.44, 3.44, 1.44
        assertEquals(0.4401897, cost.examples().get(0).lossByHand(), 1e-7);
        assertEquals(3.4401897, cost.examples().get(1).lossByHand(), 1e-7);
        assertEquals(1.4401897, cost.examples().get(2).lossByHand(), 1e-7);
        assertEquals(sum / 4, cost.costByHand(), 1e-12, "the cost is the mean loss");
        assertEquals(cost.costByHand(), cost.costByLibrary(), FLOAT);
    }

    // ---------------------------------------------------------------- 8

    @Test
    void everySoftmaxOutputDependsOnEveryLogit() {
        Dependence softmax = MulticlassSoftmaxLesson.dependence(Activation.SOFTMAX);
        assertEquals(4, softmax.changed());
        assertTrue(softmax.after()[0] > softmax.before()[0], "raising z_1 raises a_1");
        for (int j = 1; j < 4; j++) {
            assertTrue(softmax.after()[j] < softmax.before()[j], "and lowers a_" + (j + 1));
        }
        Dependence sigmoid = MulticlassSoftmaxLesson.dependence(Activation.SIGMOID);
        assertEquals(1, sigmoid.changed(), "a sigmoid unit sees only its own z");
    }

    @Test
    void digitNetworkWithSoftmaxOutput() {
        SoftmaxDigits net = MulticlassSoftmaxLesson.softmaxDigits(MnistSource.embedded(), 1);
        assertEquals(20_175, net.parameters(), "784*25+25 + 25*15+15 + 15*10+10");
        assertTrue(net.summary().contains("activation: softmax"));
        assertTrue(net.test().accuracy() >= 0.8, "one epoch, test accuracy " + net.test().accuracy());
        double sum = 0;
        for (float p : net.firstTestProbabilities()) {
            sum += p;
        }
        assertEquals(10, net.firstTestProbabilities().length);
        assertEquals(1.0, sum, FLOAT);
    }

    @Test
    void runPrintsAllThreeSections() {
        String text = LessonOutput.capture(out -> MulticlassSoftmaxLesson.run(out, MnistSource.embedded(), 1));
        LessonOutput.assertContains(text, "6. Multiclass", "class predicted at the four centres: [0, 1, 2, 3]",
                "7. Softmax", "a = [0.032059, 0.087144, 0.236883, 0.643914]", "sum of a = 1.0000000",
                "softmax a2 = 0.8807970, sigmoid(z2 - z1) = 0.8807970", "-log a_y = 0.440190",
                "8. Softmax output layer", "4 of 4 outputs changed", "1 of 4 outputs changed", "Total params: 20,175");
    }
}
