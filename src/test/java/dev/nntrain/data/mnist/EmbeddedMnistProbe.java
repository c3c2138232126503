package dev.nntrain.data.mnist;

import dev.nntrain.data.Examples;
import dev.nntrain.data.mnist.MnistSource;

/**
 * Loads the embedded subset and prints its sizes and a checksum of its labels: what {@link
 * EmbeddedMnistTest} runs in a child JVM with nothing but a copy of the library jar.
 */
public final class EmbeddedMnistProbe {

    private EmbeddedMnistProbe() {}

    /**
     * Prints {@code train N test M labels S}.
     *
     * @param args none
     */
    public static void main(String[] args) {
        MnistSource source = MnistSource.embedded();
        Examples train = source.train();
        Examples test = source.test();
        long labelSum = 0;
        for (int label : train.labels()) {
            labelSum += label;
        }
        System.out.println("train " + train.size() + " test " + test.size() + " labels " + labelSum
                + " from " + source.directory().orElseThrow());
    }
}
