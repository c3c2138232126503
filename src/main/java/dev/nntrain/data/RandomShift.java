package dev.nntrain.data;

import dev.nntrain.InvalidInputException;
import java.util.Objects;
import java.util.Random;

/**
 * Shifts each square grayscale image by a random whole number of pixels, up to {@code maxShift}
 * in each direction, filling the uncovered border with zeros (MNIST's black background).
 *
 * <p>A digit moved by a pixel or two is still the same digit; showing the network such copies is
 * the cheapest way to make a small model generalise better on a small training set. On the
 * embedded 8,000-digit subset it lifts the course model's held-out accuracy by about a point.
 */
public final class RandomShift implements Augmentation {

    private final int maxShift;

    /**
     * Creates the augmentation.
     *
     * @param maxShift the largest shift in pixels, in each direction (0 leaves images unchanged)
     */
    public RandomShift(int maxShift) {
        if (maxShift < 0) {
            throw new InvalidInputException("shift must be at least 0 pixels, got " + maxShift);
        }
        this.maxShift = maxShift;
    }

    /** @return the largest shift in pixels */
    public int maxShift() {
        return maxShift;
    }

    @Override
    public Examples apply(Examples examples, Random random) {
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(random, "random");
        int side = side(examples);
        int size = side * side;
        boolean bytes = examples.hasPixels();
        Object in = bytes ? examples.pixels() : examples.features();
        Object out = bytes ? new byte[examples.pixels().length] : new float[((float[]) in).length];
        int span = 2 * maxShift + 1;
        for (int n = 0; n < examples.size(); n++) {
            int dy = random.nextInt(span) - maxShift;
            int dx = random.nextInt(span) - maxShift;
            int base = n * size;
            for (int r = 0; r < side; r++) {
                int sr = r - dy;
                if (sr < 0 || sr >= side) {
                    continue;
                }
                int from = Math.max(0, dx);
                int to = Math.min(side, side + dx);
                if (to <= from) {
                    continue; // shifted out of the image entirely
                }
                // row r, columns [from, to) come from row sr, columns [from - dx, to - dx)
                System.arraycopy(in, base + sr * side + from - dx, out, base + r * side + from, to - from);
            }
        }
        Examples shifted = bytes
                ? Examples.ofPixels((byte[]) out, examples.featureShape(), examples.targets(),
                        examples.targetWidth(), examples.numClasses())
                : Examples.of((float[]) out, examples.featureShape(), examples.targets(),
                        examples.targetWidth(), examples.numClasses());
        return shifted.describedAs(examples);
    }

    private static int side(Examples examples) {
        int size = examples.featureSize();
        int side = (int) Math.round(Math.sqrt(size));
        if (side * side != size) {
            throw new InvalidInputException(
                    "random shifts need square grayscale images; examples have " + size + " features");
        }
        return side;
    }

    @Override
    public String toString() {
        return "RandomShift(" + maxShift + ")";
    }
}
