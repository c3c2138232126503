package dev.nntrain.train;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The examples a classifier gets wrong, the most confident first: where a model is sure and wrong
 * is where a look at the inputs teaches most (a mislabelled digit, a 4 written like a 9).
 *
 * <pre>{@code
 * Mistakes mistakes = Mistakes.of(net, test);
 * for (Mistakes.Mistake m : mistakes.mostConfident(5)) {
 *     System.out.printf("example %d: true %d, predicted %d with p = %.3f%n",
 *             m.index(), m.label(), m.predicted(), m.probability());
 * }
 * }</pre>
 */
public final class Mistakes {

    /** Examples the model runs on at a time: the data set is held once, the engine's copies a chunk's worth. */
    static final int CHUNK = 4096;

    /**
     * One wrong prediction.
     *
     * @param index the example's position in the examples
     * @param label its true class
     * @param predicted the class the model predicted
     * @param probability the probability the model gave the class it predicted
     */
    public record Mistake(int index, int label, int predicted, float probability) {}

    private final List<Mistake> mistakes;
    private final int examples;

    private Mistakes(List<Mistake> mistakes, int examples) {
        this.mistakes = mistakes;
        this.examples = examples;
    }

    /**
     * Runs the model on the examples once and keeps its wrong predictions, ordered by the
     * probability it gave them, highest first (ties by position). The predicted class is {@link
     * CompiledModel#predictClasses}'s, so the count agrees with {@link CompiledModel#evaluate}'s
     * accuracy.
     *
     * @param net a classifier with one class per example (softmax, or one sigmoid output)
     * @param examples labelled examples
     * @return the mistakes
     * @throws InvalidInputException if the examples have no single label each
     * @throws IllegalStateException if the model is a regression or answers several yes/no
     *     questions (multi-label), which have no single class to be wrong about
     */
    public static Mistakes of(CompiledModel net, Examples examples) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(examples, "examples");
        if (!examples.isClassification() || examples.targetWidth() != 1) {
            throw new InvalidInputException("mistakes are wrong classes: the examples need one class label each, not "
                    + (examples.isClassification() ? examples.targetWidth() + " labels" : "real-valued targets"));
        }
        int[] labels = examples.labels();
        List<Mistake> wrong = new ArrayList<>();
        for (int from = 0; from < examples.size(); from += CHUNK) {
            int to = Math.min(examples.size(), from + CHUNK);
            float[][] outputs = net.predict(examples.slice(from, to).featureRows());
            int[] classes = net.classesFromOutputs(outputs); // refuses a regression or multi-label model
            float[][] probabilities = net.probabilitiesFromOutputs(outputs);
            for (int k = 0; k < classes.length; k++) {
                int i = from + k;
                if (classes[k] != labels[i]) {
                    float[] p = probabilities[k];
                    // one sigmoid output is the probability of class 1; class 0 has the rest
                    float probability = p.length == 1 ? (classes[k] == 1 ? p[0] : 1 - p[0]) : p[classes[k]];
                    wrong.add(new Mistake(i, labels[i], classes[k], probability));
                }
            }
        }
        wrong.sort(Comparator.comparingDouble((Mistake m) -> -m.probability()).thenComparingInt(Mistake::index));
        return new Mistakes(List.copyOf(wrong), examples.size());
    }

    /** @return how many examples the model got wrong */
    public int count() {
        return mistakes.size();
    }

    /** @return how many examples it was run on */
    public int examples() {
        return examples;
    }

    /** @return every mistake, the most confident first */
    public List<Mistake> all() {
        return mistakes;
    }

    /**
     * The most confident mistakes.
     *
     * @param n how many at most
     * @return the first {@code n} of {@link #all()} (fewer if there are fewer mistakes)
     * @throws InvalidInputException if {@code n} is below 1
     */
    public List<Mistake> mostConfident(int n) {
        if (n < 1) {
            throw new InvalidInputException("asked for " + n + " mistakes; expected 1 or more");
        }
        return mistakes.subList(0, Math.min(n, mistakes.size()));
    }

    /**
     * The positions of the most confident mistakes, for {@link Examples#subset}.
     *
     * @param n how many at most
     * @return the indices of {@link #mostConfident(int)}'s examples, in its order
     */
    public int[] indices(int n) {
        return mostConfident(n).stream().mapToInt(Mistake::index).toArray();
    }
}
