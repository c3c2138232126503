package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * One optimiser's run on a cost of two parameters, for {@link OptimizerCharts}.
 *
 * @param name the optimiser, as the legend shows it, e.g. {@code Adam (0.001)}
 * @param lossPerStep the cost after each step (step 0 may be the start), finite
 * @param path the parameters {w1, w2} at the start and after each step, finite
 */
public record OptimizerTrace(String name, double[] lossPerStep, List<double[]> path) {

    /**
     * Checks the run and copies its path.
     *
     * @param name the optimiser's name
     * @param lossPerStep the cost after each step
     * @param path the parameters {w1, w2} at the start and after each step
     * @throws InvalidInputException if the name is blank, a series is empty, a loss or a
     *     parameter is NaN or infinite, or a point of the path is not a pair
     */
    public OptimizerTrace {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("optimizer name is '" + name + "'; expected a name");
        }
        Inputs.requireNonEmpty(lossPerStep.length, name + " loss per step");
        Inputs.requireFinite(lossPerStep, name + " loss per step");
        Inputs.requirePoints(path.toArray(new double[0][]), name + " path");
        lossPerStep = lossPerStep.clone();
        List<double[]> copy = new ArrayList<>(path.size());
        for (double[] p : path) {
            copy.add(p.clone());
        }
        path = List.copyOf(copy);
    }

    /** @return a copy of the cost after each step */
    @Override
    public double[] lossPerStep() {
        return lossPerStep.clone();
    }
}
