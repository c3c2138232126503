package hello;
import dev.nntrain.data.*;
import dev.nntrain.model.*;
import dev.nntrain.model.layer.*;
import dev.nntrain.train.*;
import dev.nntrain.train.loss.*;
import dev.nntrain.train.optimizer.*;
public class Hello {
    public static void main(String[] args) {
        Examples blobs = Synthetic.blobs(42); // the course's four classes in 2-D
        Sequential model = Sequential.of(Dense.of(16, Activation.RELU), Dense.of(4));
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            net.fit(blobs, FitOptions.epochs(20));
            System.out.println(net.evaluate(blobs).format());
        }
    }
}
