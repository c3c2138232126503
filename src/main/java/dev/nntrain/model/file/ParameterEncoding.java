package dev.nntrain.model.file;

import dev.nntrain.model.Layer;
import dev.nntrain.model.LayerShapes;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The length in bytes of DJL's encoding of a model's parameters ({@code Block.saveParameters}),
 * worked out from the architecture alone, before anything is allocated. A loader compares it with
 * the parameter file's size, so that a model file cannot make nntrain allocate or read more than
 * its architecture needs, and a truncated or padded file is refused before it is decoded.
 *
 * <p>What DJL 0.36 writes, depth first from the model's {@link SequentialBlock} (read from its
 * sources and held to its output, for every layer type and both data types, by a test):
 *
 * <ul>
 *   <li>per block: a version byte, its metadata, its own parameters, then its children;
 *   <li>metadata: by default the block's input shapes (an int count, then each shape); a
 *       sequential block adds a boolean; a {@code Linear} block writes instead its units and input
 *       features (two longs) and its input shape without the last axis;
 *   <li>a shape: an int rank, one long per axis, an int layout length and one char per axis;
 *   <li>per parameter: the char {@code P}, a version byte, the name, then the array: the magic
 *       string {@code NDAR}, an int version, a byte saying a name follows, the name, the sparse
 *       format's name, the data type's name, the shape, a byte-order byte, an int length and the
 *       values.
 * </ul>
 *
 * Strings are Java's {@code writeUTF}: a two-byte length, then the bytes. Only ranks, names and
 * the number of values matter, never the sizes themselves.
 */
final class ParameterEncoding {

    private ParameterEncoding() {}

    /**
     * Computes the encoded length of a model's parameters.
     *
     * @param layers the layers
     * @param shapes their shapes for the model's input
     * @param dataType the parameters' type
     * @return the number of bytes {@code saveParameters} writes
     */
    static long size(List<Layer> layers, LayerShapes shapes, DataType dataType) {
        int inputRank = shapes.input().length + 1; // with the batch axis
        long total = 1 + inputShapes(inputRank) + 1; // the sequential block: version, shapes, flag
        for (int i = 0; i < layers.size(); i++) {
            List<Block> blocks = layers.get(i).toBlocks(0);
            List<Shape> parameterShapes = shapes.parameters(i);
            int next = 0;
            for (int b = 0; b < blocks.size(); b++) {
                Block block = blocks.get(b);
                // the layer's first block takes the layer's input, the rest (an activation) its output
                int rank = (b == 0 ? shapes.input(i).length : shapes.output(i).length) + 1;
                total += 1 + metadata(block, rank);
                for (Parameter p : block.getParameters().values()) {
                    Shape shape = parameterShapes.get(next++);
                    total += parameter(p.getName(), shape, dataType);
                }
            }
        }
        return total;
    }

    private static long metadata(Block block, int inputRank) {
        if (block instanceof Linear) {
            return 8 + 8 + shape(inputRank - 1);
        }
        if (block instanceof SequentialBlock) {
            throw new IllegalStateException("nested sequential blocks are not counted");
        }
        return inputShapes(inputRank);
    }

    private static long inputShapes(int rank) {
        return 4 + shape(rank);
    }

    private static long shape(int rank) {
        return 4 + 8L * rank + 4 + 2L * rank;
    }

    private static long parameter(String name, Shape shape, DataType dataType) {
        long header = 2 + 1 + utf(name);
        long array = utf("NDAR") + 4 + 1 + utf(name) + utf("DENSE") + utf(dataType.name())
                + shape(shape.dimension()) + 1 + 4;
        return header + array + shape.size() * dataType.getNumOfBytes();
    }

    private static long utf(String s) {
        return 2 + s.getBytes(StandardCharsets.UTF_8).length;
    }
}
