package dev.nntrain.cli;

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

    @Option(names = "--layers", paramLabel = "SIZES", defaultValue = "3,4,2", split = ",",
            description = "Layer widths, inputs first and outputs last (default: ${DEFAULT-VALUE}).")
    List<Integer> layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden activation: relu, sigmoid, tanh, leaky_relu, linear (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "sparse-ce",
            description = "sparse-ce, sparse-ce-probs, bce, bce-probs, multilabel-bce or mse (default: ${DEFAULT-VALUE}).")
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
            throw new dev.nntrain.InvalidInputException("--layers needs at least an input and an output width, e.g. 3,4,2");
        }
        for (int w : layers) {
            if (w <= 0) {
                throw new dev.nntrain.InvalidInputException("--layers: widths must be positive, got " + layers);
            }
        }
        if (batch <= 0) {
            throw new dev.nntrain.InvalidInputException("--batch must be at least 1, got " + batch);
        }
        int[] widths = layers.stream().mapToInt(Integer::intValue).toArray();
        GradientCheckReport report = GradientCheck.checkGenerated(widths, activation, loss, batch, seed, float32);
        spec.commandLine().getOut().print(report.format());
        spec.commandLine().getOut().flush();
        return report.exitCode();
    }
}
