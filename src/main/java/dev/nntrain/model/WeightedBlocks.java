package dev.nntrain.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

import java.util.ArrayList;
import java.util.List;

/** The blocks of a layer with a kernel and a bias: the weighted block, then its activation. */
final class WeightedBlocks {

    private WeightedBlocks() {}

    /**
     * Initialises a weighted block as Keras does (Glorot-uniform kernel drawn from the layer's
     * seed unless another initialiser is given, zero bias) and appends the activation's block.
     *
     * @param weighted a Linear or convolution block
     * @param kernelInitializer a custom kernel initialiser, or null
     * @param seed the layer's seed for the default initialiser
     * @param activation the activation after the block
     * @return the blocks, in order
     */
    static List<Block> of(Block weighted, Initializer kernelInitializer, long seed, Activation activation) {
        weighted.setInitializer(
                kernelInitializer != null ? kernelInitializer : new GlorotUniform(seed), Parameter.Type.WEIGHT);
        weighted.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        List<Block> blocks = new ArrayList<>();
        blocks.add(weighted);
        Block act = activation.toBlock();
        if (act != null) {
            blocks.add(act);
        }
        return blocks;
    }
}
