package dev.nntrain.data.csv;

import dev.nntrain.data.Examples;
import dev.nntrain.data.csv.Csv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code data/diabetes.csv}, Efron, Hastie, Johnstone and Tibshirani's diabetes data: read by
 * {@link Csv} as a regression, and held to its published description (442 patients, ten
 * baseline variables, a progression that is a whole number from 25 to 346) and to the first
 * patient of the paper's Table 1.
 */
class DiabetesCsvTest {

    @Test
    void theShippedFileIsTheDiabetesData() {
        Examples patients = Csv.regression().read(Path.of("data/diabetes.csv"));
        assertEquals(442, patients.size());
        assertArrayEquals(new long[] {10}, patients.featureShape());
        assertEquals(1, patients.targetWidth());
        // Table 1, patient 1: age 59, sex 2, BMI 32.1, BP 101, S1-S6 157, 93.2, 38, 4, 4.8598, 87; y 151
        assertArrayEquals(new float[] {59, 2, 32.1f, 101, 157, 93.2f, 38, 4, 4.8598f, 87}, patients.featureRow(0), 0);
        assertEquals(151, patients.targets()[0], 0);
        float low = Float.MAX_VALUE;
        float high = -Float.MAX_VALUE;
        for (float y : patients.targets()) {
            assertEquals(Math.rint(y), y, 0, "a whole number");
            low = Math.min(low, y);
            high = Math.max(high, y);
        }
        assertEquals(25, low, 0);
        assertEquals(346, high, 0);
        for (int i = 0; i < patients.size(); i++) {
            float sex = patients.featureRow(i)[1];
            assertTrue(sex == 1 || sex == 2, "sex is coded 1 or 2: " + sex);
        }
    }
}
