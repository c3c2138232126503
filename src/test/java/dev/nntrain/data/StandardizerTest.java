package dev.nntrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void featuresNear1e20AreStandardizedInDouble() {
        // floats of 1e20, 3e20 and 5e20: mean 3e20, variance (4e40 + 0 + 4e40) / 3, past a float's range
        Examples big = Examples.of(new float[][] {{1e20f}, {3e20f}, {5e20f}}, new int[] {0, 1, 0});
        Standardizer s = Standardizer.fit(big);
        double sd = Math.sqrt(8.0 / 3) * 1e20;
        float[] z = s.apply(big).features();
        assertArrayEquals(new float[] {(float) ((1e20f - 3e20f) / sd), (float) ((3e20f - 3e20f) / sd),
            (float) ((5e20f - 3e20f) / sd)}, z, 1e-6f);
        assertEquals(-1.2247449f, z[0], 1e-6f); // -sqrt(3/2)
        assertEquals(Float.POSITIVE_INFINITY, s.variance()[0], "as a float, the variance is infinite");
        // saved and read back, the statistics are the same doubles
        java.util.Map<String, String> properties = new java.util.HashMap<>();
        s.writeTo(properties);
        assertArrayEquals(z, Standardizer.readFrom(properties).orElseThrow().apply(big).features());
    }

    @Test
    void aValueThatStandardizesPastTheFloatRangeIsNamed() {
        // a constant feature: its standard deviation is Keras' epsilon, 1e-7, and 1e35 / 1e-7 = 1e42
        Standardizer s = Standardizer.of(new float[] {0, 5}, new float[] {1, 0});
        dev.nntrain.InvalidInputException e = assertThrows(dev.nntrain.InvalidInputException.class,
                () -> s.apply(new float[] {1, 1e35f}, j -> "data.csv column " + (j + 2)));
        assertTrue(e.getMessage().startsWith("data.csv column 3: the value 1.0E35 standardizes to 1.00e+42"), e.getMessage());
        assertTrue(e.getMessage().contains("--no-normalize"), e.getMessage());
        e = assertThrows(dev.nntrain.InvalidInputException.class,
                () -> s.apply(Examples.of(new float[][] {{0, 5}, {0, -1e35f}}, new int[] {0, 1})));
        assertTrue(e.getMessage().startsWith("feature 2: the value -1.0E35"), e.getMessage());
    }

    @Test
    void statisticsReadFromAModelNameTheFileAndTheProperty() {
        java.util.Map<String, String> properties = new java.util.HashMap<>();
        properties.put(Standardizer.MEAN_PROPERTY, "218.8,13.5");
        properties.put(Standardizer.VARIANCE_PROPERTY, "400.0,-1.0");
        dev.nntrain.InvalidInputException e = assertThrows(dev.nntrain.InvalidInputException.class,
                () -> Standardizer.readFrom(properties, "m/model.json"));
        assertEquals("m/model.json: properties input_mean and input_variance: feature 2: mean 13.5, variance -1.0;"
                + " expected finite values and variance >= 0", e.getMessage());
        properties.put(Standardizer.VARIANCE_PROPERTY, "400.0");
        e = assertThrows(dev.nntrain.InvalidInputException.class, () -> Standardizer.readFrom(properties, "m/model.json"));
        assertEquals("m/model.json: property input_mean holds 2 values and input_variance 1; expected one mean and"
                + " one variance per feature", e.getMessage());
        properties.put(Standardizer.VARIANCE_PROPERTY, "400.0,abc");
        e = assertThrows(dev.nntrain.InvalidInputException.class, () -> Standardizer.readFrom(properties, "m/model.json"));
        assertEquals("m/model.json: property input_variance: value 2 'abc' is not a number", e.getMessage());
    }
}
