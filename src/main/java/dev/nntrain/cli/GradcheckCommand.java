package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.backprop.check.GradientCheck;
import dev.nntrain.backprop.check.GradientCheckReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code nntrain gradcheck}: DJL's gradients against the hand-rolled engine and finite differences. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {
            "Check DJL's autograd on a random Dense model against nntrain's hand-rolled backpropagation"
                    + " and central finite differences.",
            "Exits with 1 when a bound is broken: DJL float64 vs hand-rolled 1e-9 relative,"
                    + " finite differences 1e-6, DJL float32 1e-4."
        })
final class GradcheckCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * The most parameters checked. Finite differences cost two passes of the scalar engine per
     * parameter: the course's 784-25-15-10 model (20,175 parameters, batch 4) takes about 20 s and
     * 1 GB; the cost grows with the square of the size.
     */
    static final long MAX_PARAMETERS = 25_000;
    /** The largest batch checked; the scalar engine's graph grows with it. */
    static final int MAX_BATCH = 64;

    @Option(names = "--layers", paramLabel = "SIZES", defaultValue = "3,4,2", split = ",",
            description = "Layer widths, inputs first and outputs last (default: ${DEFAULT-VALUE}).")
    List<Integer> layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden activation: relu, sigmoid, tanh, leaky_relu, linear (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "sparse-ce",
            description = "sparse-ce, sparse-ce-probs, ce, ce-probs, bce, bce-probs, multilabel-bce or mse"
                    + " (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8", description = "Examples in the batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the weights and the batch (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-float32", negatable = true, defaultValue = "true",
            description = "Also run DJL in float32 (default: on).")
    boolean float32;

    @Override
    public Integer call() {
        if (layers.size() < 2) {
            throw new InvalidInputException("--layers needs at least an input and an output width, e.g. 3,4,2");
        }
        for (int w : layers) {
            if (w <= 0) {
                throw new InvalidInputException("--layers: widths must be positive, got " + layers);
            }
        }
        if (batch <= 0 || batch > MAX_BATCH) {
            throw new InvalidInputException("--batch must be 1 to " + MAX_BATCH + ", got " + batch);
        }
        long parameters = 0;
        for (int i = 1; i < layers.size(); i++) {
            parameters += (long) layers.get(i - 1) * layers.get(i) + layers.get(i);
        }
        if (parameters > MAX_PARAMETERS) {
            throw new InvalidInputException(String.format("--layers %s has %,d parameters; the check perturbs"
                    + " each one on the hand-rolled engine, so it takes at most %,d (e.g. 3,4,2)",
                    layers.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")),
                    parameters, MAX_PARAMETERS));
        }
        int[] widths = layers.stream().mapToInt(Integer::intValue).toArray();
        GradientCheckReport report = GradientCheck.checkGenerated(widths, activation, loss, batch, seed, float32);
        spec.commandLine().getOut().print(report.format());
        spec.commandLine().getOut().flush();
        return report.exitCode();
    }
}
