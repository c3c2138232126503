package dev.nntrain.cli;

import dev.nntrain.InputFiles;
import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.weights.KerasWeights;
import dev.nntrain.model.weights.LayerWeights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code train --initial-weights FILE.npz}: a Keras model's {@code get_weights()} saved by numpy,
 * read when the options are checked (before any data) and set on the model once it is built,
 * before the first epoch, as Keras' {@code model.set_weights(...)} before {@code fit}.
 *
 * @param file the file, as given
 * @param layers one kernel and bias pair per layer with weights, in the file's order
 */
record InitialWeights(Path file, List<LayerWeights> layers) {

    /** The option's name, for messages. */
    static final String OPTION = "--initial-weights";

    /**
     * Reads the file.
     *
     * @param file the path given, or null when the option was left out
     * @return the weights, or null for none
     * @throws InvalidInputException naming the file and what is wrong with it
     */
    static InitialWeights read(Path file) {
        if (file == null) {
            return null;
        }
        String problem = InputFiles.problem(file);
        if (problem != null) {
            throw new InvalidInputException(OPTION + " " + file + " " + problem
                    + "; expected an .npz file of Keras' get_weights() (np.savez(file, *model.get_weights()))");
        }
        try {
            return new InitialWeights(file, KerasWeights.readNpz(file));
        } catch (InvalidInputException e) {
            // readNpz's messages start with the file's name
            throw new InvalidInputException(OPTION + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException(OPTION + " " + file + " cannot be read (" + InputFiles.reason(e) + ")", e);
        }
    }

    /**
     * Sets the weights on a built model. Every shape is checked before anything is written.
     *
     * @param model the model, built for its input
     * @throws InvalidInputException naming the file, the arrays that do not fit, and the shapes
     *     expected and given
     */
    void applyTo(Sequential model) {
        List<LayerWeights> expected = model.weights().all();
        if (layers.size() != expected.size()) {
            throw new InvalidInputException(OPTION + " " + file + " holds " + 2 * layers.size() + " arrays, a kernel and"
                    + " a bias for " + layers.size() + (layers.size() == 1 ? " layer" : " layers") + "; the model has "
                    + expected.size() + (expected.size() == 1 ? " layer" : " layers") + " with weights " + names(expected)
                    + ", " + 2 * expected.size()
                    + " arrays in Keras' get_weights()");
        }
        try {
            model.weights().setAll(layers);
        } catch (InvalidInputException e) {
            int k = firstMismatch(expected);
            throw new InvalidInputException(OPTION + " " + file + (k < 0 ? "" : ", " + arrays(k)) + ": " + e.getMessage(), e);
        }
    }

    /** The index of the first pair whose shapes differ from the model's, -1 if none does. */
    private int firstMismatch(List<LayerWeights> expected) {
        for (int k = 0; k < layers.size(); k++) {
            LayerWeights want = expected.get(k);
            LayerWeights got = layers.get(k);
            if (!Arrays.equals(want.kernelShape(), got.kernelShape()) || want.bias().length != got.bias().length) {
                return k;
            }
        }
        return -1;
    }

    /** Names the arrays of the k-th kernel and bias pair as the file names them. */
    private String arrays(int k) {
        List<String> names = arrayNames();
        if (names.size() < 2 * k + 2) {
            return "arrays " + 2 * k + " and " + (2 * k + 1);
        }
        return "arrays " + names.get(2 * k) + " and " + names.get(2 * k + 1);
    }

    /**
     * The file's array names in the order {@link KerasWeights#readNpz} reads them: np.savez's
     * {@code arr_0, arr_1, ...} by number, any other names in the zip's order.
     */
    private List<String> arrayNames() {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory()) {
                    names.add(e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName());
                }
            }
        } catch (IOException e) {
            return List.of(); // read a moment ago; named by position instead
        }
        if (names.stream().allMatch(n -> n.matches("arr_\\d{1,9}"))) {
            names.sort(java.util.Comparator.comparingInt(n -> Integer.parseInt(n.substring(4))));
        }
        return names;
    }

    private static List<String> names(List<LayerWeights> weights) {
        return weights.stream().map(LayerWeights::layer).toList();
    }
}
