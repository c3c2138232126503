package dev.nntrain.train;

import dev.nntrain.InvalidInputException;

/**
 * Each training example's loss weight in one fit: its own weight ({@link
 * FitOptions.Builder#optSampleWeights}) times its class's ({@link ClassWeights}), as Keras
 * multiplies {@code sample_weight} by {@code class_weight}. The loop receives the
 * product; the checkpoint records the two separately, so that a resumed fit given other weights of
 * either kind is named.
 */
final class ExampleWeights {

    private ExampleWeights() {}

    /**
     * The sample weights of the examples that train, as the loop takes them.
     *
     * @param weights one per example given to {@code fit}, or null for none
     * @param given the number of examples given to {@code fit}
     * @param training how many of them train (the first ones; a validation split holds out the rest)
     * @return the first {@code training} weights in single precision, or null for none
     * @throws InvalidInputException if there is not one weight per example given
     */
    static float[] forTraining(double[] weights, int given, int training) {
        if (weights == null) {
            return null;
        }
        if (weights.length != given) {
            throw new InvalidInputException("sample weights: " + weights.length + " weight" + (weights.length == 1 ? "" : "s")
                    + " for " + given + " training example" + (given == 1 ? "" : "s") + "; expected one per example");
        }
        float[] kept = new float[training];
        for (int i = 0; i < training; i++) {
            kept[i] = (float) weights[i];
        }
        return kept;
    }

    /**
     * The product the loop weighs each example's loss by.
     *
     * @param classWeights the class weights resolved for the training examples, or null
     * @param sampleWeights the training examples' own weights ({@link #forTraining}), or null
     * @return one weight per training example, or null when every example weighs 1
     * @throws InvalidInputException if every example would weigh 0
     */
    static float[] combine(ClassWeights.Resolved classWeights, float[] sampleWeights) {
        float[] byClass = classWeights == null ? null : classWeights.perExample();
        if (byClass == null) {
            return sampleWeights == null ? null : positive(sampleWeights.clone(), "the sample weights");
        }
        if (sampleWeights == null) {
            return byClass;
        }
        float[] product = new float[byClass.length];
        for (int i = 0; i < product.length; i++) {
            product[i] = byClass[i] * sampleWeights[i];
        }
        return positive(product, "the sample weights times the class weights");
    }

    private static float[] positive(float[] weights, String what) {
        for (float w : weights) {
            if (w > 0) {
                return weights;
            }
        }
        throw new InvalidInputException(what + " give every training example the weight 0; nothing would train");
    }
}
