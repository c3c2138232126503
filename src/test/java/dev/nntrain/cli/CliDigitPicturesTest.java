package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.mnist.Idx;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict --images} on the test set's first 200 digits drawn as a user's pictures are: each
 * way of drawing them must be read about as well as the same digits framed as MNIST frames them.
 * The oracle is the labels, not the code: the course model is trained here, once.
 */
class CliDigitPicturesTest {

    @TempDir
    static Path tmp;

    static Path model;

    static final int N = 200;

    static Idx.Images images;

    static Idx.Labels labels;

    @BeforeAll
    static void train() {
        model = tmp.resolve("course-model");
        CliRun run = CliRun.of("train", "--quiet", "-o", model.toString()); // the README's first command
        assertEquals(0, run.status(), run.err());
        images = Idx.readImages(Path.of("data/mnist/t10k-images-idx3-ubyte.gz"));
        labels = Idx.readLabels(Path.of("data/mnist/t10k-labels-idx1-ubyte.gz"), 10);
    }

    /** Digit {@code i} as ink levels in [0, 1], 112 x 112, upscaled bilinearly from 28 x 28. */
    static float[] ink112(int i) {
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                small.getRaster().setSample(x, y, 0, images.pixel(i, y, x));
            }
        }
        BufferedImage big = new BufferedImage(112, 112, BufferedImage.TYPE_BYTE_GRAY);
        new AffineTransformOp(AffineTransform.getScaleInstance(4, 4), AffineTransformOp.TYPE_BILINEAR).filter(small, big);
        float[] ink = new float[112 * 112];
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) {
                ink[y * 112 + x] = big.getRaster().getSample(x, y, 0) / 255f;
            }
        }
        return ink;
    }

    /**
     * A picture: a page of {@code w x h} at level {@code paper}, with the 112-pixel ink levels
     * (from {@code fromX, fromY}, {@code cw x ch} of them) drawn at {@code (atX, atY)} in {@code ink}.
     */
    static BufferedImage draw(float[] ink, int w, int h, int paper, int inkLevel, int fromX, int fromY, int cw, int ch,
            int atX, int atY) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(paper, paper, paper));
        g.fillRect(0, 0, w, h);
        g.dispose();
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                float a = ink[(fromY + y) * 112 + fromX + x];
                int v = Math.round(paper * (1 - a) + inkLevel * a);
                img.setRGB(atX + x, atY + y, v << 16 | v << 8 | v);
            }
        }
        return img;
    }

    static BufferedImage framed(float[] ink, int paper, int inkLevel) {
        return draw(ink, 112, 112, paper, inkLevel, 0, 0, 112, 112, 0, 0);
    }

    /** The box of the levels above 0.1, as {x0, y0, x1, y1} inclusive. */
    static int[] box(float[] ink) {
        int[] b = {112, 112, -1, -1};
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) {
                if (ink[y * 112 + x] > 0.1) {
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.min(b[1], y);
                    b[2] = Math.max(b[2], x);
                    b[3] = Math.max(b[3], y);
                }
            }
        }
        return b;
    }

    /** Writes the 200 pictures of one variant to a folder, predicts them, and returns the accuracy. */
    static double accuracy(String variant, String format, Function<Integer, byte[]> picture) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve(variant));
        for (int i = 0; i < N; i++) {
            Files.write(folder.resolve(String.format("%04d.%s", i, format)), picture.apply(i));
        }
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--images", folder.toString());
        assertEquals(0, run.status(), variant + ": " + run.err());
        assertEquals("", run.err(), variant + ": nothing is said of a normal digit");
        List<String> lines = run.out().lines().toList();
        assertEquals(N + 1, lines.size(), variant);
        int right = 0;
        for (int i = 0; i < N; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertTrue(cells[0].endsWith(String.format("%04d.%s", i, format)), cells[0]);
            right += Integer.parseInt(cells[1]) == labels.label(i) ? 1 : 0;
        }
        return right / (double) N;
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertTrue(ImageIO.write(img, format, out), format);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void picturesOfDigitsAreReadAboutAsWellAsMnistFramedOnes() throws IOException {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        // the test set as it is: 28 x 28, white on black
        accuracy.put("mnist", accuracy("mnist", "png", i -> {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    img.getRaster().setSample(x, y, 0, images.pixel(i, y, x));
                }
            }
            return encode(img, "png");
        }));
        accuracy.put("control", accuracy("control", "png", i -> encode(framed(ink112(i), 255, 0), "png")));
        accuracy.put("tight", accuracy("tight", "png", i -> {
            float[] ink = ink112(i);
            int[] b = box(ink);
            int w = b[2] - b[0] + 1;
            int h = b[3] - b[1] + 1;
            return encode(draw(ink, Math.max(w, 8), Math.max(h, 8), 255, 0, b[0], b[1], w, h, 0, 0), "png");
        }));
        accuracy.put("margin", accuracy("margin", "png",
                i -> encode(draw(ink112(i), 224, 224, 255, 0, 0, 0, 112, 112, 56, 56), "png")));
        accuracy.put("paper235", accuracy("paper235", "png", i -> encode(framed(ink112(i), 235, 0), "png")));
        accuracy.put("paper190", accuracy("paper190", "png", i -> encode(framed(ink112(i), 190, 60), "png")));
        accuracy.put("top-left", accuracy("top-left", "png",
                i -> encode(draw(ink112(i), 168, 168, 255, 0, 0, 0, 112, 112, 0, 0), "png")));
        accuracy.put("exif6", accuracy("exif6", "jpg", i -> {
            BufferedImage upright = framed(ink112(i), 255, 0);
            BufferedImage stored = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 112; y++) {
                for (int x = 0; x < 112; x++) {
                    stored.setRGB(y, 111 - x, upright.getRGB(x, y)); // a quarter turn counter-clockwise
                }
            }
            return dev.nntrain.data.ExifJpeg.withOrientation(encode(stored, "jpg"), 6, false); // a viewer turns it back clockwise
        }));
        double control = accuracy.get("control");
        assertTrue(control >= 0.85, "the control itself: " + accuracy);
        for (Map.Entry<String, Double> e : accuracy.entrySet()) {
            assertTrue(e.getValue() >= control - 0.08, e.getKey() + " against the control " + control + ": " + accuracy);
        }
        System.out.println("accuracy per picture: " + accuracy);
    }

    @Test
    void blankPicturesAndAnimationsAreRefusedInOneLine() throws IOException {
        for (int level : new int[] {255, 0}) {
            Path blank = tmp.resolve("blank-" + level + ".png");
            Files.write(blank, encode(draw(new float[112 * 112], 112, 112, level, level, 0, 0, 1, 1, 0, 0), "png"));
            CliRun.of("predict", "--model", model.toString(), "--image", blank.toString())
                    .assertBadInput(blank + ": the image is blank");
        }
        Path gif = tmp.resolve("two-frames.gif");
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(gif.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new javax.imageio.IIOImage(framed(ink112(0), 255, 0), null, null), null);
            writer.writeToSequence(new javax.imageio.IIOImage(framed(ink112(1), 255, 0), null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        CliRun.of("predict", "--model", model.toString(), "--image", gif.toString())
                .assertBadInput(gif + ": the image has 2 frames");
        CliRun.of("predict", "--model", model.toString(), "--images", gif.toString())
                .assertBadInput(gif + ": the image has 2 frames");
    }
}
