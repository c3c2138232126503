package dev.nntrain.train;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.train.loss.Loss;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Keras' {@code class_weight}: a weight per class that multiplies each training example's loss,
 * so that a rare class counts as much as a common one ({@link FitOptions.Builder#optClassWeights}).
 * Either given, class index to weight, or {@link #balanced()}: scikit-learn's {@code
 * compute_class_weight('balanced')}, worked out from the training examples {@code fit} trains on.
 *
 * <p>The semantics are Keras 3's. Example {@code i} of class {@code y_i} gets the weight {@code
 * w_i = class_weight[y_i]}, and a class the map leaves out gets 1, as {@code
 * class_weight_to_sample_weights} in {@code keras/src/trainers/data_adapters/data_adapter_utils.py}
 * gives it. A batch's loss is then {@code sum_i w_i L_i / m}: divided by the batch size, not by
 * the weights' sum (Keras' {@code sum_over_batch_size}; see {@link Loss#compute(ai.djl.ndarray.NDArray,
 * ai.djl.ndarray.NDArray, ai.djl.ndarray.NDArray)}), and the training loss {@code fit} reports is
 * that weighted loss. Validation and {@code evaluate} are not weighted, as in Keras.
 *
 * <p>An example's class is read as Keras reads it ({@link Loss#classes}): the class index of
 * sparse categorical cross-entropy, the argmax of categorical cross-entropy's one-hot row, the
 * rounded target of binary cross-entropy with one sigmoid output. A regression or a multi-label
 * model has no class per example and is refused.
 */
public final class ClassWeights {

    /** The weights as given, or null for {@link #balanced()}. */
    private final Map<Integer, Double> given;

    private ClassWeights(Map<Integer, Double> given) {
        this.given = given;
    }

    /**
     * Weights given per class, as Keras' {@code class_weight={0: 1.0, 1: 5.0}}.
     *
     * @param weights class index to weight; a class left out weighs 1
     * @return the weights
     * @throws InvalidInputException for an empty map, a negative class, or a weight that is
     *     negative, NaN or infinite
     */
    public static ClassWeights of(Map<Integer, Double> weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.isEmpty()) {
            throw new InvalidInputException("class weights: no class given; expected class=weight pairs");
        }
        TreeMap<Integer, Double> copy = new TreeMap<>();
        for (Map.Entry<Integer, Double> e : weights.entrySet()) {
            Integer c = Objects.requireNonNull(e.getKey(), "class");
            Double w = Objects.requireNonNull(e.getValue(), "weight");
            if (c < 0) {
                throw new InvalidInputException("class weights: class " + c + " is negative; classes are numbered from 0");
            }
            if (!(w >= 0) || w.isInfinite()) {
                throw new InvalidInputException("class weights: the weight " + w + " of class " + c
                        + " is not a finite number >= 0");
            }
            copy.put(c, w);
        }
        return new ClassWeights(Collections.unmodifiableMap(copy));
    }

    /**
     * scikit-learn's {@code compute_class_weight('balanced')}, worked out by {@code fit} from the
     * classes of the examples it trains on (after a validation split), with {@link
     * #balanced(int[])}.
     *
     * @return the balanced weights
     */
    public static ClassWeights balanced() {
        return new ClassWeights(null);
    }

    /**
     * scikit-learn's {@code compute_class_weight('balanced', classes=np.unique(y), y=y)}: class
     * {@code c} weighs {@code n / (n_classes * count_c)}, where {@code n} is the number of labels
     * and {@code n_classes} the number of distinct classes among them, so that every class
     * present carries the same total weight {@code n / n_classes}. A class with no label is left
     * out (Keras then gives it 1).
     *
     * @param labels the examples' classes, each at least 0
     * @return class to weight, in class order
     * @throws InvalidInputException for no labels or a negative one
     */
    public static Map<Integer, Double> balanced(int[] labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.length == 0) {
            throw new InvalidInputException("balanced class weights: no labels to count");
        }
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int y : labels) {
            if (y < 0) {
                throw new InvalidInputException("balanced class weights: label " + y + " is negative");
            }
            counts.merge(y, 1, Integer::sum);
        }
        TreeMap<Integer, Double> weights = new TreeMap<>();
        counts.forEach((c, count) -> weights.put(c, labels.length / ((double) counts.size() * count)));
        return Collections.unmodifiableMap(weights);
    }

    /** @return whether the weights are worked out from the training examples ({@link #balanced()}) */
    public boolean isBalanced() {
        return given == null;
    }

    /** @return the weights as given, class to weight; empty for {@link #balanced()} */
    public Map<Integer, Double> given() {
        return given == null ? Map.of() : given;
    }

    /**
     * The weights for these classes: the given ones, or the balanced ones of these labels.
     *
     * @param labels the training examples' classes
     * @return class to weight (a class left out weighs 1)
     */
    public Map<Integer, Double> resolve(int[] labels) {
        return given != null ? given : balanced(labels);
    }

    /**
     * Each training example's weight, checked against the model: the loss must give one class
     * per example, every class named must be one of the model's, and some example must weigh more
     * than 0.
     *
     * @param loss the model's loss
     * @param data the training examples, their targets already validated
     * @param outputWidth the model's output width
     * @return the resolved weights and one weight per example
     * @throws InvalidInputException naming what does not fit
     */
    Resolved resolve(Loss loss, Examples data, long outputWidth) {
        int classes = loss.classCount(outputWidth);
        int[] labels = loss.classes(data.targets(), data.targetWidth(), outputWidth);
        return new Resolved(check(labels, classes), perExample(labels));
    }

    /**
     * Checks the weights against training labels, as {@code fit} does before its first epoch:
     * every class named must be one of the model's, and some example must weigh more than 0.
     *
     * @param labels the training examples' classes
     * @param classes the model's number of classes
     * @return the weights for these labels ({@link #resolve(int[])})
     * @throws InvalidInputException naming the class, or saying that nothing would train
     */
    public Map<Integer, Double> check(int[] labels, int classes) {
        Objects.requireNonNull(labels, "labels");
        Map<Integer, Double> weights = resolve(labels);
        for (int c : weights.keySet()) {
            if (c >= classes) {
                throw new InvalidInputException("class weights: class " + c + " is not one of the model's " + classes
                        + " classes (0 to " + (classes - 1) + ")");
            }
        }
        boolean any = false;
        for (float w : perExample(labels)) {
            any |= w > 0;
        }
        if (!any) {
            throw new InvalidInputException("class weights " + describe(weights)
                    + " give every training example the weight 0; nothing would train");
        }
        return weights;
    }

    /** Each example's weight, its class's; 1 for a class the weights leave out. */
    private float[] perExample(int[] labels) {
        Map<Integer, Double> weights = resolve(labels);
        float[] perExample = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            perExample[i] = weights.getOrDefault(labels[i], 1.0).floatValue();
        }
        return perExample;
    }

    /**
     * Class weights worked out for one fit.
     *
     * @param weights class to weight (a class left out weighs 1)
     * @param perExample each training example's weight
     */
    record Resolved(Map<Integer, Double> weights, float[] perExample) {}

    /**
     * Writes weights as Keras' dictionary is written, {@code {0: 1.0, 1: 5.0}}.
     *
     * @param weights class to weight
     * @return the text
     */
    public static String describe(Map<Integer, Double> weights) {
        StringBuilder b = new StringBuilder("{");
        weights.forEach((c, w) -> b.append(b.length() > 1 ? ", " : "").append(c).append(": ").append(number(w)));
        return b.append('}').toString();
    }

    /**
     * Writes a weight with up to 6 significant digits, without trailing zeros ({@code 5.0},
     * {@code 0.428571}).
     *
     * @param w the weight
     * @return the text
     */
    public static String number(double w) {
        String s = String.format(Locale.ROOT, "%.6g", w);
        if (s.contains("e")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    @Override
    public String toString() {
        return given == null ? "balanced" : describe(given);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassWeights other && Objects.equals(given, other.given);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(given);
    }
}
