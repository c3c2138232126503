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
        }
        return 0;
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
