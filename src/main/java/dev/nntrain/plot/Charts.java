package dev.nntrain.plot;

import dev.nntrain.InputFiles;
import dev.nntrain.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Writes charts to PNG files. Every chart of this package is a {@link BufferedImage}; this class
 * is where one becomes a file.
 */
public final class Charts {

    private Charts() {}

    /**
     * Writes an image as a PNG file. The image goes to a temporary file in the same folder first
     * and is then renamed over {@code file}, so a reader never sees half a picture and a failed
     * write leaves any earlier file in place.
     *
     * @param image the chart
     * @param file the PNG file to write; its folder must exist
     * @return {@code file}, for naming what was written
     * @throws InvalidInputException if the folder of {@code file} does not exist, or
     *     {@code file} is a folder
     * @throws IOException if the file cannot be written
     */
    public static Path writePng(BufferedImage image, Path file) throws IOException {
        Objects.requireNonNull(image, "image");
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidInputException("cannot write the chart to " + file
                    + ": the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(
                    "cannot write the chart to " + file + ": it is a folder");
        }
        Path temporary = Files.createTempFile(folder, file.getFileName() + ".", ".tmp");
        try {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer for an image of type " + image.getType());
            }
            moveOver(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }

    /**
     * Checks, before any work, that {@link #writePng} could write a file: its folder exists, it is
     * not a folder, and this process can create files in that folder. Call it before training or
     * reading data, so that a bad path costs nothing.
     *
     * @param file the PNG file to write
     * @throws InvalidInputException naming the file and what is wrong
     */
    public static void checkWritable(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidInputException("cannot write the chart to " + file
                    + ": the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("cannot write the chart to " + file + ": it is a folder");
        }
        String reason = cannotCreateFilesIn(folder);
        if (reason != null) {
            throw new InvalidInputException("cannot write the chart to " + file + ": cannot create files in "
                    + folder + " (" + reason + ")");
        }
    }

    /**
     * Checks, before any work, that {@link #writePng} could write files into a folder: it exists,
     * is a folder, and this process can create files in it.
     *
     * @param folder the folder the charts go to
     * @throws InvalidInputException naming the folder and what is wrong
     */
    public static void checkFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("cannot write charts to " + folder + ": it is not a folder");
        }
        String reason = cannotCreateFilesIn(folder);
        if (reason != null) {
            throw new InvalidInputException("cannot write charts to " + folder + ": cannot create files there ("
                    + reason + ")");
        }
    }

    // Files.isWritable answers from the permission bits, which say nothing to root, about a
    // read-only mount or about /proc; creating a file says it all. The probe is removed at once.
    private static String cannotCreateFilesIn(Path folder) {
        try {
            Path probe = Files.createTempFile(folder, ".nntrain-probe-", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException e) {
            return InputFiles.reason(e);
        }
    }

    private static void moveOver(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
