package dev.nntrain.data.mnist;

import dev.nntrain.data.DataFormatException;
import dev.nntrain.data.Examples;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir Path dir;

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void roundTripGzippedAndPlain() {
        byte[] pixels = randomBytes(3 * 4 * 5, 1);
        byte[] labels = {7, 0, 9};
        for (String suffix : new String[] {".gz", ""}) {
            Path img = dir.resolve("img" + suffix);
            Path lbl = dir.resolve("lbl" + suffix);
            Idx.writeImages(img, 4, 5, pixels);
            Idx.writeLabels(lbl, labels);

            Idx.Images images = Idx.readImages(img);
            assertEquals(3, images.count());
            assertEquals(4, images.rows());
            assertEquals(5, images.cols());
            assertArrayEquals(pixels, images.pixels());
            assertEquals(pixels[(2 * 4 + 3) * 5 + 1] & 0xff, images.pixel(2, 3, 1));

            Examples ex = Idx.read(img, lbl);
            assertEquals(3, ex.size());
            assertArrayEquals(new long[] {20}, ex.featureShape());
            assertEquals(10, ex.numClasses());
            assertArrayEquals(new int[] {7, 0, 9}, ex.labels());
            float[] x = ex.features();
            for (int i = 0; i < pixels.length; i++) {
                assertEquals((pixels[i] & 0xff) / 255f, x[i]);
            }
            assertTrue(x[0] >= 0 && x[0] <= 1);
        }
    }

    @Test
    void anUpperCaseGzSuffixIsGzipToo() throws IOException {
        // the bytes of an IDX label file (magic 0x00000801, 2 labels: 3 and 9), gzipped by the JDK
        byte[] plain = {0, 0, 8, 1, 0, 0, 0, 2, 3, 9};
        Path upper = dir.resolve("labels.GZ");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(upper))) {
            out.write(plain);
        }
        assertArrayEquals(new byte[] {3, 9}, Idx.readLabels(upper, 10).values());
    }

    @Test
    void gzipFileReallyIsGzipAndPlainFileIsNot() throws IOException {
        Idx.writeLabels(dir.resolve("a.gz"), new byte[] {1});
        Idx.writeLabels(dir.resolve("a"), new byte[] {1});
        byte[] gz = Files.readAllBytes(dir.resolve("a.gz"));
        assertEquals(0x1f, gz[0] & 0xff);
        assertEquals(0x8b, gz[1] & 0xff);
        assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 1}, Files.readAllBytes(dir.resolve("a")));
    }

    @Test
    void wrongMagicNamesFileFoundAndExpected() {
        Path labelsAsImages = dir.resolve("train-images-idx3-ubyte.gz");
        Idx.writeLabels(labelsAsImages, new byte[] {1, 2});
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> Idx.readImages(labelsAsImages));
        assertTrue(e.getMessage().contains(labelsAsImages.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000801 found"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 0x00000803"), e.getMessage());
        assertTrue(e.getMessage().contains("swapped"), e.getMessage());
    }

    @Test
    void gzipContentWithoutGzNameIsExplained() throws IOException {
        Path gz = dir.resolve("x.gz");
        Idx.writeLabels(gz, new byte[] {1});
        Path plainName = dir.resolve("x");
        Files.copy(gz, plainName);
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> Idx.readLabels(plainName, 10));
        assertTrue(e.getMessage().contains("0x1f8b0800 found"), e.getMessage());
        assertTrue(e.getMessage().contains("gzip-compressed"), e.getMessage());
    }

    @Test
    void gzNameWithoutGzipContentIsRejected() {
        Path fake = dir.resolve("labels.gz");
        Idx.writeLabels(dir.resolve("labels"), new byte[] {1});
        assertTrue(dir.resolve("labels").toFile().renameTo(fake.toFile()));
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> Idx.readLabels(fake, 10));
        assertTrue(e.getMessage().startsWith(fake + ": name ends in .gz"), e.getMessage());
    }

    @Test
    void truncatedGzipStreamNamesFile() throws IOException {
        Path img = dir.resolve("img.gz");
        Idx.writeImages(img, 28, 28, randomBytes(50 * 784, 2));
        byte[] whole = Files.readAllBytes(img);
        Files.write(img, Arrays.copyOf(whole, whole.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(img));
        assertTrue(e.getMessage().startsWith(img + ": the gzip stream ends early"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        // Cutting only the 8-byte gzip trailer must be caught too.
        Files.write(img, Arrays.copyOf(whole, whole.length - 4));
        e = assertThrows(DataFormatException.class, () -> Idx.readImages(img));
        assertTrue(e.getMessage().startsWith(img + ":"), e.getMessage());
    }

    @Test
    void truncatedPlainFileSaysHowMuchIsMissing() throws IOException {
        Path img = dir.resolve("img");
        Idx.writeImages(img, 2, 2, randomBytes(3 * 4, 3));
        byte[] whole = Files.readAllBytes(img);
        Files.write(img, Arrays.copyOf(whole, whole.length - 5));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(img));
        assertEquals(img + ": truncated: the header declares 3 images of 2x2 (12 bytes after the"
                + " header) but the data ends after 7 bytes", e.getMessage());

        Files.write(img, Arrays.copyOf(whole, 6));
        e = assertThrows(DataFormatException.class, () -> Idx.readImages(img));
        assertTrue(e.getMessage().contains("ends inside the IDX header"), e.getMessage());
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        Path lbl = dir.resolve("lbl");
        Idx.writeLabels(lbl, new byte[] {1, 2, 3});
        Files.write(lbl, new byte[] {4, 5}, java.nio.file.StandardOpenOption.APPEND);
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> Idx.readLabels(lbl, 10));
        assertEquals(lbl + ": 2 unexpected bytes follow the 3 bytes the header declares (3 labels)",
                e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustMatch() {
        Path img = dir.resolve("img.gz");
        Path lbl = dir.resolve("lbl.gz");
        Idx.writeImages(img, 28, 28, new byte[3 * 784]);
        Idx.writeLabels(lbl, new byte[] {1, 2});
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.read(img, lbl));
        assertTrue(e.getMessage().contains(img + " holds 3 images"), e.getMessage());
        assertTrue(e.getMessage().contains(lbl + " holds 2 labels"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesFileExampleAndValue() {
        Path lbl = dir.resolve("lbl.gz");
        Idx.writeLabels(lbl, new byte[] {1, 9, 10, 2});
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> Idx.readLabels(lbl, 10));
        assertEquals(lbl + ": label 10 of example 2 (byte offset 10) is outside [0, 10)",
                e.getMessage());
        // Bytes are unsigned: 200 is 200, not -56.
        Idx.writeLabels(lbl, new byte[] {(byte) 200});
        e = assertThrows(DataFormatException.class, () -> Idx.readLabels(lbl, 10));
        assertTrue(e.getMessage().contains("label 200"), e.getMessage());
    }

    @Test
    void zeroSizedImagesAndMissingFiles() throws IOException {
        Path img = dir.resolve("img");
        Files.write(img, new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 28});
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(img));
        assertEquals(img + ": header row count is 0; expected a size > 0", e.getMessage());

        Path missing = dir.resolve("nope.gz");
        e = assertThrows(DataFormatException.class, () -> Idx.readImages(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    // A label file of one label, 7, written out byte by byte: the oracle of the gzip tests.
    private static final byte[] ONE_LABEL = {0, 0, 8, 1, 0, 0, 0, 1, 7};

    // The JDK's gzip writer, not Idx's, so that the files do not depend on the code under test.
    private static byte[] gzip(byte[] content) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @Test
    void gzipCompressedTwiceIsSaidSo() throws IOException {
        Path lbl = dir.resolve("train-labels-idx1-ubyte.gz");
        Files.write(lbl, gzip(gzip(ONE_LABEL)));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readLabels(lbl, 10));
        assertEquals(lbl + ": gzip-compressed twice: once gunzipped, the content starts with the gzip bytes 1f 8b"
                + " again instead of an IDX magic number; decompress it once, e.g. gunzip -c '" + lbl
                + "' > '" + lbl + ".once' && mv '" + lbl + ".once' '" + lbl + "'", e.getMessage());

        Path img = dir.resolve("train-images-idx3-ubyte.gz");
        Files.write(img, gzip(gzip(new byte[] {0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28})));
        e = assertThrows(DataFormatException.class, () -> Idx.readImages(img));
        assertTrue(e.getMessage().startsWith(img + ": gzip-compressed twice: "), e.getMessage());
    }

    /**
     * A suggested command with a space, a $, a ; and a ' in the path: sh runs it as written, from
     * another folder, and the file is then gzipped once, with nothing left in the current folder.
     */
    @Test
    void theSuggestedGunzipCommandIsQuotedForTheShell() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        Path odd = Files.createDirectories(dir.resolve("d 3$HOME;x'y"));
        Path lbl = odd.resolve("train-labels-idx1-ubyte.gz");
        Files.write(lbl, gzip(gzip(ONE_LABEL)));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readLabels(lbl, 10));
        String q = "'" + lbl.toString().replace("'", "'\\''") + "'";
        String qOnce = "'" + (lbl + ".once").replace("'", "'\\''") + "'";
        String command = "gunzip -c " + q + " > " + qOnce + " && mv " + qOnce + " " + q;
        assertTrue(e.getMessage().endsWith("decompress it once, e.g. " + command), e.getMessage());

        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Process sh = new ProcessBuilder("/bin/sh", "-c", command).directory(cwd.toFile())
                .redirectErrorStream(true).start();
        String said = new String(sh.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Assumptions.assumeFalse(sh.waitFor() == 127, "no gunzip: " + said);
        assertEquals(0, sh.exitValue(), said);
        assertArrayEquals(gzip(ONE_LABEL), Files.readAllBytes(lbl), "gzipped once");
        assertEquals(7, Idx.readLabels(lbl, 10).label(0));
        try (java.util.stream.Stream<Path> left = Files.list(cwd)) {
            assertEquals(0, left.count(), "nothing written in the current folder");
        }
        try (java.util.stream.Stream<Path> left = Files.list(odd)) {
            assertEquals(1, left.count(), "no temporary left next to the file");
        }
    }

    @Test
    void bytesAfterTheGzipDataAreRefusedWithTheirOffset() throws IOException {
        byte[] gz = gzip(ONE_LABEL);
        Path lbl = dir.resolve("lbl.gz");
        Files.write(lbl, concat(gz, "JUNK!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readLabels(lbl, 10));
        assertEquals(lbl + ": 5 bytes of trailing garbage at byte offset " + gz.length + ", after the gzip data"
                + " ends (gzip -d warns \"trailing garbage ignored\" and exits with status 2); expected the file"
                + " to end there, or only zero bytes after it: re-create it, or cut it to its first " + gz.length
                + " bytes", e.getMessage());

        // zero bytes, then something else: all of it counts, from the first zero
        Files.write(lbl, concat(gz, gzip(new byte[0]), new byte[] {0, 0, 0, 1}));
        int at = gz.length + gzip(new byte[0]).length;
        e = assertThrows(DataFormatException.class, () -> Idx.readLabels(lbl, 10));
        assertTrue(e.getMessage().startsWith(lbl + ": 4 bytes of trailing garbage at byte offset " + at + ","),
                e.getMessage());

        // images too, with a trailer longer than the read buffer whose last byte only is not zero
        Path img = dir.resolve("img.gz");
        byte[] imgGz = gzip(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 42});
        byte[] tail = new byte[100_000];
        tail[tail.length - 1] = 'x';
        Files.write(img, concat(imgGz, tail));
        e = assertThrows(DataFormatException.class, () -> Idx.readImages(img));
        assertTrue(e.getMessage().startsWith(img + ": 100000 bytes of trailing garbage at byte offset "
                + imgGz.length + ","), e.getMessage());

        // a lone 1f (not a member's 1f 8b) is garbage too
        Files.write(lbl, concat(gz, new byte[] {0x1f}));
        e = assertThrows(DataFormatException.class, () -> Idx.readLabels(lbl, 10));
        assertTrue(e.getMessage().startsWith(lbl + ": 1 byte of trailing garbage at byte offset " + gz.length + ","),
                e.getMessage());
    }

    /** Zero padding after the gzip data is read as gzip -d, Python's gzip and GZIPInputStream read it: silently. */
    @Test
    void zeroPaddingAfterTheGzipDataIsAccepted() throws IOException {
        Path lbl = dir.resolve("lbl.gz");
        Files.write(lbl, concat(gzip(ONE_LABEL), new byte[1024]));
        assertEquals(7, Idx.readLabels(lbl, 10).label(0));
        // one zero byte after two members
        Files.write(lbl, concat(gzip(ONE_LABEL), gzip(new byte[0]), new byte[] {0}));
        assertEquals(7, Idx.readLabels(lbl, 10).label(0));
        // padding longer than the read buffer, after images
        Path img = dir.resolve("img.gz");
        Files.write(img, concat(gzip(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 42}),
                new byte[100_000]));
        assertEquals(1, Idx.readImages(img).count());
    }

    /** RFC 1952: "A compliant decompressor must give an error indication if any reserved bit is non-zero". */
    @Test
    void reservedHeaderFlagBitsAreRefused() throws IOException {
        byte[] gz = gzip(ONE_LABEL);
        gz[3] |= 0x40; // FLG is the header's fourth byte
        Path lbl = dir.resolve("lbl.gz");
        Files.write(lbl, gz);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readLabels(lbl, 10));
        assertEquals(lbl + ": corrupt gzip data: reserved header flag bits 0x40 set in the member at byte offset 0"
                + " (RFC 1952: a reader must refuse them, as gzip -d does)", e.getMessage());
        // in a second member, after an empty one
        byte[] second = gzip(ONE_LABEL);
        second[3] |= (byte) 0xe0;
        byte[] empty = gzip(new byte[0]);
        Files.write(lbl, concat(empty, second));
        e = assertThrows(DataFormatException.class, () -> Idx.readLabels(lbl, 10));
        assertTrue(e.getMessage().startsWith(lbl + ": corrupt gzip data: reserved header flag bits 0xe0 set in the"
                + " member at byte offset " + empty.length + " "), e.getMessage());
    }

    @Test
    void concatenatedGzipMembersAreOneFileAsForGzip() throws IOException {
        // gzip -d joins the members' contents; an empty member adds nothing
        Path lbl = dir.resolve("lbl.gz");
        Files.write(lbl, concat(gzip(Arrays.copyOf(ONE_LABEL, 5)), gzip(new byte[0]),
                gzip(Arrays.copyOfRange(ONE_LABEL, 5, ONE_LABEL.length))));
        Idx.Labels labels = Idx.readLabels(lbl, 10);
        assertEquals(1, labels.count());
        assertEquals(7, labels.label(0));
    }

    @Test
    void aCorruptGzipMemberIsNamed() throws IOException {
        byte[] gz = gzip(ONE_LABEL);
        gz[gz.length - 8] ^= 1; // the stored CRC-32
        Path lbl = dir.resolve("lbl.gz");
        Files.write(lbl, gz);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readLabels(lbl, 10));
        assertTrue(e.getMessage().startsWith(lbl + ": corrupt gzip data: CRC-32 mismatch in the member at byte offset 0"),
                e.getMessage());
    }
}
