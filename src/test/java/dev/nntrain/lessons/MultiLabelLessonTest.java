package dev.nntrain.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.lessons.MultiLabelLesson.MultiLabel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Holds the lesson to the course's section 10. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiLabelLessonTest {

    private MultiLabel result;

    @BeforeAll
    void train() {
        result = MultiLabelLesson.train(MultiLabelLesson.EPOCHS);
    }

    @Test
    void imagesHaveThreeIndependentLabels() {
        Examples images = MultiLabelLesson.images(1000, 1);
        assertEquals(3, images.targetWidth());
        assertEquals(4, images.featureSize());
        int[] yes = new int[3];
        int several = 0;
        for (float[] y : images.targetRows()) {
            int count = 0;
            for (int k = 0; k < 3; k++) {
                assertTrue(y[k] == 0 || y[k] == 1);
                yes[k] += (int) y[k];
                count += (int) y[k];
            }
            several += count >= 2 ? 1 : 0;
        }
        for (int k = 0; k < 3; k++) {
            assertTrue(yes[k] > 400 && yes[k] < 600, MultiLabelLesson.LABELS.get(k) + " in " + yes[k] + " of 1000");
        }
        assertTrue(several > 400, "half the images hold two or more objects: " + several);
    }

    @Test
    void oneNetworkAnswersAllThreeQuestions() {
        assertTrue(result.test().accuracy() >= 0.95, "held-out accuracy over all answers " + result.test().accuracy());
        assertEquals(MultiLabelLesson.EPOCHS, result.history().size());
    }

    @Test
    void threeSeparateNetworksDoAsWell() {
        for (double accuracy : result.separateNetworks()) {
            assertTrue(accuracy >= 0.95, "one network per question: " + accuracy);
        }
    }

    @Test
    void carAndPedestrianIsYesNoYes() {
        // the course's y = [1, 0, 1]
        float[] p = result.answers()[1];
        assertTrue(p[0] > 0.9 && p[1] < 0.1 && p[2] > 0.9, java.util.Arrays.toString(p));
    }

    @Test
    void outputsDoNotSumToOne() {
        double[] sums = result.sums();
        assertTrue(sums[0] < 0.5, "nothing in the image: " + sums[0]);
        assertTrue(sums[1] > 1.8, "car and pedestrian: " + sums[1]);
        assertTrue(sums[2] > 2.7, "all three: " + sums[2]);
    }

    @Test
    void runPrintsTheLesson() {
        String text = LessonOutput.capture(MultiLabelLesson::run);
        LessonOutput.assertContains(text, "10. Multi-label classification", "Dense(3, sigmoid)",
                "image [1.0, 0.0, 1.0, 1.0] -> P(car, bus, pedestrian)", "need not sum to 1",
                "has a car, no bus and a pedestrian, so", "y = [1, 0, 1]");
    }

    @Test
    void theCoursesTargetIsCarNoBusPedestrian() {
        MultiLabelLesson.CourseTarget t = MultiLabelLesson.courseTarget();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 0, 1}, t.y());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 0, 1},
                MultiLabelLesson.images(MultiLabelLesson.IMAGES, MultiLabelLesson.SEED).targetRows()[t.index()]);
    }
}
