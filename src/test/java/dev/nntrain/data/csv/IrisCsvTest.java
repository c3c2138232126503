package dev.nntrain.data.csv;

import dev.nntrain.data.Examples;
import dev.nntrain.data.csv.Csv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code data/iris.csv}, Fisher's iris data with the species named: read by {@link Csv} as it is
 * shipped, and held to the data set's published description (150 flowers, 50 per species, and
 * the summary statistics of each measurement that its documentation lists to two decimals).
 */
class IrisCsvTest {

    @Test
    void theShippedFileIsFishersIrisData() {
        Examples iris = Csv.classification().read(Path.of("data/iris.csv"));
        assertEquals(150, iris.size());
        assertArrayEquals(new long[] {4}, iris.featureShape());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        int[] perClass = new int[3];
        for (int label : iris.labels()) {
            perClass[label]++;
        }
        assertArrayEquals(new int[] {50, 50, 50}, perClass);
        // the description's table: sepal length 4.3-7.9, mean 5.84; sepal width 2.0-4.4, 3.05;
        // petal length 1.0-6.9, 3.76; petal width 0.1-2.5, 1.20
        double[] mean = new double[4];
        float[] min = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] max = new float[4];
        for (int i = 0; i < iris.size(); i++) {
            float[] row = iris.featureRow(i);
            for (int j = 0; j < 4; j++) {
                mean[j] += row[j] / 150.0;
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        // listed to two decimals, some rounded (3.758 as 3.76) and some cut (3.057 as 3.05)
        assertArrayEquals(new double[] {5.84, 3.05, 3.76, 1.20}, mean, 0.01);
        assertArrayEquals(new float[] {4.3f, 2.0f, 1.0f, 0.1f}, min, 0);
        assertArrayEquals(new float[] {7.9f, 4.4f, 6.9f, 2.5f}, max, 0);
        // Fisher's first flower, a setosa, and the last, a virginica
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, iris.featureRow(0), 0);
        assertEquals(0, iris.labels()[0]);
        assertArrayEquals(new float[] {5.9f, 3.0f, 5.1f, 1.8f}, iris.featureRow(149), 0);
        assertEquals(2, iris.labels()[149]);
    }
}
