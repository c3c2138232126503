package dev.nntrain.cli;

import dev.nntrain.data.Datasets;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that choose a data set, shared by the commands that read one. */
final class DataOptions {

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist",
            description = "mnist, fashion-mnist or csv:PATH (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the four IDX files (default: the subset inside nntrain's jar for mnist,"
                    + " /usr/share/datasets/fashion-mnist for fashion-mnist).")
    Path dataDir;

    @Option(names = "--download",
            description = "Use DJL's remote repository (full MNIST or Fashion-MNIST; needs a network).")
    boolean download;

    @Option(names = "--regression", description = "CSV only: the label column is a real-valued target (MSE loss).")
    boolean regression;

    @Option(names = "--label-column", paramLabel = "N", defaultValue = "-1",
            description = "CSV only: 0-based index of the label column (default: the last).")
    int labelColumn;

    @Option(names = "--test-split", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "CSV only: fraction held out for testing (default: ${DEFAULT-VALUE}).")
    double testSplit;

    Datasets.Spec spec(long seed) {
        if (labelColumn < -1) {
            throw new dev.nntrain.InvalidInputException(
                    "--label-column must be a 0-based column index, or -1 for the last column, got " + labelColumn);
        }
        if (!(testSplit > 0 && testSplit < 1)) {
            throw new dev.nntrain.InvalidInputException("--test-split must be in (0, 1), got " + testSplit);
        }
        return new Datasets.Spec(dataset, dataDir, download, regression, labelColumn, testSplit, seed);
    }
}
