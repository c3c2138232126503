package dev.nntrain.data;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.csv.FeatureColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * An in-memory set of examples: features {@code x} and targets {@code y}, each stored as one
 * row-major {@code float[]} so that a whole data set moves to the engine in a single copy.
 *
 * <p>Every example has the same feature shape (for instance {@code [784]} for a flattened digit
 * or {@code [1, 28, 28]} for a convolutional model) and the same number of target values: one
 * class index or regression value ({@code targetWidth == 1}), or several 0/1 values for
 * multi-label targets. When the targets are class indices, {@link #numClasses()} is positive.
 *
 * <p>Image sets can be held as <em>pixels</em> instead ({@link #ofPixels}): one byte per value,
 * each feature being {@code byte / 255f}. That is a quarter of the memory (47 MB rather than 188
 * MB for 60,000 MNIST images) and the training loop keeps the bytes on the engine too.
 */
public final class Examples {

    private final float[] features;
    private final byte[] pixels;
    private final long[] featureShape;
    private final int featureSize;
    private final float[] targets;
    private final int targetWidth;
    private final int numClasses;
    private final List<String> classNames; // empty: the classes are known by number only
    private final FeatureColumns featureColumns; // null: the features are numbers as given, unnamed
    private final List<String> targetNames; // empty: real-valued targets known by number only
    private final int size;

    private Examples(
            float[] features, long[] featureShape, float[] targets, int targetWidth, int numClasses) {
        this(features, null, featureShape, targets, targetWidth, numClasses, List.of(), null);
    }

    private Examples(float[] features, byte[] pixels, long[] featureShape, float[] targets,
            int targetWidth, int numClasses) {
        this(features, pixels, featureShape, targets, targetWidth, numClasses, List.of(), null);
    }

    private Examples(float[] features, byte[] pixels, long[] featureShape, float[] targets,
            int targetWidth, int numClasses, List<String> classNames, FeatureColumns featureColumns) {
        this(features, pixels, featureShape, targets, targetWidth, numClasses, classNames, featureColumns, List.of());
    }

    private Examples(float[] features, byte[] pixels, long[] featureShape, float[] targets, int targetWidth,
            int numClasses, List<String> classNames, FeatureColumns featureColumns, List<String> targetNames) {
        if (featureShape.length == 0) {
            throw new InvalidInputException("feature shape must have at least one dimension");
        }
        long width = 1;
        for (long d : featureShape) {
            if (d <= 0) {
                throw new InvalidInputException(
                        "feature shape " + Arrays.toString(featureShape) + " has a dimension <= 0");
            }
            width *= d;
        }
        if (targetWidth <= 0) {
            throw new InvalidInputException("target width must be positive, got " + targetWidth);
        }
        int length = features != null ? features.length : pixels.length;
        if (length % width != 0) {
            throw new InvalidInputException(
                    length + " feature values do not divide into examples of "
                            + width + " values");
        }
        int n = (int) (length / width);
        if (targets.length != (long) n * targetWidth) {
            throw new InvalidInputException(
                    n + " examples but " + targets.length / targetWidth
                            + " targets: the counts must match");
        }
        this.features = features;
        this.pixels = pixels;
        this.featureShape = featureShape.clone();
        this.featureSize = (int) width;
        this.targets = targets;
        this.targetWidth = targetWidth;
        this.numClasses = numClasses;
        this.classNames = classNames;
        this.featureColumns = featureColumns;
        this.targetNames = targetNames;
        this.size = n;
    }

    /**
     * Creates examples from flat arrays without copying them.
     *
     * @param features row-major features, {@code size * prod(featureShape)} values
     * @param featureShape the shape of one example's features
     * @param targets row-major targets, {@code size * targetWidth} values
     * @param targetWidth the number of target values per example
     * @param numClasses the number of classes when targets are class indices, else 0
     * @return the examples
     */
    public static Examples of(
            float[] features, long[] featureShape, float[] targets, int targetWidth, int numClasses) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(featureShape, "featureShape");
        Objects.requireNonNull(targets, "targets");
        return new Examples(features, featureShape, targets, targetWidth, numClasses);
    }

    /**
     * Creates examples whose features are pixels: feature {@code i} is {@code (pixels[i] & 0xff) /
     * 255f}. The array is kept, not copied.
     *
     * @param pixels row-major pixel bytes, {@code size * prod(featureShape)} values
     * @param featureShape the shape of one example's features
     * @param targets row-major targets, {@code size * targetWidth} values
     * @param targetWidth the number of target values per example
     * @param numClasses the number of classes when targets are class indices, else 0
     * @return the examples
     */
    public static Examples ofPixels(
            byte[] pixels, long[] featureShape, float[] targets, int targetWidth, int numClasses) {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(featureShape, "featureShape");
        Objects.requireNonNull(targets, "targets");
        return new Examples(null, pixels, featureShape, targets, targetWidth, numClasses);
    }

    /**
     * Creates classification examples; the number of classes is {@code max(labels) + 1}.
     *
     * @param x one row of features per example
     * @param labels one class index per example
     * @return the examples
     */
    public static Examples of(float[][] x, int[] labels) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        int classes = 0;
        float[] y = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new InvalidInputException(
                        "label " + labels[i] + " at row " + i + " is negative; expected a class index >= 0");
            }
            classes = Math.max(classes, labels[i] + 1);
            y[i] = labels[i];
        }
        return new Examples(flatten(x, "x"), new long[] {width(x, "x")}, y, 1, classes);
    }

    /**
     * Creates examples with real-valued targets (regression or multi-label 0/1 targets).
     *
     * @param x one row of features per example
     * @param y one row of targets per example
     * @return the examples
     */
    public static Examples of(float[][] x, float[][] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        return new Examples(flatten(x, "x"), new long[] {width(x, "x")}, flatten(y, "y"), width(y, "y"), 0);
    }

    /**
     * Creates examples from double arrays with real-valued targets.
     *
     * @param x one row of features per example
     * @param y one row of targets per example
     * @return the examples
     */
    public static Examples of(double[][] x, double[][] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        return of(toFloat(x, "x"), toFloat(y, "y"));
    }

    /**
     * Creates classification examples from double features.
     *
     * @param x one row of features per example
     * @param labels one class index per example
     * @return the examples
     */
    public static Examples of(double[][] x, int[] labels) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        return of(toFloat(x, "x"), labels);
    }

    /** @return the number of examples */
    public int size() {
        return size;
    }

    /** @return the shape of one example's features, e.g. {@code [784]} */
    public long[] featureShape() {
        return featureShape.clone();
    }

    /** @return the number of feature values per example */
    public int featureSize() {
        return featureSize;
    }

    /**
     * Returns the features, row by row. For pixel examples this builds a new array each call
     * ({@code byte / 255f}); prefer {@link #pixels()} there.
     *
     * @return the row-major features (not a copy for float examples: do not modify)
     */
    public float[] features() {
        if (features != null) {
            return features;
        }
        float[] f = new float[pixels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (pixels[i] & 0xff) / 255f;
        }
        return f;
    }

    /**
     * Refuses NaN and infinite features, as {@code CompiledModel}'s {@code fit} and {@code
     * evaluate} do before they use examples (the losses refuse such targets): one pass over the
     * features, none for pixels, which are always finite.
     *
     * @param what what the examples are, for the message, e.g. {@code "training data"}
     * @throws InvalidInputException naming the first value that is not finite, its example and
     *     its index in the example's features (both from 0)
     */
    public void requireFiniteFeatures(String what) {
        Objects.requireNonNull(what, "what");
        if (features == null) {
            return;
        }
        for (int i = 0; i < features.length; i++) {
            if (!Float.isFinite(features[i])) {
                throw new InvalidInputException(what + ": feature " + features[i] + " of example " + i / featureSize
                        + " (at index " + i % featureSize + " of " + featureSize + ") is not finite");
            }
        }
    }

    /** @return whether the features are held as pixel bytes ({@link #ofPixels}) */
    public boolean hasPixels() {
        return pixels != null;
    }

    /**
     * Returns the pixel bytes of pixel examples.
     *
     * @return the row-major bytes (not a copy: do not modify)
     * @throws IllegalStateException if the features are floats
     */
    public byte[] pixels() {
        if (pixels == null) {
            throw new IllegalStateException("these examples hold float features, not pixels");
        }
        return pixels;
    }

    /** @return the row-major targets (not a copy: do not modify) */
    public float[] targets() {
        return targets;
    }

    /** @return the number of target values per example */
    public int targetWidth() {
        return targetWidth;
    }

    /** @return the number of classes when the targets are class indices, else 0 */
    public int numClasses() {
        return numClasses;
    }

    /** @return whether the targets are class indices */
    public boolean isClassification() {
        return numClasses > 0;
    }

    /**
     * Returns the class labels.
     *
     * @return one class index per example
     * @throws IllegalStateException if the targets are not class indices
     */
    public int[] labels() {
        if (!isClassification()) {
            throw new IllegalStateException("these examples have real-valued targets, not class labels");
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = (int) targets[i];
        }
        return labels;
    }

    /**
     * Returns one example's features.
     *
     * @param index the example's index
     * @return a copy of its features
     */
    public float[] featureRow(int index) {
        if (features != null) {
            return Arrays.copyOfRange(features, index * featureSize, (index + 1) * featureSize);
        }
        float[] row = new float[featureSize];
        for (int i = 0; i < featureSize; i++) {
            row[i] = (pixels[index * featureSize + i] & 0xff) / 255f;
        }
        return row;
    }

    /** @return the features as one array per example (a copy) */
    public float[][] featureRows() {
        float[][] rows = new float[size][];
        for (int i = 0; i < size; i++) {
            rows[i] = featureRow(i);
        }
        return rows;
    }

    /** @return the targets as one array per example (a copy) */
    public float[][] targetRows() {
        float[][] rows = new float[size][];
        for (int i = 0; i < size; i++) {
            rows[i] = Arrays.copyOfRange(targets, i * targetWidth, (i + 1) * targetWidth);
        }
        return rows;
    }

    /**
     * Returns the same examples with another feature shape of the same size, e.g. {@code [784]}
     * to {@code [1, 28, 28]}.
     *
     * @param shape the new shape of one example's features
     * @return a view sharing this set's arrays
     */
    public Examples withFeatureShape(long... shape) {
        Objects.requireNonNull(shape, "shape");
        long width = 1;
        for (long d : shape) {
            width *= d;
        }
        if (width != featureSize) {
            throw new InvalidInputException(
                    "cannot reshape features of " + featureSize + " values to "
                            + Arrays.toString(shape));
        }
        return new Examples(features, pixels, shape, targets, targetWidth, numClasses, classNames, featureColumns,
                targetNames);
    }

    /**
     * Returns the same examples declaring {@code numClasses} classes (for instance when a small
     * subset lacks the highest class).
     *
     * @param classes the number of classes; every label must lie in {@code [0, classes)}
     * @return a view sharing this set's arrays
     */
    public Examples withNumClasses(int classes) {
        if (targetWidth != 1) {
            throw new InvalidInputException("class labels need one target per example");
        }
        if (!classNames.isEmpty() && classes != classNames.size()) {
            throw new InvalidInputException("these examples name " + classNames.size() + " classes " + classNames
                    + "; cannot declare " + classes + " (use withClassNames to name them all)");
        }
        for (int i = 0; i < size; i++) {
            float t = targets[i];
            if (t != Math.rint(t) || t < 0 || t >= classes) {
                throw new InvalidInputException(
                        "label " + t + " at row " + i + " is outside [0, " + classes + ")");
            }
        }
        return new Examples(features, pixels, featureShape, targets, 1, classes, classNames, featureColumns);
    }

    /**
     * Returns the same examples with a name for each class, as Keras' image data sets carry
     * {@code class_names}: label {@code c} is {@code names.get(c)}. The number of classes becomes
     * the number of names, so a part of a data set that lacks some classes still declares them all.
     * Multi-label examples (several 0/1 targets each) take one name per target: the class that a
     * 1 there says the example belongs to.
     *
     * @param names each class's name, by label or by target: non-blank, distinct, one per class; empty for none
     * @return a view sharing this set's arrays
     * @throws InvalidInputException if the targets are not class labels, a name is blank or
     *     repeated, or a label has no name
     */
    public Examples withClassNames(List<String> names) {
        List<String> copy = checkedClassNames(names);
        if (copy.isEmpty()) {
            return new Examples(features, pixels, featureShape, targets, targetWidth, numClasses, copy, featureColumns,
                    targetNames);
        }
        if (isMultiLabel()) {
            // several yes/no targets: each names the class an example may belong to
            if (copy.size() != targetWidth) {
                throw new InvalidInputException(copy.size() + " class names " + copy + " for " + targetWidth
                        + " yes/no targets per example; expected a name for each");
            }
            return new Examples(features, pixels, featureShape, targets, targetWidth, 0, copy, featureColumns);
        }
        if (!isClassification() || targetWidth != 1) {
            throw new InvalidInputException("class names need one class label per example, or several 0/1 targets"
                    + " (multi-label); these examples have real-valued targets");
        }
        if (numClasses > copy.size()) {
            throw new InvalidInputException(copy.size() + " class names " + copy + " for labels up to "
                    + (numClasses - 1) + "; expected a name for every class");
        }
        return new Examples(features, pixels, featureShape, targets, 1, copy.size(), copy, featureColumns);
    }

    /** Whether the targets are several 0/1 answers per example (multi-label), judged by their values. */
    private boolean isMultiLabel() {
        if (isClassification() || targetWidth < 2) {
            return false;
        }
        for (float t : targets) {
            if (t != 0 && t != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that sample weights, where there are any, give one weight per example, as a reading
     * that carries them with its examples must ({@code Csv.SplitReading}, {@link Datasets.TrainTest}).
     *
     * @param weights the weights, or empty for none
     * @param examples how many examples they weigh
     * @param what the examples, as a message names them: {@code "training rows"}
     * @return a copy of the weights, or empty
     * @throws InvalidInputException if there is not one weight per example
     */
    public static java.util.Optional<double[]> checkedSampleWeights(java.util.Optional<double[]> weights, int examples,
            String what) {
        java.util.Optional<double[]> copy = Objects.requireNonNull(weights, "weights").map(double[]::clone);
        if (copy.isPresent() && copy.get().length != examples) {
            throw new InvalidInputException(copy.get().length + " sample weights for " + examples + " " + what
                    + "; expected one per " + (what.endsWith("rows") ? "row" : "example"));
        }
        return copy;
    }

    /**
     * Checks a list of class names as {@link #withClassNames} takes them: none blank, none twice.
     *
     * @param names each class's name by label
     * @return an unmodifiable copy
     * @throws InvalidInputException naming a blank or repeated name
     */
    public static List<String> checkedClassNames(List<String> names) {
        Objects.requireNonNull(names, "names");
        List<String> copy = List.copyOf(names);
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int c = 0; c < copy.size(); c++) {
            String name = copy.get(c);
            if (name.isBlank()) {
                throw new InvalidInputException("class " + c + "'s name is blank; expected a name for every class");
            }
            Integer before = seen.putIfAbsent(name, c);
            if (before != null) {
                throw new InvalidInputException("class name \"" + name + "\" is given twice (classes " + before
                        + " and " + c + "); expected one name per class");
            }
        }
        return copy;
    }

    /**
     * Returns each class's name, by label, where the data names its classes (a CSV file's text
     * labels, Fashion-MNIST's articles, MNIST's digits).
     *
     * @return the names, or an empty list where the classes are known by number only
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns the same examples saying how their features were read from a CSV file's columns:
     * which are numbers, which categories one-hot encoded, which ignored. A model trained on them
     * keeps the columns, to read new files the same way.
     *
     * @param columns the columns; null for none (features given as numbers)
     * @return a view sharing this set's arrays
     * @throws InvalidInputException if the columns give another number of inputs than each
     *     example has features
     */
    public Examples withFeatureColumns(FeatureColumns columns) {
        if (columns != null && columns.width() != featureSize) {
            throw new InvalidInputException("feature columns " + columns.describe() + " give " + columns.width()
                    + " inputs; these examples have " + featureSize + " features");
        }
        return new Examples(features, pixels, featureShape, targets, targetWidth, numClasses, classNames, columns,
                targetNames);
    }

    /**
     * Returns how the features were read from a CSV file's columns: a categorical column's
     * one-hot inputs, an ignored column, and the header's names (a file of numbers with a header
     * has them too: {@link FeatureColumns#namesOnly()}).
     *
     * @return the columns, or empty for features that are numbers as given without names (a file
     *     of numbers without a header, images)
     */
    public java.util.Optional<FeatureColumns> featureColumns() {
        return java.util.Optional.ofNullable(featureColumns);
    }

    /**
     * Returns these examples with another set's descriptions: its class names and feature
     * columns, as a transformation of that set's features (scaled, shifted) keeps them.
     *
     * @param source the examples these were made from, with as many features and classes
     * @return a view sharing this set's arrays
     */
    public Examples describedAs(Examples source) {
        Objects.requireNonNull(source, "source");
        return withClassNames(source.classNames).withFeatureColumns(source.featureColumns)
                .withTargetNames(source.targetNames);
    }

    /**
     * Names the real-valued targets of examples with several (a regression's outputs), as a CSV
     * file's header names its label columns: a model trained on them keeps the names, and {@code
     * nntrain predict} and {@code evaluate} print them.
     *
     * @param names one name per target, in target order, non-blank and distinct; empty for none
     * @return a view sharing this set's arrays
     * @throws InvalidInputException if the targets are class labels, the names are not one per
     *     target, or a name is blank or repeated
     */
    public Examples withTargetNames(List<String> names) {
        List<String> copy = checkedTargetNames(names, targetWidth);
        if (!copy.isEmpty() && isClassification()) {
            throw new InvalidInputException("target names " + copy + " name real-valued targets; these examples have"
                    + " class labels (name classes with withClassNames)");
        }
        return new Examples(features, pixels, featureShape, targets, targetWidth, numClasses, classNames, featureColumns,
                copy);
    }

    /**
     * Checks target names as {@link #withTargetNames} takes them: one per target, none blank or repeated.
     *
     * @param names the names, or an empty list
     * @param targets how many targets there are
     * @return an unmodifiable copy
     * @throws InvalidInputException naming what is wrong
     */
    public static List<String> checkedTargetNames(List<String> names, long targets) {
        Objects.requireNonNull(names, "names");
        List<String> copy = List.copyOf(names);
        if (copy.isEmpty()) {
            return copy;
        }
        if (copy.size() != targets) {
            throw new InvalidInputException(copy.size() + " target names " + copy + " for " + targets
                    + " targets; expected one name per target");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int t = 0; t < copy.size(); t++) {
            if (copy.get(t).isBlank() || !seen.add(copy.get(t))) {
                throw new InvalidInputException("target " + t + "'s name \"" + copy.get(t) + "\" is "
                        + (copy.get(t).isBlank() ? "blank" : "given twice") + "; expected a distinct name for each target");
            }
        }
        return copy;
    }

    /**
     * Returns each real-valued target's name, where the data names them (a CSV file's header, for
     * a regression of several label columns).
     *
     * @return one name per target, or an empty list where the targets are known by number only
     */
    public List<String> targetNames() {
        return targetNames;
    }

    /**
     * Selects examples by index, in the given order.
     *
     * @param indices the indices of the examples to keep
     * @return a new set holding copies of those examples
     */
    public Examples subset(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        float[] x = features != null ? new float[indices.length * featureSize] : null;
        byte[] p = pixels != null ? new byte[indices.length * featureSize] : null;
        float[] y = new float[indices.length * targetWidth];
        for (int i = 0; i < indices.length; i++) {
            int k = indices[i];
            if (k < 0 || k >= size) {
                throw new IndexOutOfBoundsException("example " + k + " of " + size);
            }
            if (x != null) {
                System.arraycopy(features, k * featureSize, x, i * featureSize, featureSize);
            } else {
                System.arraycopy(pixels, k * featureSize, p, i * featureSize, featureSize);
            }
            System.arraycopy(targets, k * targetWidth, y, i * targetWidth, targetWidth);
        }
        return new Examples(x, p, featureShape, y, targetWidth, numClasses, classNames, featureColumns, targetNames);
    }

    /**
     * Selects a contiguous range of examples.
     *
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @return a new set holding copies of those examples
     */
    public Examples slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + size);
        }
        return new Examples(
                features == null ? null : Arrays.copyOfRange(features, from * featureSize, to * featureSize),
                pixels == null ? null : Arrays.copyOfRange(pixels, from * featureSize, to * featureSize),
                featureShape,
                Arrays.copyOfRange(targets, from * targetWidth, to * targetWidth),
                targetWidth,
                numClasses,
                classNames,
                featureColumns,
                targetNames);
    }

    /**
     * Splits the examples at random into two parts. Classification sets are split per class
     * (stratified), so that both parts keep the class proportions.
     *
     * @param secondFraction the fraction of examples that go to the second part, in (0, 1)
     * @param seed the seed of the shuffle
     * @return the two parts, each in shuffled order
     */
    public Split split(double secondFraction, long seed) {
        SplitIndices indices = splitIndices(secondFraction, seed);
        return new Split(subset(indices.first()), subset(indices.second()));
    }

    /**
     * Says which examples {@link #split(double, long)} puts in each part, in the parts' order:
     * {@code subset(splitIndices(f, s).first())} is {@code split(f, s).first()}, and so for the
     * second part. Whatever goes with each example (a sample weight, a row's line in its file)
     * follows it through the split by these indices.
     *
     * @param secondFraction the fraction of examples that go to the second part, in (0, 1)
     * @param seed the seed of the shuffle
     * @return the indices of each part's examples, each part in shuffled order
     */
    public SplitIndices splitIndices(double secondFraction, long seed) {
        if (!(secondFraction > 0 && secondFraction < 1)) {
            throw new InvalidInputException(
                    "split fraction must be in (0, 1), got " + secondFraction);
        }
        Random random = new Random(seed);
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        if (isClassification()) {
            List<List<Integer>> byClass = new ArrayList<>();
            for (int c = 0; c < numClasses; c++) {
                byClass.add(new ArrayList<>());
            }
            for (int i = 0; i < size; i++) {
                byClass.get((int) targets[i]).add(i);
            }
            for (List<Integer> members : byClass) {
                java.util.Collections.shuffle(members, random);
                int cut = (int) Math.round(members.size() * (1 - secondFraction));
                first.addAll(members.subList(0, cut));
                second.addAll(members.subList(cut, members.size()));
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                all.add(i);
            }
            java.util.Collections.shuffle(all, random);
            int cut = (int) Math.round(size * (1 - secondFraction));
            first.addAll(all.subList(0, cut));
            second.addAll(all.subList(cut, size));
        }
        java.util.Collections.shuffle(first, random);
        java.util.Collections.shuffle(second, random);
        return new SplitIndices(toArray(first), toArray(second));
    }

    /**
     * The examples of each part of a {@link #split(double, long)}, by their indices in the set split.
     *
     * @param first the first part's indices, in its order
     * @param second the second part's indices, in its order
     */
    public record SplitIndices(int[] first, int[] second) {

        /**
         * Keeps copies of the indices.
         *
         * @param first the first part's indices
         * @param second the second part's indices
         */
        public SplitIndices {
            first = Objects.requireNonNull(first, "first").clone();
            second = Objects.requireNonNull(second, "second").clone();
        }

        /** @return a copy of the first part's indices, in its order */
        @Override
        public int[] first() {
            return first.clone();
        }

        /** @return a copy of the second part's indices, in its order */
        @Override
        public int[] second() {
            return second.clone();
        }
    }

    /**
     * Two disjoint parts of a set of examples.
     *
     * @param first the first part (e.g. training)
     * @param second the second part (e.g. test or validation)
     */
    public record Split(Examples first, Examples second) {

        /**
         * Checks that both parts are there.
         *
         * @param first the first part
         * @param second the second part
         */
        public Split {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
        }
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The first row's length; {@code name} is the argument's, for the message. */
    private static int width(float[][] rows, String name) {
        if (rows.length == 0) {
            throw new InvalidInputException("no examples given");
        }
        return Objects.requireNonNull(rows[0], name + "[0]").length;
    }

    private static float[] flatten(float[][] rows, String name) {
        int w = width(rows, name);
        float[] flat = new float[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            Objects.requireNonNull(rows[i], name + "[" + i + "]");
            if (rows[i].length != w) {
                throw new InvalidInputException(
                        "row " + i + " has " + rows[i].length + " values; expected " + w);
            }
            System.arraycopy(rows[i], 0, flat, i * w, w);
        }
        return flat;
    }

    private static float[][] toFloat(double[][] rows, String name) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            Objects.requireNonNull(rows[i], name + "[" + i + "]");
            out[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = (float) rows[i][j];
            }
        }
        return out;
    }
}
