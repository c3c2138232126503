package dev.nntrain.cli;

import dev.nntrain.data.csv.Csv;
import dev.nntrain.data.mnist.Idx;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/**
 * The files the bad-input suite ({@code src/test/resources/hostile/cases.txt}) feeds the command
 * line: CSV files in every wrong encoding and shape, image bombs, IDX directories with an empty
 * part, damaged and edited models, checkpoints. {@link HostileInputTest} builds them in a
 * temporary directory; {@code scripts/hostile.sh} runs {@link #main} to build them for the jar.
 */
public final class HostileFixtures {

    private HostileFixtures() {}

    /**
     * Builds the fixtures.
     *
     * @param args the directory to build them in
     * @throws Exception if a file cannot be written
     */
    public static void main(String[] args) throws Exception {
        create(Path.of(args[0]));
    }

    /**
     * Builds every fixture under a directory.
     *
     * @param dir the directory, created if absent
     * @throws IOException if a file cannot be written
     * @throws InterruptedException if mkfifo is interrupted
     */
    public static void create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path csv = Files.createDirectories(dir.resolve("csv"));
        csvFiles(csv);
        Path images = Files.createDirectories(dir.resolve("img"));
        images(images);
        Path noImages = Files.createDirectories(dir.resolve("img-none")); // what predict --images skips, and nothing else
        write(noImages.resolve("notes.txt"), "not a picture\n");
        write(noImages.resolve(".hidden.png"), "a hidden file\n");
        Files.createDirectories(noImages.resolve("subdirectory.png"));
        idxDirectories(dir);
        Path models = Files.createDirectories(dir.resolve("models"));
        models(models, csv.resolve("good.csv"));
        checkpoints(dir, csv.resolve("good.csv"));
        Files.writeString(dir.resolve("afile"), "a file where a directory is expected\n");
        Files.createSymbolicLink(dir.resolve("dangling-dir"), dir.resolve("nowhere-dir"));
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(photos.resolve("holiday.jpg"), "not a model");
        Path readonly = Files.createDirectories(dir.resolve("readonly"));
        if (!readonly.toFile().setWritable(false, false)) {
            throw new IOException("cannot make " + readonly + " read-only");
        }
    }

    private static String rows(int n, int classes) {
        StringBuilder sb = new StringBuilder("temperature,duration,label\n");
        for (int i = 0; i < n; i++) {
            sb.append(150 + i % 100).append(',').append(12 + i % 7).append(',').append(i % classes).append('\n');
        }
        return sb.toString();
    }

    private static void csvFiles(Path csv) throws IOException, InterruptedException {
        String good = rows(60, 3);
        write(csv.resolve("good.csv"), good);
        write(csv.resolve("one-row.csv"), rows(1, 3));
        // a sample weight column between the features, all 1 but line 5's in the bad files
        String weighed = good.replace("temperature,duration,label", "temperature,weight,duration,label")
                .replaceAll("(?m)^(\\d+),", "$1,1,");
        write(csv.resolve("weights.csv"), weighed);
        for (String[] bad : new String[][] {{"negative", "-2"}, {"text", "heavy"}, {"nan", "NaN"}, {"empty", ""},
                {"inf", "inf"}}) {
            write(csv.resolve("weights-" + bad[0] + ".csv"), weighed.replaceFirst("(?m)^153,1,", "153," + bad[1] + ","));
        }
        write(csv.resolve("weights-zero.csv"), weighed.replaceAll("(?m)^(\\d+),1,", "$1,0,"));
        write(csv.resolve("two-rows.csv"), rows(2, 2));
        write(csv.resolve("four-rows.csv"), rows(4, 2));
        write(csv.resolve("ten-rows.csv"), rows(10, 2));
        write(csv.resolve("header-only.csv"), "temperature,duration,label\n");
        write(csv.resolve("features.csv"), "temperature,duration\n200,13.9\n"); // what models/good predicts from
        // good.csv with its two feature columns swapped, header and rows alike; a row of them
        write(csv.resolve("swapped.csv"), good.replaceAll("(?m)^([^,\n]+),([^,\n]+),", "$2,$1,"));
        write(csv.resolve("features-swapped.csv"), "duration,temperature\n13.9,200\n");
        write(csv.resolve("empty.csv"), "");
        write(csv.resolve("blank.csv"), "\n\n   \n");
        for (String label : new String[] {"16777215", "65536", "-1", "2.5", "1e9", "abc", "NaN", "1e400", "0.99999999", "1e-50"}) {
            write(csv.resolve("label-" + label + ".csv"), "1,2,0\n3,4,1\n5,6," + label + "\n7,8,0\n9,10,1\n");
        }
        String named = rows(60, 3).replace(",0\n", ",cool\n").replace(",1\n", ",hot\n").replace(",2\n", ",warm\n");
        write(csv.resolve("names-good.csv"), named); // what models/named was trained on
        write(csv.resolve("names-unknown.csv"), named + "170,13,tepid\n");
        write(csv.resolve("names-empty-label.csv"), "t,d,label\n1,2,cool\n3,4,\n5,6,warm\n");
        write(csv.resolve("names-one-class.csv"), rows(20, 1).replace(",0\n", ",warm\n"));
        StringBuilder ids = new StringBuilder("id,x,y\n");
        for (int i = 0; i < 40; i++) {
            ids.append("row").append(i).append(',').append(i % 7).append(',').append(i % 5).append('\n');
        }
        write(csv.resolve("names-ids.csv"), ids.toString()); // a label column of ids: one class per row
        // a column of text: categories (what models/islands was trained on), and what breaks them
        String islands = rows(60, 3).replace("temperature,", "island,").replaceAll("(?m)^1[0-9]{2},", "Dream,")
                .replaceAll("(?m)^2[0-9]{2},", "Biscoe,");
        write(csv.resolve("islands.csv"), islands);
        write(csv.resolve("semicolons.csv"), "x;y;label\n1,5;2;0\n2,5;3;1\n"); // decimal commas
        write(csv.resolve("tags-half.csv"), "x,a,b\n1,0.5,1\n2,1,0\n"); // multi-label answers are 0 or 1
        write(csv.resolve("tags.csv"), "x,a,b\n1,0,1\n2,1,0\n3,1,1\n4,0,0\n5,1,0\n6,0,1\n7,1,1\n8,0,0\n9,1,0\n10,0,1\n");
        write(csv.resolve("all-missing.csv"), "x,label\nNA,1\n2,\n");
        write(csv.resolve("islands-na.csv"), "island,duration,label\nDream,12,0\nNA,13,1\nBiscoe,14,2\n");
        write(csv.resolve("no-values.csv"), "a,b,label\n1,NA,0\n2,,1\n3,?,0\n4,NA,1\n"); // b: nothing to fill from
        write(csv.resolve("islands-mars.csv"), islands + "Mars,13,1\n");
        write(csv.resolve("islands-ids.csv"), ids.toString().replace("id,x,y", "name,x,y").replace("row", "bird"));
        write(csv.resolve("single-class-0.csv"), rows(20, 1));
        write(csv.resolve("single-class-3.csv"), rows(20, 1).replace(",0\n", ",3\n"));
        write(csv.resolve("regression-nan.csv"), "1,2,0.5\n3,4,NaN\n5,6,1.5\n");
        write(csv.resolve("first-column-label.csv"), "99999999,1,2\n0,3,4\n1,5,6\n");
        byte[] text = good.getBytes(StandardCharsets.UTF_8);
        Files.write(csv.resolve("utf16le.csv"), concat(new byte[] {(byte) 0xff, (byte) 0xfe}, good.getBytes(StandardCharsets.UTF_16LE)));
        Files.write(csv.resolve("utf16be.csv"), concat(new byte[] {(byte) 0xfe, (byte) 0xff}, good.getBytes(StandardCharsets.UTF_16BE)));
        Files.write(csv.resolve("utf16-nobom.csv"), good.getBytes(StandardCharsets.UTF_16LE));
        Files.write(csv.resolve("utf32.csv"), concat(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0},
                good.getBytes(java.nio.charset.Charset.forName("UTF-32LE"))));
        Files.write(csv.resolve("latin1.csv"), ("temp\u00e9rature,dur\u00e9e,label\n" + good.substring(good.indexOf('\n') + 1))
                .getBytes(StandardCharsets.ISO_8859_1));
        Files.write(csv.resolve("latin1-late.csv"), (good + "1,2,caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(csv.resolve("gzip.csv")))) {
            out.write(text);
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(csv.resolve("zip.csv")))) {
            zip.putNextEntry(new ZipEntry("good.csv"));
            zip.write(text);
            zip.closeEntry();
        }
        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);
        Files.write(csv.resolve("binary.csv"), random);
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(img, "png", csv.resolve("image.csv").toFile());
        write(csv.resolve("one-column.csv"), "1;2;0\n3;4;1\n5;6;0\n");
        write(csv.resolve("ragged.csv"), "1,2,0\n3,4\n5,6,1\n");
        write(csv.resolve("quote.csv"), "1,\"2,0\n3,4,1\n");
        write(csv.resolve("nan-cell.csv"), "1,2,0\nNaN,4,1\n5,6,0\n");
        write(csv.resolve("inf-cell.csv"), "1,2,0\n3,Infinity,1\n5,6,0\n");
        write(csv.resolve("suffix-cell.csv"), "1,2,0\n3,4f,1\n5,6,0\n");
        write(csv.resolve("huge-cell.csv"), "1,2,0\n3,1e39,1\n5,6,0\n");
        write(csv.resolve("first-row-typo.csv"), "1.344,8.474x,0\n" + good.substring(good.indexOf('\n') + 1));
        Files.createSymbolicLink(csv.resolve("zero-link.csv"), Path.of("/dev/zero"));
        Files.createSymbolicLink(csv.resolve("dangling.csv"), csv.resolve("nowhere.csv"));
        Files.createDirectories(csv.resolve("dir.csv"));
        mkfifo(csv.resolve("fifo.csv"));
    }

    private static void images(Path dir) throws IOException, InterruptedException {
        ImageIO.write(new BufferedImage(50_000, 1, BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve("wide-50000.png").toFile());
        ImageIO.write(new BufferedImage(1, 40_000, BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve("tall-40000.png").toFile());
        Files.write(dir.resolve("header-100000.png"), pngHeader(100_000, 100_000));
        Files.write(dir.resolve("header-10000.png"), pngHeader(10_000, 10_000));
        BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 4; y < 24; y++) { // a "1": predict refuses a blank picture, and this one must be read
            digit.getRaster().setSample(13, y, 0, 255);
            digit.getRaster().setSample(14, y, 0, 255);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(digit, "png", png);
        byte[] bytes = png.toByteArray();
        Files.write(dir.resolve("digit.png"), bytes);
        Files.write(dir.resolve("truncated.png"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        write(dir.resolve("text.png"), "this is not a picture\n");
        BufferedImage photo = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = photo.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 120, 80);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(54, 10, 12, 60);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(photo, "jpg", jpeg);
        Files.write(dir.resolve("truncated.jpg"), java.util.Arrays.copyOf(jpeg.toByteArray(), 700));
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve("one-pixel.png").toFile());
        Files.write(dir.resolve("empty.png"), new byte[0]);
        // named after empty.png, which --images {F}/img must meet first
        ImageIO.write(photo.getSubimage(0, 0, 40, 40), "png", dir.resolve("white.png").toFile()); // blank paper
        javax.imageio.ImageWriter gif = ImageIO.getImageWritersByFormatName("gif").next();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(dir.resolve("two-frames.gif").toFile())) {
            gif.setOutput(out);
            gif.prepareWriteSequence(null);
            gif.writeToSequence(new javax.imageio.IIOImage(photo, null, null), null);
            gif.writeToSequence(new javax.imageio.IIOImage(photo, null, null), null);
            gif.endWriteSequence();
        } finally {
            gif.dispose();
        }
        Files.createSymbolicLink(dir.resolve("zero.png"), Path.of("/dev/zero"));
        Files.createDirectories(dir.resolve("dir.png"));
        mkfifo(dir.resolve("fifo.png"));
    }

    /** A PNG of a signature, a header declaring the size, and an end: no pixels at all. */
    private static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit gray, deflate, no filter, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    private static void idxDirectories(Path dir) throws IOException {
        for (String part : new String[] {"test", "train"}) {
            Path d = Files.createDirectories(dir.resolve("idx-empty-" + part));
            for (String f : MnistSource.FILE_NAMES) {
                boolean empty = f.startsWith(part.equals("test") ? "t10k" : "train");
                if (!empty) {
                    Files.copy(Path.of("data/mnist").resolve(f), d.resolve(f));
                } else if (f.contains("images")) {
                    Idx.writeImages(d.resolve(f), 28, 28, new byte[0]);
                } else {
                    Idx.writeLabels(d.resolve(f), new byte[0]);
                }
            }
        }
        Path swapped = Files.createDirectories(dir.resolve("idx-swapped"));
        for (String f : MnistSource.FILE_NAMES) {
            String other = f.contains("images") ? f.replace("images-idx3", "labels-idx1") : f.replace("labels-idx1", "images-idx3");
            Files.copy(Path.of("data/mnist").resolve(other), swapped.resolve(f));
        }
        Files.createDirectories(dir.resolve("idx-none"));
        // the training labels gzip-compressed a second time; and with 8 bytes after the gzip data
        Path labels = Path.of("data/mnist").resolve(MnistSource.TRAIN_LABELS);
        Path twice = Files.createDirectories(dir.resolve("idx-gzip-twice"));
        Path trailing = Files.createDirectories(dir.resolve("idx-gzip-trailing"));
        for (String f : MnistSource.FILE_NAMES) {
            if (!f.equals(MnistSource.TRAIN_LABELS)) {
                Files.copy(Path.of("data/mnist").resolve(f), twice.resolve(f));
                Files.copy(Path.of("data/mnist").resolve(f), trailing.resolve(f));
            }
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(twice.resolve(MnistSource.TRAIN_LABELS)))) {
            Files.copy(labels, out);
        }
        Files.write(trailing.resolve(MnistSource.TRAIN_LABELS),
                concat(Files.readAllBytes(labels), "JUNKJUNK".getBytes(StandardCharsets.US_ASCII)));
        // the training labels with a reserved gzip header flag (0x40) set: RFC 1952 says refuse
        Path reserved = Files.createDirectories(dir.resolve("idx-gzip-reserved"));
        for (String f : MnistSource.FILE_NAMES) {
            if (!f.equals(MnistSource.TRAIN_LABELS)) {
                Files.copy(Path.of("data/mnist").resolve(f), reserved.resolve(f));
            }
        }
        byte[] flagged = Files.readAllBytes(labels);
        flagged[3] |= 0x40; // FLG, the fourth byte of the header
        Files.write(reserved.resolve(MnistSource.TRAIN_LABELS), flagged);
        // two links that point at each other, as a cache folder
        Files.createSymbolicLink(dir.resolve("loop-a"), dir.resolve("loop-b"));
        Files.createSymbolicLink(dir.resolve("loop-b"), dir.resolve("loop-a"));
    }

    private static void models(Path models, Path goodCsv) throws IOException, InterruptedException {
        Path good = models.resolve("good");
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().addAll(Dense.of(4, Activation.RELU), Dense.of(3)).optSeed(1).build(),
                new SparseCategoricalCrossentropy(true), new Adam(1e-2))) {
            net.fit(Csv.classification().read(goodCsv), FitOptions.builder().optEpochs(1).optSeed(1).optVerbose(0).build());
            net.save(good);
        }
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().addAll(Dense.of(4, Activation.RELU), Dense.of(3)).optSeed(1).build(),
                new SparseCategoricalCrossentropy(true), new Adam(1e-2))) {
            net.setClassNames(java.util.List.of("cool", "hot", "warm"));
            net.fit(Csv.classification().read(goodCsv.resolveSibling("names-good.csv")),
                    FitOptions.builder().optEpochs(1).optSeed(1).optVerbose(0).build());
            net.save(models.resolve("named"));
        }
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().addAll(Dense.of(4, Activation.RELU), Dense.of(3)).optSeed(1).build(),
                new SparseCategoricalCrossentropy(true), new Adam(1e-2))) {
            dev.nntrain.data.Examples islands = Csv.classification().read(goodCsv.resolveSibling("islands.csv"));
            net.setFeatureColumns(islands.featureColumns().orElseThrow());
            net.fit(islands, FitOptions.builder().optEpochs(1).optSeed(1).optVerbose(0).build());
            net.save(models.resolve("islands"));
        }
        // trained by the command line on good.csv, numbers alone: it keeps the header's names
        int status = Nntrain.run(new String[] {"train", "--dataset", "csv:" + goodCsv, "--layers", "4", "--epochs", "1",
            "-q", "-o", models.resolve("numbers").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        if (status != 0) {
            throw new IllegalStateException("the numbers model fixture's run failed: " + status);
        }
        copy(models.resolve("islands"), models.resolve("islands-bad-columns"), "\\\"type\\\":\\\"category\\\"",
                "\\\"type\\\":\\\"text\\\"");
        // seven regression outputs: one more than evaluate --plot draws panels for
        float[][] x = {{150, 12}, {160, 13}, {170, 14}};
        float[][] y = new float[3][7];
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().addAll(Dense.of(4, Activation.RELU), Dense.of(7)).optSeed(1).build(),
                new dev.nntrain.train.loss.MeanSquaredError(), new Adam(1e-2))) {
            net.fit(dev.nntrain.data.Examples.of(x, y), FitOptions.builder().optEpochs(1).optSeed(1).optVerbose(0).build());
            net.save(models.resolve("regression-7"));
        }
        Path json = good.resolve("model.json");
        String text = Files.readString(json);
        Path params = paramsOf(good);
        String paramsName = params.getFileName().toString();

        copy(good, models.resolve("relu-to-sigmoid"), "\"activation\": \"relu\"", "\"activation\": \"sigmoid\"");
        copy(good, models.resolve("units-4-to-5"), "\"units\": 4", "\"units\": 5");
        copyRegex(good, models.resolve("no-checksum"), "\\s*\"checksum\": \"[0-9a-f]{64}\",", "");
        copy(good, models.resolve("float16"), "\"dataType\": \"float32\"", "\"dataType\": \"float16\"");
        copyRegex(good, models.resolve("rank-5"), "\"inputShape\": \\[[^\\]]*\\]", "\"inputShape\": [1, 1, 1, 1, 2]");
        copy(good, models.resolve("units-2147483648"), "\"units\": 4", "\"units\": 2147483648");
        copy(good, models.resolve("units-1048576"), "\"units\": 4", "\"units\": 1048576");
        copy(good, models.resolve("traversal"), "\"name\": \"" + paramsName, "\"name\": \"../good/" + paramsName);
        copy(good, models.resolve("version-99"), "\"formatVersion\": 2", "\"formatVersion\": 99");
        copy(good, models.resolve("keras"), "\"format\": \"nntrain-sequential\"", "\"format\": \"keras\"");
        copy(good, models.resolve("lstm"), "\"type\": \"dense\"", "\"type\": \"lstm\"");
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            layers.append(i == 0 ? "" : ",").append("{\"type\": \"flatten\"}");
        }
        copyRegex(good, models.resolve("layers-2000"), "(?s)\"layers\": \\[.*?\\n  \\]", "\"layers\": [" + layers + "]");

        Path truncated = copy(good, models.resolve("truncated-params"), null, null);
        byte[] p = Files.readAllBytes(params);
        Files.write(paramsOf(truncated), java.util.Arrays.copyOf(p, p.length - 10));
        Path padded = copy(good, models.resolve("padded-params"), null, null);
        Files.write(paramsOf(padded), concat(p, new byte[100]));
        Path flipped = copy(good, models.resolve("flipped-params"), null, null);
        byte[] f = p.clone();
        f[f.length - 5] ^= 0x40;
        Files.write(paramsOf(flipped), f);
        Path fifoParams = copy(good, models.resolve("params-fifo"), null, null);
        Files.delete(paramsOf(fifoParams));
        mkfifo(fifoParams.resolve(paramsName));
        Path zeroParams = copy(good, models.resolve("params-dev-zero"), null, null);
        Files.delete(paramsOf(zeroParams));
        Files.createSymbolicLink(zeroParams.resolve(paramsName), Path.of("/dev/zero"));
        Path missingParams = copy(good, models.resolve("params-missing"), null, null);
        Files.delete(paramsOf(missingParams));
        Path fifoJson = copy(good, models.resolve("json-fifo"), null, null);
        Files.delete(fifoJson.resolve("model.json"));
        mkfifo(fifoJson.resolve("model.json"));
        Path missingJson = copy(good, models.resolve("json-missing"), null, null);
        Files.delete(missingJson.resolve("model.json"));
        Path big = copy(good, models.resolve("json-2mb"), null, null);
        Files.writeString(big.resolve("model.json"), text + " ".repeat(2 << 20));
        Path garbage = copy(good, models.resolve("json-garbage"), null, null);
        Files.writeString(garbage.resolve("model.json"), "{ \"format\": ");
        Path latin = copy(good, models.resolve("json-latin1"), null, null);
        Files.write(latin.resolve("model.json"), text.replace("relu", "r\u00e9lu").getBytes(StandardCharsets.ISO_8859_1));
        Path deep = copy(good, models.resolve("json-deep"), null, null);
        Files.writeString(deep.resolve("model.json"), "[".repeat(100_000));
        Path legacy = copy(good, models.resolve("legacy-format-1"), null, null);
        Files.move(paramsOf(legacy), legacy.resolve("model.params"));
        Files.writeString(legacy.resolve("model.json"), text.replace("\"formatVersion\": 2", "\"formatVersion\": 1")
                .replaceFirst("\\s*\"checksum\": \"[0-9a-f]{64}\",", "")
                .replaceFirst("(?s),\\s*\"files\": \\{.*\\}\\s*\\}\\s*\\}\\s*$", "\n}"));
        Files.createDirectories(models.resolve("empty-dir"));
        write(models.resolve("a-file"), "not a model directory\n");
    }

    private static void checkpoints(Path dir, Path goodCsv) throws IOException {
        Path checkpoint = dir.resolve("checkpoint");
        int status = Nntrain.run(new String[] {"train", "--dataset", "csv:" + goodCsv, "--layers", "4", "--epochs", "2",
            "--checkpoint-every", "1", "--checkpoint-dir", checkpoint.toString(), "-q", "-o",
            dir.resolve("checkpoint-run").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        if (status != 0) {
            throw new IllegalStateException("the checkpoint fixture's run failed: " + status);
        }
        copy(checkpoint, dir.resolve("checkpoint-edited"), "\"units\": 4", "\"units\": 5");
        forgedCheckpoints(dir, goodCsv);
    }

    /**
     * Checkpoints edited by hand and signed again (the checksum catches edits, it is no signature):
     * from a run of 3 epochs with --reduce-lr-on-plateau whose recorded --epochs is raised to 6, so
     * that each would resume if its edit went unnoticed. Each changes one thing of the training
     * state: the learning rate (NaN, negative, below what float32 takes), an epoch's recorded rate,
     * ReduceLROnPlateau's counts, the format number, the length.
     */
    private static void forgedCheckpoints(Path dir, Path goodCsv) throws IOException {
        Path base = dir.resolve("checkpoint-plateau");
        int status = Nntrain.run(new String[] {"train", "--dataset", "csv:" + goodCsv, "--layers", "4", "--epochs", "3",
            "--reduce-lr-on-plateau", "1", "--checkpoint-every", "1", "--checkpoint-dir", base.toString(), "-q", "-o",
            dir.resolve("checkpoint-plateau-run").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        if (status != 0) {
            throw new IllegalStateException("the plateau checkpoint fixture's run failed: " + status);
        }
        byte[] state = dev.nntrain.model.file.ModelFiles.attachment(base, "training", dev.nntrain.model.file.LoadOptions.defaults());
        TrainingState at = TrainingState.of(state);
        forge(base, dir.resolve("checkpoint-unfinished"), state); // resumable as it is: the control
        forge(base, dir.resolve("checkpoint-rate-nan"), at.withDouble(at.rate, Double.NaN));
        forge(base, dir.resolve("checkpoint-rate-negative"), at.withDouble(at.rate, -0.001));
        forge(base, dir.resolve("checkpoint-rate-1e-50"), at.withDouble(at.rate, 1e-50));
        forge(base, dir.resolve("checkpoint-rate-1e39"), at.withDouble(at.rate, 1e39));
        forge(base, dir.resolve("checkpoint-epoch-rate-negative"), at.withDouble(at.firstEpochRate, -1));
        forge(base, dir.resolve("checkpoint-epoch-rate-infinite"), at.withDouble(at.firstEpochRate, Double.POSITIVE_INFINITY));
        forge(base, dir.resolve("checkpoint-wait-negative"), at.withDouble(at.value("wait"), -1));
        forge(base, dir.resolve("checkpoint-wait-1.5"), at.withDouble(at.value("wait"), 1.5));
        forge(base, dir.resolve("checkpoint-cooldown-1e300"), at.withDouble(at.value("cooldown_counter"), 1e300));
        forge(base, dir.resolve("checkpoint-best-infinite"), at.withDouble(at.value("best"), Double.NEGATIVE_INFINITY));
        forge(base, dir.resolve("checkpoint-no-wait"), at.renamed("wait", "wain"));
        forge(base, dir.resolve("checkpoint-format-3"), at.withInt(at.version, 3));
        forge(base, dir.resolve("checkpoint-format-7"), at.withInt(at.version, 7));
        forge(base, dir.resolve("checkpoint-truncated"), java.util.Arrays.copyOf(state, at.rate + 4));
        forge(base, dir.resolve("checkpoint-padded"), java.util.Arrays.copyOf(state, state.length + 8));
        forge(base, dir.resolve("checkpoint-args-lr"), state, "\"--layers\"", "\"--lr\",\"1e-50\",\"--layers\"");
        forge(base, dir.resolve("checkpoint-args-plateau"), state, "\"--reduce-lr-on-plateau\",\"1\"",
                "\"--reduce-lr-on-plateau\",\"1:0x1p-1\"");
    }

    /** Copies a checkpoint with another training state, its recorded --epochs raised from 3 to 6, and signs it. */
    private static void forge(Path from, Path to, byte[] state) throws IOException {
        forge(from, to, state, "\"--epochs\",\"6\"", "\"--epochs\",\"6\"");
    }

    /** The same, with one more edit of the recorded options' JSON. */
    private static void forge(Path from, Path to, byte[] state, String find, String replace) throws IOException {
        try (Sequential model = Sequential.load(from)) {
            String args = model.properties().get(RecordedTraining.ARGUMENTS);
            String raised = args.replace("\"--epochs\",\"3\"", "\"--epochs\",\"6\"").replace(find, replace);
            if (raised.equals(args)) {
                throw new IllegalStateException("no --epochs 3 in " + args);
            }
            model.properties().put(RecordedTraining.ARGUMENTS, raised);
            dev.nntrain.model.file.ModelFiles.save(model, to, java.util.Map.of("training", state));
        }
    }

    /** Where the values to edit lie in a format-6 training state (see dev.nntrain.train.Checkpoint). */
    private record TrainingState(byte[] bytes, int version, int firstEpochRate, int rate, java.util.Map<String, Integer> values) {

        static TrainingState of(byte[] bytes) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            utf(b); // magic
            int version = b.position();
            if (b.getInt() != 6) {
                throw new IllegalStateException("the forged checkpoints are edited in format 6");
            }
            b.getInt(); // epoch
            b.getInt(); // batch size
            b.get(); // shuffle
            b.getLong(); // seed
            b.getInt(); // examples
            b.getLong(); // data checksum
            utf(b); // optimizer
            utf(b); // loss
            utf(b); // augmentation
            b.getLong(); // validation checksum
            utf(b); // class weights
            b.getLong(); // sample weights checksum
            b.getLong(); // random seed
            b.get(); // have next gaussian
            b.getDouble(); // next gaussian
            skip(b, 4 * b.getInt()); // order
            int epochs = b.getInt();
            int firstEpochRate = b.position() + 4 + 6 * 8; // epoch, loss, accuracy, mae, val_loss, val_accuracy, val_mae
            b.position(b.position() + epochs * (4 + 9 * 8));
            b.getLong(); // steps
            int rate = b.position();
            b.getDouble();
            int arrays = b.getInt();
            for (int i = 0; i < arrays; i++) {
                skip(b, 8 * b.getInt());
            }
            b.get(); // stopped
            java.util.Map<String, Integer> values = new java.util.HashMap<>();
            int callbacks = b.getInt();
            for (int c = 0; c < callbacks; c++) {
                utf(b);
                int n = b.getInt();
                for (int v = 0; v < n; v++) {
                    String name = utf(b);
                    int length = b.getInt();
                    values.put(name, b.position());
                    b.position(b.position() + 8 * length);
                }
            }
            return new TrainingState(bytes, version, firstEpochRate, rate, values);
        }

        private static void skip(java.nio.ByteBuffer b, int bytes) {
            b.position(b.position() + bytes);
        }

        private static String utf(java.nio.ByteBuffer b) {
            byte[] s = new byte[b.getShort()];
            b.get(s);
            return new String(s, StandardCharsets.UTF_8);
        }

        int value(String name) {
            Integer at = values.get(name);
            if (at == null) {
                throw new IllegalStateException("no callback value '" + name + "' in " + values.keySet());
            }
            return at;
        }

        byte[] withDouble(int at, double d) {
            byte[] copy = bytes.clone();
            java.nio.ByteBuffer.wrap(copy).putDouble(at, d);
            return copy;
        }

        byte[] withInt(int at, int i) {
            byte[] copy = bytes.clone();
            java.nio.ByteBuffer.wrap(copy).putInt(at, i);
            return copy;
        }

        /** Renames a callback value, keeping its length. */
        byte[] renamed(String name, String other) {
            byte[] copy = bytes.clone();
            byte[] to = other.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(to, 0, copy, value(name) - 4 - to.length, to.length);
            return copy;
        }
    }

    private static Path paramsOf(Path model) throws IOException {
        try (Stream<Path> files = Files.list(model)) {
            return files.filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow();
        }
    }

    private static Path copy(Path from, Path to, String find, String replace) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        if (find != null) {
            String text = Files.readString(to.resolve("model.json"));
            if (!text.contains(find)) {
                throw new IllegalStateException(find + " is not in " + from);
            }
            Files.writeString(to.resolve("model.json"), text.replaceFirst(java.util.regex.Pattern.quote(find),
                    Matcher.quoteReplacement(replace)));
        }
        return to;
    }

    private static void copyRegex(Path from, Path to, String regex, String replace) throws IOException {
        copy(from, to, null, null);
        String text = Files.readString(to.resolve("model.json"));
        String changed = text.replaceFirst(regex, Matcher.quoteReplacement(replace));
        if (changed.equals(text)) {
            throw new IllegalStateException(regex + " matches nothing in " + from);
        }
        Files.writeString(to.resolve("model.json"), changed);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        if (new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
    }
}
