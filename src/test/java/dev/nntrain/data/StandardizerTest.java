package dev.nntrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void fitsPopulationMeanAndVarianceAndStandardizes() {
        Examples train = Examples.of(new float[][] {{1, 10}, {2, 10}, {3, 10}, {6, 10}},
                new int[] {0, 1, 0, 1});
        Standardizer s = Standardizer.fit(train);
        assertArrayEquals(new float[] {3, 10}, s.mean());
        assertArrayEquals(new float[] {3.5f, 0}, s.variance()); // (4 + 1 + 0 + 9) / 4

        Examples out = s.apply(train);
        float sd = (float) Math.sqrt(3.5);
        assertArrayEquals(new float[] {-2 / sd, 0, -1 / sd, 0, 0, 0, 3 / sd, 0}, out.features(), 1e-6f);
        assertSame(train.targets(), out.targets());
        assertEquals(2, out.numClasses());

        // A constant feature is divided by epsilon, as in Keras: values off the constant explode.
        assertArrayEquals(new float[] {1 / sd, 1e7f}, s.apply(new float[] {4, 11}), 1f);
    }

    @Test
    void coffeeStandardizedHasZeroMeanUnitVariance() {
        Examples coffee = Synthetic.coffee(2);
        Examples z = Standardizer.fit(coffee).apply(coffee);
        Standardizer again = Standardizer.fit(z);
        assertArrayEquals(new float[] {0, 0}, again.mean(), 1e-5f);
        assertArrayEquals(new float[] {1, 1}, again.variance(), 1e-4f);
        assertArrayEquals(coffee.targets(), z.targets());
    }

    @Test
    void widthMustMatchAndStatisticsMustBeValid() {
        Standardizer s = Standardizer.of(new float[] {0, 1}, new float[] {1, 4});
        assertArrayEquals(new float[] {2, 0.5f}, s.apply(new float[] {2, 2}));
        assertThrows(IllegalArgumentException.class, () -> s.apply(new float[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> s.apply(Synthetic.linear(3, new float[] {1}, 0, 0, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> Standardizer.of(new float[] {0}, new float[] {-1}));
    }
}
