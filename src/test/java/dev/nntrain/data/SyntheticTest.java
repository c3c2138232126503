package dev.nntrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticTest {

    @Test
    void coffeeHas200RoastsInTheLabRangesLabelledByTheRule() {
        Examples coffee = Synthetic.coffee(42);
        assertEquals(200, coffee.size());
        assertArrayEquals(new long[] {2}, coffee.featureShape());
        assertEquals(2, coffee.numClasses());
        int good = 0;
        for (int i = 0; i < coffee.size(); i++) {
            float[] row = coffee.featureRow(i);
            float t = row[0];
            float d = row[1];
            assertTrue(t >= 150 && t < 285, "temperature " + t);
            assertTrue(d >= 11.5 && d < 15.5, "duration " + d);
            boolean expected = t > 175 && t < 260 && d > 12 && d < 15 && d <= -3.0 / 85 * t + 21;
            assertEquals(expected ? 1 : 0, coffee.labels()[i], "roast " + i + ": " + t + ", " + d);
            good += coffee.labels()[i];
        }
        // Good roasts fill about a fifth of the square (the lab has 43 of 200); both classes occur.
        assertTrue(good > 20 && good < 70, good + " good roasts");
    }

    @Test
    void roastRuleBoundaries() {
        assertTrue(Synthetic.isGoodRoast(200, 13));
        assertFalse(Synthetic.isGoodRoast(175, 13)); // strict lower temperature bound
        assertFalse(Synthetic.isGoodRoast(200, 12)); // strict lower duration bound
        assertFalse(Synthetic.isGoodRoast(250, 14)); // above the line d = -3/85 t + 21 (12.18)
        assertTrue(Synthetic.isGoodRoast(240, 12.5)); // the line is at 12.53 for t = 240
        assertFalse(Synthetic.isGoodRoast(240, 12.6));
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        assertArrayEquals(Synthetic.coffee(7).features(), Synthetic.coffee(7).features());
        assertArrayEquals(Synthetic.coffee(7).targets(), Synthetic.coffee(7).targets());
        assertFalse(Arrays.equals(Synthetic.coffee(7).features(), Synthetic.coffee(8).features()));
        assertArrayEquals(Synthetic.blobs(100, 3).features(), Synthetic.blobs(100, 3).features());
        assertArrayEquals(Synthetic.blobs(100, 3).targets(), Synthetic.blobs(100, 3).targets());
        assertFalse(Arrays.equals(Synthetic.blobs(100, 3).features(), Synthetic.blobs(100, 4).features()));
        float[] w = {2, -1};
        assertArrayEquals(Synthetic.linear(50, w, 1, 0.1, 5).targets(),
                Synthetic.linear(50, w, 1, 0.1, 5).targets());
        // java.util.Random is specified, so this value holds on every JDK.
        assertEquals(Synthetic.coffee(1).featureRow(0)[0],
                (float) (new java.util.Random(1).nextDouble() * 135 + 150));
    }

    @Test
    void blobsAreBalancedLikeMakeBlobsAndCentredOnTheLabCentres() {
        Examples blobs = Synthetic.blobs(2002, 30);
        assertEquals(2002, blobs.size());
        assertEquals(4, blobs.numClasses());
        int[] counts = new int[4];
        double[][] sums = new double[4][2];
        for (int i = 0; i < blobs.size(); i++) {
            int c = blobs.labels()[i];
            counts[c]++;
            sums[c][0] += blobs.features()[2 * i];
            sums[c][1] += blobs.features()[2 * i + 1];
        }
        assertArrayEquals(new int[] {501, 501, 500, 500}, counts); // remainder to the first ones
        for (int c = 0; c < 4; c++) {
            double[] centre = Synthetic.blobCentre(c);
            // Standard error of a mean of 500 unit-variance values is 0.045.
            assertEquals(centre[0], sums[c][0] / counts[c], 0.2, "class " + c + " x");
            assertEquals(centre[1], sums[c][1] / counts[c], 0.2, "class " + c + " y");
        }
        assertArrayEquals(new double[] {-1.5, -1}, Synthetic.blobCentre(1));
        assertEquals(2000, Synthetic.blobs(1).size());
        // Shuffled: not sorted by class.
        int[] first = Arrays.copyOf(blobs.labels(), 40);
        assertTrue(Arrays.stream(first).distinct().count() > 2, Arrays.toString(first));
    }

    /**
     * The course's four blobs: centres (-5, 2), (-1.5, -1), (1, 2), (5, -2) and standard deviation
     * 1.0, written out here rather than read from {@link Synthetic}, and measured on the points.
     */
    @Test
    void blobsHaveTheCoursesCentresAndStandardDeviation() {
        double[][] course = {{-5, 2}, {-1.5, -1}, {1, 2}, {5, -2}};
        Examples blobs = Synthetic.blobs(4000, 17);
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(course[c], Synthetic.blobCentre(c), 0.0, "centre of class " + c);
            for (int axis = 0; axis < 2; axis++) {
                double sum = 0;
                double squares = 0;
                int n = 0;
                for (int i = 0; i < blobs.size(); i++) {
                    if (blobs.labels()[i] == c) {
                        double v = blobs.featureRow(i)[axis];
                        sum += v;
                        squares += v * v;
                        n++;
                    }
                }
                assertEquals(1000, n, "class " + c);
                double mean = sum / n;
                double std = Math.sqrt((squares - n * mean * mean) / (n - 1));
                // standard errors for 1,000 points of standard deviation 1: 0.032 for the mean, 0.022 for the std
                assertEquals(course[c][axis], mean, 0.13, "class " + c + ", axis " + axis + ": mean");
                assertEquals(1.0, std, 0.09, "class " + c + ", axis " + axis + ": standard deviation");
            }
        }
    }

    @Test
    void linearDataFollowTheLineUpToTheNoise() {
        float[] w = {3, -2, 0.5f};
        Examples exact = Synthetic.linear(200, w, 4, 0, 11);
        assertEquals(200, exact.size());
        assertArrayEquals(new long[] {3}, exact.featureShape());
        assertEquals(0, exact.numClasses());
        for (int i = 0; i < exact.size(); i++) {
            float[] x = exact.featureRow(i);
            for (float v : x) {
                assertTrue(v >= -1 && v < 1);
            }
            assertEquals(3 * x[0] - 2 * x[1] + 0.5 * x[2] + 4, exact.targets()[i], 1e-5);
        }

        Examples noisy = Synthetic.linear(2000, w, 4, 0.5, 11);
        double squared = 0;
        for (int i = 0; i < noisy.size(); i++) {
            float[] x = noisy.featureRow(i);
            double residual = noisy.targets()[i] - (3 * x[0] - 2 * x[1] + 0.5 * x[2] + 4);
            squared += residual * residual;
        }
        assertEquals(0.25, squared / noisy.size(), 0.03); // noise variance
    }
}
