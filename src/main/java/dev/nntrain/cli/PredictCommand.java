package dev.nntrain.cli;

import dev.nntrain.data.DigitImage;
import dev.nntrain.data.Idx;
import dev.nntrain.train.CompiledModel;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** {@code nntrain predict}: the top classes for one image. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the class of one image with a saved model.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", required = true, description = "Model directory written by 'nntrain train'.")
    Path modelDir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--image", paramLabel = "FILE",
                description = "A PNG or JPEG of any size; scaled to 28x28 grayscale, dark-on-light inverted.")
        Path image;

        @ArgGroup(exclusive = false)
        IdxInput idx;
    }

    static final class IdxInput {
        @Option(names = "--idx", paramLabel = "FILE", required = true, description = "An IDX images file (.gz or plain).")
        Path file;

        @Option(names = "--index", paramLabel = "N", required = true, description = "Which image of the IDX file, from 0.")
        int index;
    }

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "How many classes to show (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new dev.nntrain.InvalidInputException("--top must be at least 1, got " + top);
        }
        PrintWriter out = spec.commandLine().getOut();
        float[] pixels;
        String what;
        if (input.image != null) {
            pixels = DigitImage.read(input.image);
            what = input.image.toString();
        } else {
            Idx.Images images = Idx.readImages(input.idx.file);
            if (input.idx.index < 0 || input.idx.index >= images.count()) {
                throw new dev.nntrain.InvalidInputException(
                        "--index " + input.idx.index + " is outside [0, " + images.count() + ") for " + input.idx.file);
            }
            pixels = images.scaled(input.idx.index);
            what = input.idx.file + "[" + input.idx.index + "]";
        }
        try (CompiledModel net = CompiledModel.load(modelDir)) {
            float[] p = net.predictProbabilities(new float[][] {pixels})[0];
            int[] order = IntStream.range(0, p.length).boxed()
                    .sorted((a, b) -> Float.compare(p[b], p[a]))
                    .mapToInt(Integer::intValue).toArray();
            out.printf("%s: predicted class %d%n", what, order[0]);
            for (int k = 0; k < Math.min(top, order.length); k++) {
                out.printf("  %d  %.4f%n", order[k], p[order[k]]);
            }
        }
        return 0;
    }
}
