package dev.nntrain.data.csv;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.data.csv.Csv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * {@code data/coffee-roasts.csv}, the README's command-line recipe data, is exactly {@link
 * Synthetic#coffee(int, long)} with 1000 roasts and seed 42, and its labels follow the course's rule.
 */
class CoffeeRoastsCsvTest {

    @Test
    void theFileIsTheGeneratorsOutput() {
        Examples file = Csv.classification().read(Path.of("data", "coffee-roasts.csv"));
        Examples generated = Synthetic.coffee(1000, 42);
        assertEquals(1000, file.size());
        assertArrayEquals(generated.features(), file.features(), 0f, "temperature and duration, value for value");
        assertArrayEquals(generated.labels(), file.labels());
        float[][] x = file.featureRows();
        int[] y = file.labels();
        for (int i = 0; i < x.length; i++) {
            assertEquals(Synthetic.isGoodRoast(x[i][0], x[i][1]) ? 1 : 0, y[i], "roast " + i);
        }
    }
}
