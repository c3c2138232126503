package dev.nntrain.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path folder;

    @Test
    void pngRoundTripsWithTheSameSize() throws IOException {
        ChartSize size = new ChartSize(640, 300);
        BufferedImage chart = HistoryChart.render(new double[] {1.0, 0.5, 0.25}, null, null, null, size);

        Path file = Charts.writePng(chart, folder.resolve("history.png"));

        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(640, read.getWidth());
        assertEquals(300, read.getHeight());
        assertEquals(chart.getRGB(320, 150), read.getRGB(320, 150), "PNG is lossless");
    }

    @Test
    void writingReplacesAnEarlierFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = folder.resolve("chart.png");
        Files.writeString(file, "not a picture");

        Charts.writePng(ActivationCharts.softmax(new double[] {1, 2}), file);

        assertTrue(ImageIO.read(file.toFile()) != null, "the old text was replaced by a PNG");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(1, files.count(), "only chart.png is left in the folder");
        }
    }

    @Test
    void aMissingFolderIsNamed() {
        Path file = folder.resolve("no-such-folder").resolve("chart.png");
        BufferedImage chart = ActivationCharts.softmax(new double[] {1, 2});

        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> Charts.writePng(chart, file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void aFolderIsNotOverwritten() throws IOException {
        Path emptyFolder = Files.createDirectory(folder.resolve("charts.png"));
        BufferedImage chart = ActivationCharts.softmax(new double[] {1, 2});

        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> Charts.writePng(chart, emptyFolder));

        assertTrue(e.getMessage().contains(emptyFolder + ": it is a folder"), e.getMessage());
        assertTrue(Files.isDirectory(emptyFolder));
    }

    @Test
    void checkWritableLeavesNothingAndRefusesAFolderThatTakesNoFiles() throws IOException {
        Charts.checkWritable(folder.resolve("chart.png"));
        Charts.checkFolder(folder);
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(0, files.count(), "the probe is removed");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc here");
        // /proc exists and is a folder, but no file can be created in it, by root either
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Charts.checkWritable(Path.of("/proc/chart.png")));
        assertTrue(e.getMessage().contains("cannot create files in /proc"), e.getMessage());
        assertThrows(IOException.class, () -> Charts.writePng(ActivationCharts.softmax(new double[] {1, 2}),
                Path.of("/proc/chart.png")), "the oracle: writing there fails");
    }

    @Test
    void aNameOtherThanPngIsRefusedAsTheCommandLineRefusesIt() {
        BufferedImage chart = ActivationCharts.softmax(new double[] {1, 2});
        for (String name : new String[] {"h.jpg", "chart", "chart.png.txt"}) {
            Path file = folder.resolve(name);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Charts.writePng(chart, file));
            assertEquals("cannot write the chart to " + file + ": expected a .png file name", e.getMessage());
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void aCapitalisedPngNameIsAPngName() throws IOException {
        Path file = Charts.writePng(ActivationCharts.softmax(new double[] {1, 2}), folder.resolve("CHART.PNG"));
        assertTrue(ImageIO.read(file.toFile()) != null);
    }

    @Test
    void chartsRenderWithAwtHeadless() {
        ActivationCharts.softmax(new double[] {1, 2});
        assertEquals("true", System.getProperty("java.awt.headless"),
                "the chart classes ask for headless AWT unless told otherwise");
    }

    @Test
    void aSizeOutsideTheLimitsIsNamed() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> new ChartSize(0, 400));
        assertTrue(e.getMessage().contains("width 0 px"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new ChartSize(400, 9000));
        assertTrue(e.getMessage().contains("height 9000 px"), e.getMessage());
    }
}
