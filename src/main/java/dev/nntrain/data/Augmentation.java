package dev.nntrain.data;

import java.util.Random;

/**
 * A random transformation of training examples, drawn afresh every epoch, so that the network
 * sees slightly different inputs each time and cannot simply memorise the training set.
 */
@FunctionalInterface
public interface Augmentation {

    /**
     * Returns transformed copies of the examples; the targets are unchanged.
     *
     * @param examples the training examples
     * @param random the source of randomness (seeded by the fit)
     * @return new examples of the same shape
     */
    Examples apply(Examples examples, Random random);
}
