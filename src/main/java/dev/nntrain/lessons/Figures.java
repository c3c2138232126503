package dev.nntrain.lessons;

import dev.nntrain.InputFiles;
import dev.nntrain.InvalidInputException;
import dev.nntrain.plot.Charts;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
     * Figures written as PNG files to a folder, created with its parents if missing. The folder, or
     * its nearest existing ancestor, is checked first to let this process create files, so that a
     * place that cannot take the charts is refused before the lesson runs and nothing is created.
     *
     * @param folder the folder
     * @return the figures
     * @throws InvalidInputException if {@code folder} is a file or cannot be created or written
     */
    public static Figures in(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new InvalidInputException("--plots " + folder + " is a file; expected a folder for the charts");
        }
        Path ancestor = folder.toAbsolutePath().normalize();
        while (ancestor != null && !Files.exists(ancestor, LinkOption.NOFOLLOW_LINKS)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            throw new InvalidInputException("--plots " + folder + ": " + ancestor
                    + (Files.isSymbolicLink(ancestor) ? " is a broken link" : " is a file") + ", not a folder");
        }
        try {
            Charts.checkFolder(ancestor);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--plots " + folder + ": " + e.getMessage(), e);
        }
        if (Files.isDirectory(folder)) {
            // a chart is renamed over its file: refuse now a .png there that is a pipe, device or
            // other file that is not regular, rather than after the lesson has run
            try (java.util.stream.Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                    String problem = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")
                            ? dev.nntrain.OutputFiles.problem(file) : null;
                    if (problem != null && !Files.isDirectory(file)) {
                        throw new InvalidInputException("--plots " + folder + ": " + file + " " + problem
                                + "; the lesson writes its charts as regular files");
                    }
                }
            } catch (IOException e) {
                throw new InvalidInputException("--plots " + folder + ": cannot list the folder ("
                        + InputFiles.reason(e) + ")", e);
            }
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidInputException("--plots " + folder + ": cannot create the chart folder ("
                    + InputFiles.reason(e) + ")", e);
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
