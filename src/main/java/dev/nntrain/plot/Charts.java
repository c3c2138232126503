package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
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
     * @param file the PNG file to write, a name ending in {@code .png}; its folder must exist
     * @return {@code file}, for naming what was written
     * @throws InvalidInputException if the name does not end in {@code .png}, the folder of
     *     {@code file} does not exist, or {@code file} is a folder
     * @throws IOException if the file cannot be written
     */
    public static Path writePng(BufferedImage image, Path file) throws IOException {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(file, "file");
        // PNG bytes under another name (h.jpg) would mislead every viewer; the command line's
        // --plot says the same
        Path name = file.getFileName();
        if (name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new InvalidInputException("cannot write the chart to " + file + ": expected a .png file name");
        }
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

    private static void moveOver(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
