package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.EarlyStoppingNanThroughoutTest;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.callback.EarlyStopping;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The line {@code train} prints about early stopping names the epoch whose weights the model
 * keeps. With the validation loss NaN in every epoch, Keras keeps the first epoch's weights (see
 * {@link EarlyStoppingNanThroughoutTest}), so after a stop at epoch 3 the line must say epoch 1.
 */
class EarlyStoppingReportTest {

    @Test
    void aValidationLossNanThroughoutReportsTheFirstEpochsWeights() {
        Sequential model = Sequential.builder()
                .addAll(Dense.of(16, Activation.RELU), Dense.of(3)).optSeed(3).build();
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.02))) {
            EarlyStopping stop = new EarlyStopping("val_loss", 3, 0, true);
            History history = net.fit(EarlyStoppingNanThroughoutTest.noise(60, 1), FitOptions.builder().optEpochs(20)
                    .optSeed(4).optValidationData(EarlyStoppingNanThroughoutTest.noise(50, 2))
                    .addCallback(EarlyStoppingNanThroughoutTest.nanValLoss(stop)).build());
            StringWriter text = new StringWriter();
            try (PrintWriter out = new PrintWriter(text)) {
                TrainCommand.reportStop(out, stop, 3, history);
            }
            assertEquals("Stopped early after epoch 3: the validation loss did not improve for 3 epochs;"
                    + " kept epoch 1's weights (no finite val_loss)", text.toString().strip());
        }
    }
}
