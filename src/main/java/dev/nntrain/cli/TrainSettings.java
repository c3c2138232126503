package dev.nntrain.cli;

import ai.djl.Device;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Datasets;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Engines;
import dev.nntrain.model.Sequential;
import dev.nntrain.train.optimizer.Optimizer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Everything {@code nntrain train} was asked for, parsed and validated once, before any data is
 * read or any epoch runs: a bad value, the output path included, costs the user nothing.
 *
 * @param data which data set, and how to split it
 * @param layers the hidden layers, input to output, and the input shape they read
 * @param optimizer the optimiser with its learning rate
 * @param epochs the number of epochs
 * @param batchSize the batch size
 * @param seed the seed of the weights, the shuffling and a CSV's split
 * @param threads the engine's thread count, or 0 to choose from the model's size
 * @param device where to train, or null to measure (auto)
 * @param shift the random shift of image examples in pixels (0 for none)
 * @param output the model directory to write
 * @param quiet whether to leave out the summary and progress bar
 * @param plot the PNG file for the history chart, or {@code null} for none
 * @param normalize whether to standardise a CSV's features (the scaling is saved with the model)
 * @param validationSplit the fraction of the training examples held out for validation, 0 for none
 * @param patience the epochs without a better validation loss before training stops, 0 for never
 */
record TrainSettings(
        Datasets.Spec data,
        LayerSpec layers,
        Optimizer optimizer,
        int epochs,
        int batchSize,
        long seed,
        int threads,
        Device device,
        int shift,
        Path output,
        boolean quiet,
        Path plot,
        boolean normalize,
        double validationSplit,
        int patience) {

    /**
     * Parses and checks the options.
     *
     * @param c the command's options as picocli set them
     * @return the settings
     * @throws InvalidInputException naming the first bad option and its value
     */
    static TrainSettings parse(TrainCommand c) {
        if (c.epochs <= 0) {
            throw new InvalidInputException("--epochs must be at least 1, got " + c.epochs);
        }
        if (c.batchSize <= 0) {
            throw new InvalidInputException("--batch-size must be at least 1, got " + c.batchSize);
        }
        if (!(c.learningRate > 0) || Double.isInfinite(c.learningRate)) {
            throw new InvalidInputException("--lr must be a positive number, got " + c.learningRate);
        }
        boolean csv = c.data.dataset.toLowerCase(Locale.ROOT).startsWith("csv:");
        if (c.shift != null && c.shift < 0) {
            throw new InvalidInputException("--shift must be 0 or more pixels, got " + c.shift);
        }
        if (c.shift != null && c.shift > 0 && csv) {
            throw new InvalidInputException(
                    "--shift needs 28x28 images; " + c.data.dataset + " is a CSV data set (use --shift 0 or leave it out)");
        }
        int shift = c.shift != null ? c.shift : csv ? 0 : 1;
        Path output = c.output != null
                ? c.output
                : Path.of("target", "models", safeName(c.data.dataset.replaceFirst("(?i)^csv:", "").toLowerCase(Locale.ROOT)));
        Sequential.checkSaveTarget(output);
        LayerSpec layers = layers(c.layers, Activation.parse(c.activation), csv);
        return new TrainSettings(
                c.data.spec(c.seed),
                layers,
                Optimizer.parse(c.optimizer, c.learningRate),
                c.epochs,
                c.batchSize,
                c.seed,
                threads(c.threads),
                c.device.trim().equalsIgnoreCase("auto") ? null : Engines.device(c.device),
                shift,
                output,
                c.quiet,
                PlotFile.check("--plot", c.plot),
                csv && !c.noNormalize,
                validationSplit(c.validationSplit),
                patience(c.earlyStopping, c.validationSplit));
    }

    private static LayerSpec layers(List<String> tokens, Activation hidden, boolean csv) {
        LayerSpec spec = LayerSpec.parse(tokens, hidden);
        if (csv && spec.input() == LayerSpec.Input.IMAGE) {
            throw new InvalidInputException(
                    "--layers: conv2d needs 28x28 images (mnist, fashion-mnist); a CSV has rows of numbers, use conv1d");
        }
        return spec;
    }

    private static double validationSplit(Double fraction) {
        if (fraction == null) {
            return 0;
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new InvalidInputException("--validation-split must be in (0, 1), got " + fraction);
        }
        return fraction;
    }

    private static int patience(Integer patience, Double validationSplit) {
        if (patience == null) {
            return 0;
        }
        if (patience < 1) {
            throw new InvalidInputException("--early-stopping must be at least 1 epoch, got " + patience);
        }
        if (validationSplit == null) {
            throw new InvalidInputException("--early-stopping " + patience
                    + " watches the validation loss: add --validation-split FRACTION (the test set stays held out)");
        }
        return patience;
    }

    private static int threads(String threads) {
        if (threads.equalsIgnoreCase("auto")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(threads.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("--threads must be a positive number or auto, got '" + threads + "'");
    }

    private static String safeName(String name) {
        String base = Path.of(name).getFileName().toString().replaceAll("\\.csv$", "");
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
