package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.callback.EarlyStopping;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A checkpoint of format 3, the last one before the learning rate was recorded, still resumes.
 * The fixture was written by the release before format 4: a fit of 2 epochs of the fit below,
 * with the same early stopping (whose state it holds) and a training checkpoint every epoch.
 */
class CheckpointFormat3Test {

    @TempDir
    Path tmp;

    /** Copies the fixture into a folder of its own, as a user's checkpoint folder. */
    static Path fixture(Path tmp) throws IOException {
        Path dir = tmp.resolve("format3");
        Files.createDirectories(dir);
        for (String name : new String[] {"model.json", "parameters-d12f61bf3882adfb.params", "training-ac31d3f87ea22996.bin"}) {
            try (InputStream in = CheckpointFormat3Test.class.getResourceAsStream("checkpoint-format3/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir;
    }

    /** y = 2 x0 - 3 x1 + 0.5 at 40 points, as the format-2 fixture's fit (TrainingMaeTest). */
    static Examples data() {
        float[][] x = new float[40][2];
        float[][] y = new float[40][1];
        for (int i = 0; i < 40; i++) {
            x[i][0] = (i % 7) / 7f;
            x[i][1] = (i % 5) / 5f;
            y[i][0] = 2 * x[i][0] - 3 * x[i][1] + 0.5f;
        }
        return Examples.of(x, y);
    }

    static CompiledModel net() {
        Sequential model = Sequential.builder().addAll(Dense.of(4, Activation.RELU), Dense.of(1)).optInputShape(2).optSeed(5).build();
        return CompiledModel.compile(model, new MeanSquaredError(), new Adam(0.01));
    }

    @Test
    void aFormatThreeCheckpointResumesAsTheUninterruptedFit() throws IOException {
        Path dir = fixture(tmp);
        assertEquals(2, Checkpoint.read(dir).epoch());
        try (CompiledModel net = net()) {
            History h = net.fit(data(), FitOptions.builder().optEpochs(4).optBatchSize(8).optSeed(9).optVerbose(0)
                    .optValidationSplit(0.25).addCallback(new EarlyStopping("val_loss", 10, 0, false)).optResumeFrom(dir).build());
            // the same fit of 4 epochs without a stop, printed by the release that wrote the fixture
            double[] releaseLoss = {1.3937602996826173, 1.2883504231770833, 1.1961626688639322, 1.111847178141276};
            double[] releaseValLoss = {0.3543217182159424, 0.3332970440387726, 0.3103260397911072, 0.29029035568237305};
            double[] releaseMae = {0.988621711730957, 0.9499752044677734, 0.912499745686849, 0.8799105326334635};
            for (int e = 0; e < 4; e++) {
                assertEquals(releaseLoss[e], h.loss()[e], 1e-6, "loss, epoch " + (e + 1));
                assertEquals(releaseValLoss[e], h.valLoss()[e], 1e-6, "val_loss, epoch " + (e + 1));
                assertEquals(releaseMae[e], h.meanAbsoluteError()[e], 1e-6, "mae, epoch " + (e + 1));
            }
            // format 3 recorded no rate: its epochs have none, and the resumed ones run at the compiled rate
            assertTrue(Double.isNaN(h.learningRate()[0]) && Double.isNaN(h.learningRate()[1]), Arrays.toString(h.learningRate()));
            assertEquals(0.01, h.learningRate()[2]);
            assertEquals(0.01, h.learningRate()[3]);
        }
    }
}
