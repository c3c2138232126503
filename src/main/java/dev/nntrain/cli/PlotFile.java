package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.plot.Charts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Checks a {@code --plot FILE.png} path before any data is read, so a typo costs no training. */
final class PlotFile {

    private PlotFile() {}

    /**
     * Checks where a chart will be written.
     *
     * @param option the option's name, for the message
     * @param file the path given, or {@code null} when the option was left out
     * @return {@code file}
     * @throws InvalidInputException if it does not end in {@code .png}, is a folder, or its folder
     *     does not exist or does not let this process create files
     */
    static Path check(String option, Path file) {
        if (file == null) {
            return null;
        }
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new InvalidInputException(option + " " + file + ": expected a .png file name");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(option + " " + file + " is a folder; expected a .png file name");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidInputException(option + " " + file + ": the folder " + folder + " does not exist");
        }
        try {
            Charts.checkWritable(file); // a folder that exists may still refuse new files
        } catch (InvalidInputException e) {
            throw new InvalidInputException(option + ": " + e.getMessage(), e);
        }
        return file;
    }
}
