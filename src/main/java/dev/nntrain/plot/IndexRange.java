package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;

/**
 * Consecutive indices of a series, {@code start} included and {@code end} excluded, counted from
 * 0: the window of inputs one unit of a convolutional layer sees.
 *
 * @param start the first index
 * @param end one past the last index
 */
public record IndexRange(int start, int end) {

    /**
     * Checks the range.
     *
     * @param start the first index, 0 or more
     * @param end one past the last index, more than {@code start}
     * @throws InvalidInputException if the range is empty or starts below 0
     */
    public IndexRange {
        if (start < 0 || end <= start) {
            throw new InvalidInputException(
                    "index range [" + start + ", " + end + ") is empty or starts below 0");
        }
    }

    /** @return how many indices the range holds */
    public int length() {
        return end - start;
    }
}
