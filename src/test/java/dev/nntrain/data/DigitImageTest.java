package dev.nntrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitImageTest {

    @TempDir Path dir;

    /** A 120x80 picture: black ink (a vertical bar, like a "1") on white paper. */
    static BufferedImage inkOnPaper(int type) {
        BufferedImage img = new BufferedImage(120, 80, type);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 80);
        g.setColor(Color.BLACK);
        g.fillRect(54, 10, 12, 60); // centred horizontally, 10 px margins top and bottom
        g.dispose();
        return img;
    }

    static float at(float[] px, int row, int col) {
        return px[row * 28 + col];
    }

    @Test
    void darkOnLightPngBecomesLightOnDark28x28() throws IOException {
        Path png = dir.resolve("one.png");
        ImageIO.write(inkOnPaper(BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        float[] px = DigitImage.read(png);
        assertEquals(784, px.length);
        for (float v : px) {
            assertTrue(v >= 0 && v <= 1);
        }
        // Padded to 120x120 (20 px above and below), scaled by 28/120: the bar spans columns
        // 12.6-15.4 and rows 7-21. Inside it is white, the background black.
        assertEquals(1f, at(px, 14, 13), 1e-6);
        assertEquals(1f, at(px, 10, 14), 1e-6);
        assertEquals(0f, at(px, 0, 0), 1e-6);
        assertEquals(0f, at(px, 14, 5), 1e-6);
        assertEquals(0f, at(px, 3, 14), 1e-6);   // the padding, not a stripe of "paper"
        assertEquals(0f, at(px, 26, 14), 1e-6);
        // Column 12 is covered 0.4 by the bar (120/28 px per column, bar starts at 54).
        assertEquals((13 * 120 / 28.0 - 54) / (120 / 28.0), at(px, 14, 12), 1e-5);
        assertEquals(0.4f, at(px, 14, 15), 1e-5);
        // Aspect kept: the bar is taller than wide.
        int rows = 0;
        int cols = 0;
        for (int i = 0; i < 28; i++) {
            rows += at(px, i, 14) > 0.5 ? 1 : 0;
            cols += at(px, 14, i) > 0.5 ? 1 : 0;
        }
        assertEquals(14, rows);
        assertEquals(2, cols); // columns 13 and 14; 12 and 15 are 0.4
    }

    @Test
    void aTallPictureIsPaddedLeftAndRightAsAWideOneIsAboveAndBelow() {
        // the transpose of the 120x80 picture must give the transpose of its result
        BufferedImage wide = inkOnPaper(BufferedImage.TYPE_INT_RGB);
        BufferedImage tall = new BufferedImage(80, 120, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 120; x++) {
                tall.setRGB(y, x, wide.getRGB(x, y));
            }
        }
        float[] a = DigitImage.fromImage(wide);
        float[] b = DigitImage.fromImage(tall);
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                assertEquals(at(a, r, c), at(b, c, r), 1e-6, "row " + r + ", column " + c);
            }
        }
    }

    @Test
    void aLongStripIsShrunkWithoutBuildingItsSquare() throws IOException {
        // a 30000 x 8 strip: its padded square would hold 900 million values (3.6 GB)
        BufferedImage strip = new BufferedImage(30_000, 8, BufferedImage.TYPE_BYTE_GRAY);
        Path png = dir.resolve("strip.png");
        ImageIO.write(strip, "png", png.toFile());
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        float[] px = DigitImage.read(png);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64L << 20, "allocated " + (allocated >> 20) + " MB");
        for (float v : px) {
            assertEquals(0f, v, 1e-6); // a black strip on a black border
        }
        Path tooLong = dir.resolve("too-long.png");
        ImageIO.write(new BufferedImage(1, 40_000, BufferedImage.TYPE_BYTE_GRAY), "png", tooLong.toFile());
        DataFormatException e = assertThrows(DataFormatException.class, () -> DigitImage.read(tooLong));
        assertTrue(e.getMessage().contains("1 x 40,000 pixels"), e.getMessage());
    }

    @Test
    void lightOnDarkIsKeptAndJpegWorks() throws IOException {
        BufferedImage img = inkOnPaper(BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, ~img.getRGB(x, y)); // white bar on black
            }
        }
        Path jpg = dir.resolve("one.jpg");
        assertTrue(ImageIO.write(img, "jpg", jpg.toFile()));
        float[] px = DigitImage.read(jpg);
        assertEquals(1f, at(px, 14, 14), 0.03); // JPEG is lossy
        assertEquals(0f, at(px, 2, 2), 0.03);

        float[] png = DigitImage.fromImage(inkOnPaper(BufferedImage.TYPE_INT_RGB));
        float[] inverted = DigitImage.fromImage(img);
        assertArrayEquals(png, inverted, 1e-6f);
    }

    @Test
    void grayPngLevelsAreTakenAsStored() throws IOException {
        // Gray 128 digit on black, already 28x28: no scaling, no inversion, no gamma change.
        BufferedImage gray = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 8; y < 20; y++) {
            for (int x = 10; x < 18; x++) {
                gray.getRaster().setSample(x, y, 0, 128);
            }
        }
        Path png = dir.resolve("gray.png");
        ImageIO.write(gray, "png", png.toFile());
        float[] px = DigitImage.read(png);
        assertEquals(128 / 255f, at(px, 10, 12), 1e-6);
        assertEquals(0f, at(px, 0, 0));
    }

    @Test
    void transparentBackgroundCountsAsPaper() {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB); // all transparent
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(12, 4, 4, 20);
        g.dispose();
        float[] px = DigitImage.fromImage(img);
        assertEquals(1f, at(px, 10, 13), 1e-6);
        assertEquals(0f, at(px, 10, 2), 1e-6);
    }

    @Test
    void unreadableFilesNameTheFile() throws IOException {
        Path text = dir.resolve("digit.png");
        Files.writeString(text, "this is not an image");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DigitImage.read(text));
        assertTrue(e.getMessage().startsWith(text + ": "), e.getMessage());

        Path missing = dir.resolve("missing.png");
        e = assertThrows(DataFormatException.class, () -> DigitImage.read(missing));
        assertTrue(e.getMessage().startsWith(missing + ": no such file"), e.getMessage());
    }

    @Test
    void aJpegCutShortIsRefusedThoughTheDecoderOnlyWarns() throws IOException {
        Path whole = dir.resolve("whole.jpg");
        assertTrue(ImageIO.write(inkOnPaper(BufferedImage.TYPE_INT_RGB), "jpg", whole.toFile()));
        byte[] bytes = Files.readAllBytes(whole);
        DigitImage.read(whole); // the whole file is fine
        // the first 700 bytes: the headers and tables, and the start of the picture's data
        assertTrue(bytes.length > 900, bytes.length + " bytes");
        Path cut = Files.write(dir.resolve("cut.jpg"), java.util.Arrays.copyOf(bytes, 700));
        // ImageIO itself decodes it, filling in what is missing: the reason for the check
        assertEquals(120, ImageIO.read(cut.toFile()).getWidth());
        DataFormatException e = assertThrows(DataFormatException.class, () -> DigitImage.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": the image is damaged or truncated"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("premature end"), e.getMessage());
    }

    @Test
    void imagesUnderEightPixelsOnASideAreRefused() throws IOException {
        for (int[] size : new int[][] {{1, 1}, {7, 28}, {28, 7}}) {
            Path png = dir.resolve("small-" + size[0] + "x" + size[1] + ".png");
            ImageIO.write(new BufferedImage(size[0], size[1], BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
            DataFormatException e = assertThrows(DataFormatException.class, () -> DigitImage.read(png));
            assertTrue(e.getMessage().startsWith(png + ": the image is " + size[0] + " x " + size[1] + " pixels"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("at least 8 x 8"), e.getMessage());
        }
        Path eight = dir.resolve("eight.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", eight.toFile());
        assertEquals(784, DigitImage.read(eight).length, "8 x 8 is the smallest taken");
    }

    @Test
    void resampleAveragesAreas() {
        assertArrayEquals(new float[] {1.5f, 5f}, DigitImage.resample(new float[] {1, 2, 4, 6}, 2));
        assertArrayEquals(new float[] {1, 1.5f, 2}, DigitImage.resample(new float[] {1, 2}, 3), 1e-6f);
    }
}
