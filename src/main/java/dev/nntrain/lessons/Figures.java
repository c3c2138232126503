package dev.nntrain.lessons;

import dev.nntrain.InvalidInputException;
import dev.nntrain.plot.Charts;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a lesson puts its charts: a folder that receives one PNG file per chart, or nowhere.
 *
 * <p>A lesson hands each chart over as a {@link Supplier}, so a lesson run without a folder ({@link
 * #none()}, the default) draws nothing and costs nothing. Charts that need a trained model are
 * handed over while the model is still open.
 */
public final class Figures {

    private final Path folder;
    private final List<Path> written = new ArrayList<>();

    private Figures(Path folder) {
        this.folder = folder;
    }

    /** @return figures that are not drawn */
    public static Figures none() {
        return new Figures(null);
    }

    /**
     * Figures written as PNG files to a folder, created with its parents if missing.
     *
     * @param folder the folder
     * @return the figures
     * @throws InvalidInputException if {@code folder} is a file or cannot be created
     */
    public static Figures in(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new InvalidInputException("--plots " + folder + " is a file; expected a folder for the charts");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create the chart folder " + folder + ": " + e.getMessage(), e);
        }
        return new Figures(folder);
    }

    /** @return whether charts are drawn */
    public boolean enabled() {
        return folder != null;
    }

    /**
     * Draws a chart and writes it to {@code NAME.png} in the folder, if there is one.
     *
     * @param name the file's name without {@code .png}, e.g. {@code ekg-windows}
     * @param chart draws the chart; called only when there is a folder
     * @throws UncheckedIOException if the file cannot be written
     */
    public void add(String name, Supplier<BufferedImage> chart) {
        if (folder == null) {
            return;
        }
        try {
            written.add(Charts.writePng(chart.get(), folder.resolve(name + ".png")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + name + ".png to " + folder, e);
        }
    }

    /** @return the files written so far, in order */
    public List<Path> written() {
        return Collections.unmodifiableList(written);
    }
}
