package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.mnist.Idx;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * An input the model does not take is named with the option it came in, how many values it has,
 * the model's directory and what it expects; a value its scaling cannot take is named by the CSV
 * column or option it came from; and a damaged scaling by the model file and property.
 */
class CliInputSizeTest {

    @TempDir
    static Path tmp;

    /** A CSV model of two features, the second constant in training (standard deviation 1e-7). */
    static Path csvModel;
    /** A model of 784 pixel values, as train saves MNIST models. */
    static Path imageModel;

    @BeforeAll
    static void models() throws IOException {
        StringBuilder rows = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 20; i++) {
            rows.append(i).append(",5,").append(i % 2).append('\n');
        }
        Path csv = Files.writeString(tmp.resolve("constant.csv"), rows);
        csvModel = tmp.resolve("csv-model");
        CliRun run = CliRun.of("train", "--dataset", "csv:" + csv, "--epochs", "1", "-q", "-o", csvModel.toString());
        assertEquals(0, run.status(), run.err());

        imageModel = tmp.resolve("image-model");
        Sequential model = Sequential.builder().optSeed(1).add(Dense.of(10)).build();
        model.build(784);
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam())) {
            net.save(imageModel);
        }
    }

    @Test
    void anImageForACsvModel() throws IOException {
        Path png = tmp.resolve("digit.png");
        BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 4; y < 24; y++) {
            digit.getRaster().setSample(14, y, 0, 255); // a "1": a blank picture is refused before its size is
        }
        ImageIO.write(digit, "png", png.toFile());
        CliRun.of("predict", "-m", csvModel.toString(), "--image", png.toString())
                .assertBadInput("--image " + png + " gives 784 values", "model " + csvModel + " expects 2",
                        "(2,)", "--features");
    }

    @Test
    void featuresForAnImageModel() {
        CliRun.of("predict", "-m", imageModel.toString(), "--features", "200,13.9")
                .assertBadInput("--features gives 2 values", "model " + imageModel + " expects 784", "--image, --images or --idx");
        CliRun.of("predict", "-m", csvModel.toString(), "--features", "200")
                .assertBadInput("--features gives 1 value ", "model " + csvModel + " expects 2");
    }

    @Test
    void anIdxImageOfAnotherSize() throws IOException {
        Path idx = tmp.resolve("small-images-idx3-ubyte");
        Idx.writeImages(idx, 10, 10, new byte[2 * 100]);
        CliRun.of("predict", "-m", imageModel.toString(), "--idx", idx.toString(), "--index", "0")
                .assertBadInput("--idx " + idx + " image 0 has 100 values (10x10 pixels)",
                        "model " + imageModel + " expects 784");
    }

    @Test
    void aValueTheScalingCannotTakeIsNamedByItsColumnOrOption() throws IOException {
        // column b was 5 in every training row: 1e35 standardizes to (1e35 - 5) / 1e-7 = 1e42, past a float
        StringBuilder rows = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 20; i++) {
            rows.append(i).append(",1e35,").append(i % 2).append('\n');
        }
        Path other = Files.writeString(tmp.resolve("other.csv"), rows);
        CliRun.of("evaluate", "-m", csvModel.toString(), "--dataset", "csv:" + other)
                .assertBadInput(other + " column 2", "1.0E35", "beyond the 32-bit float range", "--no-normalize");
        CliRun.of("predict", "-m", csvModel.toString(), "--features", "1,1e35")
                .assertBadInput("--features value 2", "1.0E35", "beyond the 32-bit float range");
    }

    /**
     * A model trained with an ignored id column, evaluated on files that leave it out: the value
     * is named by the column it is in in that file. By hand: in "a,b,label" column b is the 2nd;
     * in "id,a,b,label" the 3rd; in the headerless "a,b,label" rows again the 2nd.
     */
    @Test
    void aValueInAFileWithoutTheIgnoredColumnIsNamedByItsOwnColumn() throws IOException {
        for (boolean header : new boolean[] {true, false}) {
            StringBuilder rows = new StringBuilder(header ? "id,a,b,label\n" : "");
            for (int i = 0; i < 20; i++) {
                rows.append(100 + i).append(',').append(i).append(",5,").append(i % 2).append('\n');
            }
            Path csv = Files.writeString(tmp.resolve("ids-" + header + ".csv"), rows);
            Path model = tmp.resolve("ids-model-" + header);
            CliRun run = CliRun.of("train", "--dataset", "csv:" + csv, "--ignore-column", header ? "id" : "0",
                    "--epochs", "1", "-q", "-o", model.toString());
            assertEquals(0, run.status(), run.err());
            StringBuilder without = new StringBuilder(header ? "a,b,label\n" : "");
            StringBuilder with = new StringBuilder(header ? "id,a,b,label\n" : "");
            for (int i = 0; i < 20; i++) {
                without.append(i).append(",1e35,").append(i % 2).append('\n');
                with.append(100 + i).append(',').append(i).append(",1e35,").append(i % 2).append('\n');
            }
            Path noId = Files.writeString(tmp.resolve("no-id-" + header + ".csv"), without);
            CliRun.of("evaluate", "-m", model.toString(), "--dataset", "csv:" + noId)
                    .assertBadInput(noId + " column 2 ", "1.0E35", "beyond the 32-bit float range");
            Path withId = Files.writeString(tmp.resolve("with-id-" + header + ".csv"), with);
            CliRun.of("evaluate", "-m", model.toString(), "--dataset", "csv:" + withId)
                    .assertBadInput(withId + " column 3 ", "1.0E35", "beyond the 32-bit float range");
        }
    }

    @Test
    void anEditedScalingNamesTheModelFileAndProperty() throws IOException {
        Path edited = tmp.resolve("edited");
        Files.createDirectories(edited);
        try (var files = Files.list(csvModel)) {
            for (Path f : files.toList()) {
                Files.copy(f, edited.resolve(f.getFileName()));
            }
        }
        Path json = edited.resolve("model.json");
        String text = Files.readString(json);
        String changed = text.replaceFirst("\"input_variance\": \"[^\",]*,", "\"input_variance\": \"-1.0,");
        assertTrue(!changed.equals(text), text);
        Files.writeString(json, changed);
        CliRun.of("predict", "-m", edited.toString(), "--no-verify", "--features", "1,5")
                .assertBadInput(json + ": properties input_mean and input_variance: feature 1", "variance -1.0");
    }
}
