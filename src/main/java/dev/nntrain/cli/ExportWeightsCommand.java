package dev.nntrain.cli;

import dev.nntrain.InputFiles;
import dev.nntrain.InvalidInputException;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.CompiledModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code nntrain export-weights}: a saved model's weights as numpy's {@code .npz}, the list of
 * Keras' {@code model.get_weights()}, for a Keras model of the same layers or for numpy.
 */
@Command(name = "export-weights", mixinStandardHelpOptions = true,
        description = {"Write a saved model's weights as an .npz file for Keras or numpy.",
            "arr_0, arr_1, ... are each layer's kernel, in Keras' layout, then its bias, float32: the list of Keras'"
                    + " model.get_weights(). In Python: w = np.load(FILE); keras_model.set_weights([w[k] for k in w.files])."})
final class ExportWeightsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SavedModelOptions model = new SavedModelOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.npz", required = true,
            description = "The .npz file to write, in a folder that exists; replaced if it exists, written whole or not at all.")
    Path output;

    @Override
    public Integer call() throws Exception {
        check(output);
        OutputPaths.requireOutside("--output " + output, output, "the model directory " + model.dir, model.dir,
                "the model's files");
        try (CompiledModel net = model.load()) {
            List<LayerWeights> weights = net.model().weights().all();
            try {
                net.model().weights().writeNpz(output); // a temporary file renamed over it: never half a file
            } catch (java.nio.file.FileSystemException e) { // permission denied, a read-only file system
                throw new InvalidInputException("--output " + output + ": cannot create files in "
                        + output.toAbsolutePath().getParent() + " (" + InputFiles.reason(e) + ")", e);
            }
            List<String> names = weights.stream().map(LayerWeights::layer).toList();
            spec.commandLine().getOut().printf("Wrote %d arrays (kernel and bias of %d %s: %s) in Keras' layout to %s%n",
                    2 * weights.size(), weights.size(), weights.size() == 1 ? "layer" : "layers", String.join(", ", names),
                    output);
            net.inputScaling().ifPresent(scaling -> spec.commandLine().getOut().println(normalization(scaling)));
        }
        return 0;
    }

    /** The most inputs whose mean and variance are printed on the line; more are left to model.json. */
    static final int PRINTED_INPUTS = 64;

    /**
     * What a Keras model given these weights also needs: the model standardises its inputs before
     * its first layer, {@code (x - mean) / max(sqrt(variance), 1e-7)}, which is Keras'
     * {@code Normalization} layer with the same mean and variance; the .npz holds the layers' weights
     * alone.
     */
    static String normalization(dev.nntrain.data.Standardizer scaling) {
        float[] mean = scaling.mean();
        float[] variance = scaling.variance();
        String intro = "The model standardises its " + mean.length + " input" + (mean.length == 1 ? "" : "s")
                + " before its first layer, which the .npz does not hold: in Keras, put ";
        if (mean.length > PRINTED_INPUTS) {
            return intro + "keras.layers.Normalization(mean=..., variance=...) first, with model.json's "
                    + dev.nntrain.data.Standardizer.MEAN_PROPERTY + " and " + dev.nntrain.data.Standardizer.VARIANCE_PROPERTY;
        }
        return intro + "keras.layers.Normalization(mean=" + list(mean) + ", variance=" + list(variance) + ") first";
    }

    private static String list(float[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(values[i]); // Float.toString: the shortest text that reads back exactly
        }
        return b.append(']').toString();
    }

    /**
     * Checks where the file goes before the model is read: an {@code .npz} name (numpy's {@code
     * np.load} goes by the contents, but {@code np.savez} adds the suffix to a name without it), not
     * a folder, in a folder that exists.
     */
    static void check(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("--output " + file + " is a folder; expected an .npz file name");
        }
        Path name = file.getFileName();
        if (name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new InvalidInputException("--output " + file + ": expected an .npz file name");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidInputException("--output " + file + ": the folder " + folder + " does not exist");
        }
        dev.nntrain.OutputFiles.check("--output", file); // a link to a regular file is written through
    }
}
