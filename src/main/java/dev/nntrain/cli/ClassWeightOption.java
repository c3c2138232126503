package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.train.ClassWeights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code train --class-weight}, parsed and checked once: {@code balanced} (scikit-learn's {@code
 * n / (n_classes * count_c)} of the rows that train), or {@code CLASS=WEIGHT} pairs separated by
 * commas, a class by its number or, where the data names its classes, by its name
 * ({@code Adelie=1,Chinstrap=3}). Its syntax and weights are checked before any data is read;
 * the classes once the data names them ({@link #resolve}).
 *
 * @param text the option's value as given
 * @param balanced whether the weights are the balanced ones
 * @param pairs each class as written, with its weight, in the order given; empty when balanced
 */
record ClassWeightOption(String text, boolean balanced, Map<String, Double> pairs) {

    private static final String EXPECTED = "expected balanced or CLASS=WEIGHT pairs separated by commas, e.g. 0=1,1=5";

    /**
     * Parses the option.
     *
     * @param text the option's value as given, or null for none
     * @param regression whether --regression asks for a regression, which has no classes
     * @return the option, or null for none
     * @throws InvalidInputException naming the option, the bad part and what was expected
     */
    static ClassWeightOption parse(String text, boolean regression) {
        if (text == null) {
            return null;
        }
        String what = "--class-weight " + text;
        if (regression) {
            throw new InvalidInputException(what + " weighs the classes of a classification; --regression has none");
        }
        if (text.trim().equalsIgnoreCase("balanced")) {
            return new ClassWeightOption(text, true, Map.of());
        }
        Map<String, Double> pairs = new LinkedHashMap<>();
        for (String item : text.split(",", -1)) {
            int eq = item.indexOf('=');
            String key = eq < 0 ? "" : item.substring(0, eq).trim();
            if (eq < 0 || key.isEmpty()) {
                throw new InvalidInputException(what + ": '" + item + "' is not CLASS=WEIGHT; " + EXPECTED);
            }
            String value = item.substring(eq + 1).trim();
            double weight;
            try {
                weight = TrainCommand.NonZeroStaysNonZero.read(value);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(what + ": the weight of class " + key + ": " + e.getMessage(), e);
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new InvalidInputException(what + ": the weight of class " + key
                        + " must be a finite number >= 0, got " + value);
            }
            if (pairs.put(key, weight) != null) {
                throw new InvalidInputException(what + " weighs class " + key + " twice");
            }
        }
        return new ClassWeightOption(text, false, pairs);
    }

    /**
     * The weights for the training data: each class named by its number or, where the data names
     * its classes, by its name.
     *
     * @param train the training examples
     * @param name the data set's name, for messages
     * @return the library's class weights
     * @throws InvalidInputException for data without one class per example, or a class the data
     *     does not have
     */
    ClassWeights resolve(Examples train, String name) {
        String what = "--class-weight " + text;
        if (!train.isClassification()) {
            throw new InvalidInputException(what + " weighs one class per example; " + name + " has "
                    + train.targetWidth() + " label columns (multi-label yes/no answers), not one class per row");
        }
        if (balanced) {
            return ClassWeights.balanced();
        }
        List<String> names = named(train.classNames());
        Map<Integer, Double> weights = new TreeMap<>();
        for (Map.Entry<String, Double> p : pairs.entrySet()) {
            int c = classOf(p.getKey(), names, train.numClasses(), name, what);
            if (weights.put(c, p.getValue()) != null) {
                throw new InvalidInputException(what + " weighs class " + c + (names.isEmpty() ? "" : " (" + names.get(c) + ")") + " twice");
            }
        }
        return ClassWeights.of(weights);
    }

    private static int classOf(String key, List<String> names, int classes, String data, String what) {
        int named = names.indexOf(key); // a name first: the data's own word for the class
        if (named >= 0) {
            return named;
        }
        try {
            // a class number as a CSV label may be written: 1, 01, 1.0 (the decimal as written, not its float)
            java.math.BigDecimal value = new java.math.BigDecimal(key.trim());
            if (value.stripTrailingZeros().scale() > 0) {
                throw new NumberFormatException(key);
            }
            int c = value.compareTo(java.math.BigDecimal.valueOf(classes)) < 0 && value.signum() >= 0
                    ? value.intValueExact() : -1;
            if (c >= 0 && c < classes) {
                return c;
            }
            throw new InvalidInputException(what + ": class " + key + " is not one of " + data + "'s " + classes
                    + " classes (0 to " + (classes - 1) + ")");
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what + ": '" + key + "' is not a class of " + data + "; expected a class number 0 to "
                    + (classes - 1) + (names.isEmpty() ? "" : " or one of the names " + shortList(names)));
        }
    }

    /**
     * The weights as the run's header prints them, by class name where the data has names.
     *
     * @param weights class to weight
     * @param names the class names, or empty
     * @return e.g. {@code {Adelie: 1.0, Chinstrap: 3.0}}
     */
    static String describe(Map<Integer, Double> weights, List<String> names) {
        if (named(names).isEmpty()) {
            return ClassWeights.describe(weights);
        }
        List<String> items = new ArrayList<>();
        weights.forEach((c, w) -> items.add(names.get(c) + ": " + ClassWeights.number(w)));
        return "{" + String.join(", ", items) + "}";
    }

    /** The class names, or none where they are only the classes' numbers (MNIST's digits). */
    private static List<String> named(List<String> names) {
        for (int c = 0; c < names.size(); c++) {
            if (!names.get(c).equals(Integer.toString(c))) {
                return names;
            }
        }
        return List.of();
    }

    /** The names listed in a message, the first few of them. */
    private static String shortList(List<String> names) {
        return names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 6)) + " ... (" + names.size() + " in all)";
    }
}
