package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the places a command writes apart. A model directory and a checkpoint directory may hold
 * only their own files (the next save refuses a folder of other files), so neither may lie inside
 * the other, and a chart may lie in neither: such a run would train and then fail to save, or
 * leave a folder that the next run or {@code --resume} refuses.
 */
final class OutputPaths {

    private OutputPaths() {}

    /**
     * Refuses a path that is, or lies inside, a directory that may hold only its own files.
     *
     * @param inner what the option names, e.g. {@code "--checkpoint-dir out/m/ckpt"}
     * @param innerPath its path
     * @param outer the directory, e.g. {@code "the output directory out/m"}
     * @param outerPath its path
     * @param holds what the directory may hold, e.g. {@code "the model's files"}
     * @throws InvalidInputException naming both paths
     */
    static void requireOutside(String inner, Path innerPath, String outer, Path outerPath, String holds) {
        if (innerPath != null && outerPath != null && resolved(innerPath).startsWith(resolved(outerPath))) {
            throw new InvalidInputException(inner + " is inside " + outer + ", which may hold only " + holds
                    + "; give them separate paths");
        }
    }

    /**
     * The path the file system will reach: absolute, normalised, and with the links of its part
     * that exists resolved, so that a path through a link to a folder compares equal to the
     * folder's own path.
     */
    static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute; // unreadable on the way: compare the paths as written
        }
    }
}
