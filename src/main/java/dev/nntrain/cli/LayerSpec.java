package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Regularizer;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Dropout;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.model.layer.Padding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The hidden layers of {@code nntrain train --layers}, parsed and checked token by token. The
 * output layer is not part of the spec: {@link #withOutput} adds it.
 *
 * <pre>
 *   N | dense:N[:ACT][:l2=LAMBDA]      a dense layer of N units
 *   conv1d:FILTERS:KERNEL[:STRIDE][:same][:ACT][:l2=LAMBDA]
 *                                      a convolution along the features, input (1, features)
 *   conv2d:FILTERS:KERNEL[:STRIDE][:same][:ACT][:l2=LAMBDA]
 *                                      a convolution of the 28x28 images, input (1, 28, 28)
 *                                      (same: zero-padded so that the output keeps the input's size)
 *   maxpool:SIZE                       max pooling of SIZE x SIZE patches (after conv2d)
 *   flatten                            channels and positions to one row (added when needed)
 *   dropout:RATE                       dropout while training, RATE in [0, 1)
 *   none                               no hidden layer
 * </pre>
 *
 * ACT defaults to {@code --activation}. A dense layer after convolutional ones gets a {@code
 * Flatten} in front of it when the spec has none.
 *
 * <p>{@code l2=LAMBDA}, a keyword part after the positional ones, is that layer's own kernel
 * penalty, Keras' {@code kernel_regularizer=L2(LAMBDA)}: it overrides {@code --l2} for the layer
 * ({@code l2=0}: none), and is checked as {@code --l2} is. Layers without one, and the output
 * layer, get {@code --l2}. The plain {@code N} form takes no keyword ({@code dense:N:l2=LAMBDA}
 * does), and maxpool, flatten and dropout have no kernel to penalise.
 *
 * @param hidden the hidden layers, input to output, flatten included where needed
 * @param input what the first layer reads: rows, signals (conv1d) or images (conv2d)
 * @param endsSpatial whether the last hidden layer outputs channels and positions, to be flattened
 *     before the output layer
 * @param kernelRegularizer the L2 penalty ({@code --l2}) of the output layer's kernel and of every
 *     dense and convolutional layer without an {@code l2=} of its own, or null for none; the hidden
 *     layers already hold theirs
 */
record LayerSpec(List<Layer> hidden, Input input, boolean endsSpatial, Regularizer kernelRegularizer) {

    /** The shape a spec's first layer reads. */
    enum Input {
        /** One row of features, {@code (features)}. */
        ROWS,
        /** One channel along the features, {@code (1, features)}, for conv1d. */
        SIGNAL,
        /** One 28x28 channel, {@code (1, 28, 28)}, for conv2d. */
        IMAGE
    }

    private static final String GRAMMAR =
            "expected N, dense:N, conv1d:FILTERS:KERNEL, conv2d:FILTERS:KERNEL, maxpool:SIZE, flatten,"
                    + " dropout:RATE or none (alone), e.g. 25,15 or conv2d:8:3,maxpool:2,flatten,dense:32";

    /** The one keyword part, a layer's own kernel penalty. */
    private static final String L2 = "l2";

    /** What a layer's {@code l2=} must be. */
    private static final String L2_VALUE = "expected l2=LAMBDA, a finite number >= 0 (0: no penalty on this layer),"
            + " e.g. dense:64:relu:l2=1e-4";

    /** The image side of the MNIST-style data sets, the only images the command line reads. */
    static final int IMAGE_SIDE = 28;

    /**
     * Splits the values of {@code --layers} into their comma-separated items. It is done here and
     * not by picocli, whose split drops trailing empty items: {@code 25,} would pass as {@code 25}
     * while {@code ,25} is refused.
     *
     * @param values the option's values as given, each a comma-separated list
     * @return the items, in order
     * @throws InvalidInputException naming the position of an empty item
     */
    static List<String> items(List<String> values) {
        String spec = String.join(",", values);
        String[] items = spec.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            if (items[i].isBlank()) {
                String shown = spec.length() <= 60 ? spec : spec.substring(0, 57) + "...";
                throw new InvalidInputException("--layers: '': item " + (i + 1) + " of '" + shown + "' is empty;"
                        + " expected a layer between each pair of commas and none before the first or after the last,"
                        + " e.g. 25,15");
            }
        }
        return List.of(items);
    }

    /**
     * Parses the values of {@code --layers}.
     *
     * @param values the option's values as given, each a comma-separated list of layers
     * @param activation the default activation of dense and convolutional layers
     * @return the spec
     * @throws InvalidInputException naming the first bad item and what was expected
     */
    static LayerSpec parse(List<String> values, Activation activation) {
        return parse(values, activation, null);
    }

    /**
     * Parses the values of {@code --layers}, giving every dense and convolutional layer its own
     * kernel regularizer ({@code l2=LAMBDA}) or else the default one.
     *
     * @param values the option's values as given, each a comma-separated list of layers
     * @param activation the default activation of dense and convolutional layers
     * @param regularizer the penalty on each kernel without an {@code l2=} of its own, the output
     *     layer's included ({@code --l2}), or null for none
     * @return the hidden layers
     * @throws InvalidInputException naming the first bad item and what was expected
     */
    static LayerSpec parse(List<String> values, Activation activation, Regularizer regularizer) {
        List<String> tokens = items(values);
        if (tokens.size() == 1 && tokens.get(0).trim().equalsIgnoreCase("none")) {
            return new LayerSpec(List.of(), Input.ROWS, false, regularizer);
        }
        List<Layer> layers = new ArrayList<>();
        Input input = Input.ROWS;
        boolean spatial = false; // the previous layer outputs channels and positions
        boolean flat = false; // a flatten or dense layer came already
        for (String raw : tokens) {
            String[] written = raw.trim().split(":", -1);
            int positional = positionalParts(raw, written);
            String[] parts = new String[positional];
            for (int i = 0; i < positional; i++) {
                parts[i] = written[i].toLowerCase(Locale.ROOT);
            }
            String token = String.join(":", parts);
            Regularizer own = ownRegularizer(raw, parts, Arrays.copyOfRange(written, positional, written.length));
            switch (parts[0]) {
                case "dense":
                case "flatten":
                case "dropout":
                    break;
                case "none":
                    throw bad(raw, "none means no hidden layer and must stand alone (--layers none), not among"
                            + " other layers");
                case "conv1d":
                case "conv2d":
                case "maxpool":
                    if (flat) {
                        throw bad(raw, "convolution and pooling come before flatten and dense layers");
                    }
                    Input wanted = parts[0].equals("conv1d") ? Input.SIGNAL : Input.IMAGE;
                    if (parts[0].equals("maxpool") && input != Input.IMAGE) {
                        throw bad(raw, "maxpool pools images: it needs conv2d layers before it");
                    }
                    if (input != Input.ROWS && input != wanted) {
                        throw bad(raw, "conv1d and conv2d layers cannot be mixed");
                    }
                    input = wanted;
                    break;
                default:
                    if (!isInteger(token)) {
                        throw bad(raw, "not a layer; " + GRAMMAR);
                    }
            }
            Layer layer = layer(raw, parts, activation, own != null ? own : regularizer);
            if (spatial && layer instanceof Dense) {
                layers.add(Flatten.of());
                spatial = false;
            }
            layers.add(layer);
            if (layer instanceof Conv1D || layer instanceof Conv2D || layer instanceof MaxPool2D) {
                spatial = true;
            } else if (layer instanceof Flatten || layer instanceof Dense) {
                spatial = false;
                flat = true;
            }
        }
        return new LayerSpec(List.copyOf(layers), input, spatial, regularizer);
    }

    /**
     * Returns the example shape the first layer reads.
     *
     * @param features the number of feature values per example
     * @return {@code (features)}, {@code (1, features)} or {@code (1, 28, 28)}
     * @throws InvalidInputException when conv2d layers meet examples that are not 28x28 images
     */
    long[] inputShape(int features) {
        switch (input) {
            case SIGNAL:
                return new long[] {1, features};
            case IMAGE:
                if (features != IMAGE_SIDE * IMAGE_SIDE) {
                    throw new InvalidInputException("--layers: conv2d needs 28x28 images, but examples have "
                            + features + " features; use conv1d for rows of numbers");
                }
                return new long[] {1, IMAGE_SIDE, IMAGE_SIDE};
            default:
                return new long[] {features};
        }
    }

    /**
     * Returns the hidden layers followed by a linear output layer, flattened first if the last
     * hidden layer outputs channels.
     *
     * @param units the output layer's units
     * @return every layer, input to output
     */
    List<Layer> withOutput(int units) {
        List<Layer> all = new ArrayList<>(hidden);
        if (endsSpatial) {
            all.add(Flatten.of());
        }
        all.add(Dense.builder().setUnits(units).optKernelRegularizer(kernelRegularizer).build());
        return all;
    }

    private static Layer layer(String raw, String[] parts, Activation activation, Regularizer regularizer) {
        try {
            switch (parts[0]) {
                case "dense":
                    arity(raw, parts, 2, 3, "dense:UNITS[:ACTIVATION][:l2=LAMBDA]");
                    return Dense.builder().setUnits(count(raw, parts[1], "units"))
                            .optActivation(activation(parts, 2, activation)).optKernelRegularizer(regularizer).build();
                case "conv1d":
                case "conv2d":
                    arity(raw, parts, 3, 6, parts[0] + ":FILTERS:KERNEL[:STRIDE][:same][:ACTIVATION][:l2=LAMBDA]");
                    int filters = count(raw, parts[1], "filters");
                    int kernel = count(raw, parts[2], "kernel size");
                    int next = 3;
                    boolean strided = parts.length > next && isInteger(parts[next]);
                    int stride = strided ? count(raw, parts[next++], "stride") : 1;
                    boolean padded = parts.length > next && isPadding(parts[next]);
                    Padding padding = padded ? Padding.parse(parts[next++]) : Padding.VALID;
                    if (parts.length > next + 1) {
                        throw bad(raw, "expected " + parts[0] + ":FILTERS:KERNEL[:STRIDE][:same][:ACTIVATION][:l2=LAMBDA]"
                                + " (the stride a whole number, then valid or same, then the activation, then l2=)");
                    }
                    Activation act;
                    try {
                        act = activation(parts, next, activation);
                    } catch (InvalidInputException e) {
                        throw bad(raw, e.getMessage() + " (after the kernel size come an optional stride, then"
                                + " valid or same, then the activation)");
                    }
                    return parts[0].equals("conv1d")
                            ? Conv1D.builder().setFilters(filters).setKernelSize(kernel).optStrides(stride)
                                    .optPadding(padding).optActivation(act).optKernelRegularizer(regularizer).build()
                            : Conv2D.builder().setFilters(filters).setKernelSize(kernel, kernel).optStrides(stride, stride)
                                    .optPadding(padding).optActivation(act).optKernelRegularizer(regularizer).build();
                case "maxpool":
                    arity(raw, parts, 2, 2, "maxpool:SIZE");
                    return MaxPool2D.of(count(raw, parts[1], "pool size"));
                case "flatten":
                    arity(raw, parts, 1, 1, "flatten");
                    return Flatten.of();
                case "dropout":
                    arity(raw, parts, 2, 2, "dropout:RATE");
                    return Dropout.of(rate(raw, parts[1]));
                default:
                    return Dense.builder().setUnits(count(raw, parts[0], "units"))
                            .optActivation(activation).optKernelRegularizer(regularizer).build();
            }
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith("--layers")) {
                throw e;
            }
            throw bad(raw, e.getMessage()); // an activation name or a layer's own check
        }
    }

    /**
     * Returns how many of an item's parts are positional: the keyword parts ({@code l2=LAMBDA})
     * come after all of them.
     *
     * @throws InvalidInputException when a positional part follows a keyword, or {@code l2} has
     *     no value
     */
    private static int positionalParts(String raw, String[] written) {
        int first = written.length;
        for (int i = written.length - 1; i >= 1; i--) {
            String part = written[i].trim();
            if (part.equalsIgnoreCase(L2)) {
                throw bad(raw, "'" + part + "' needs a value; " + L2_VALUE);
            }
            if (part.contains("=")) {
                first = i;
            }
        }
        for (int i = first + 1; i < written.length; i++) {
            if (!written[i].contains("=")) {
                throw bad(raw, "'" + written[i].trim() + "' comes after '" + written[first].trim() + "'; keyword parts"
                        + " such as l2=LAMBDA come last, after the layer's other parts, e.g. dense:64:relu:l2=1e-4");
            }
        }
        return first;
    }

    /**
     * Reads an item's keyword parts: its own kernel penalty, {@code l2=LAMBDA}, checked as {@code
     * --l2} is.
     *
     * @param parts the item's positional parts, lower case
     * @param keywords the keyword parts as written, each {@code KEY=VALUE}
     * @return the layer's own regularizer, {@code L2(0)} for {@code l2=0}, or null when it has none
     */
    private static Regularizer ownRegularizer(String raw, String[] parts, String[] keywords) {
        String value = null;
        for (String keyword : keywords) {
            String key = keyword.substring(0, keyword.indexOf('=')).trim();
            if (!key.equalsIgnoreCase(L2)) {
                throw bad(raw, "unknown keyword '" + key + "' in '" + keyword.trim() + "'; the only keyword is"
                        + " l2=LAMBDA (on dense, conv1d and conv2d layers)");
            }
            if (value != null) {
                throw bad(raw, "l2= is given twice ('" + value + "' and '" + keyword.substring(keyword.indexOf('=') + 1)
                        + "'); give each layer one");
            }
            value = keyword.substring(keyword.indexOf('=') + 1);
        }
        if (value == null) {
            return null;
        }
        switch (parts[0]) {
            case "dense":
            case "conv1d":
            case "conv2d":
                break;
            case "maxpool":
            case "flatten":
            case "dropout":
            case "none":
                throw bad(raw, parts[0] + " has no kernel to penalise; l2= goes on dense, conv1d and conv2d layers");
            default:
                if (isInteger(parts[0])) {
                    throw bad(raw, "the plain N form takes no l2=; write dense:" + parts[0] + ":l2=" + value
                            + " (dense:N[:ACTIVATION][:l2=LAMBDA])");
                }
                throw bad(raw, "not a layer; " + GRAMMAR);
        }
        double l2;
        try {
            l2 = TrainCommand.NonZeroStaysNonZero.read(value);
            TrainSettings.checkL2(L2, l2);
        } catch (InvalidInputException e) {
            throw bad(raw, e.getMessage() + "; " + L2_VALUE);
        }
        return Regularizer.l2(l2);
    }

    private static boolean isPadding(String field) {
        return field.equalsIgnoreCase("same") || field.equalsIgnoreCase("valid");
    }

    private static void arity(String raw, String[] parts, int min, int max, String form) {
        if (parts.length < min || parts.length > max) {
            throw bad(raw, "expected " + form);
        }
    }

    private static int count(String raw, String value, String what) {
        int n = isInteger(value) ? Integer.parseInt(value) : 0;
        if (n <= 0 || n > 1 << 20) {
            throw bad(raw, "the " + what + " must be a whole number from 1 to 1048576, got '" + value + "'");
        }
        return n;
    }

    private static double rate(String raw, String value) {
        try {
            double rate = Double.parseDouble(value);
            if (rate >= 0 && rate < 1) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(raw, "the dropout rate must be a number in [0, 1), got '" + value + "'");
    }

    private static Activation activation(String[] parts, int index, Activation fallback) {
        return parts.length > index ? Activation.parseHidden(parts[index]) : fallback;
    }

    private static boolean isInteger(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }

    private static InvalidInputException bad(String token, String why) {
        return new InvalidInputException("--layers: '" + token.trim() + "': " + why);
    }
}
