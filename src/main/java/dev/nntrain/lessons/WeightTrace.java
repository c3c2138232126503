package dev.nntrain.lessons;

import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.TrainingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link Callback} that copies every dense layer's weights before training and after each
 * epoch, to watch parameters move. With a batch as large as the data set, an epoch is exactly one
 * optimiser step, so the snapshots are the weights step by step.
 *
 * <p>Each snapshot reads the weights from the engine, which waits for the queued steps: meant for
 * small models and short runs.
 */
public final class WeightTrace implements Callback {

    private final List<List<LayerWeights>> snapshots = new ArrayList<>();

    /** Creates an empty trace. */
    public WeightTrace() {}

    @Override
    public void onTrainBegin(TrainingContext context) {
        // a second fit continues the same trace; its starting weights are the last snapshot
        if (snapshots.isEmpty()) {
            snapshots.add(context.model().model().weights().all());
        }
    }

    @Override
    public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        snapshots.add(context.model().model().weights().all());
    }

    /**
     * Returns the snapshots.
     *
     * @return the weights before training, then after each epoch; each a list of the dense layers'
     *     weights, input to output
     */
    public List<List<LayerWeights>> snapshots() {
        return Collections.unmodifiableList(snapshots);
    }
}
