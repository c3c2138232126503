package dev.nntrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.data.RandomShift;
import dev.nntrain.data.Standardizer;
import dev.nntrain.data.csv.Csv;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.ParameterStorage;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.KerasWeights;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every public entry point of {@code dev.nntrain.model} and {@code dev.nntrain.data} that takes
 * objects, called with nulls, says which argument was null: a {@link NullPointerException} whose
 * message is the argument's name, as {@code Objects.requireNonNull(x, "x")} gives, not one thrown
 * deep inside ("Cannot read the array length because "rows" is null") or no failure at all.
 *
 * <p>The static methods and constructors of every public class are called with every object
 * argument null and the numbers at small valid values (1, 0.5), the builders' methods on a fresh
 * builder, and the instance methods of the classes an application holds (examples, a CSV reader,
 * a standardizer, a model and its weights); the layers' own methods, which the model calls, are
 * left out.
 */
class NullArgumentsTest {

    /** Entry points where null means something, each with what it means. */
    private static final Map<String, String> NULL_ALLOWED = Map.of(
            "Dropout.named", "the default name, as Dropout.of gives",
            "Flatten.named", "the default name, as Flatten.of gives",
            "WeightedLayer.Builder.optName", "the default name, such as dense_2",
            "MaxPool2D.Builder.optName", "the default name, such as max_pooling2d_1",
            "WeightedLayer.Builder.optKernelInitializer", "the seeded Glorot uniform default",
            "WeightedLayer.Builder.optKernelRegularizer", "no regularizer, as a coefficient of 0",
            "Sequential.Builder.optDevice", "DJL's default device",
            "LoadOptions.Builder.optDevice", "DJL's default device",
            "LayerConfig.format", "it formats a JSON value, and JSON's null is a value",
            "Examples.withFeatureColumns", "features that are numbers as given, no columns");

    private static final Set<String> PACKAGES = Set.of("model", "model.layer", "model.weights", "model.file", "data", "data.csv", "data.mnist",
            "train.metric", "train.tune");

    @Test
    void nullArgumentsAreNamed() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (Sequential model = Sequential.builder().add(Dense.of(1)).optInputShape(1).optSeed(1).build()) {
            // instances of the classes whose instance methods are called too
            Map<Class<?>, Object> instances = Map.of(
                    Examples.class, Examples.of(new float[][] {{1}}, new int[] {0}),
                    Csv.class, Csv.classification(),
                    Standardizer.class, Standardizer.of(new float[] {0}, new float[] {1}),
                    MnistSource.class, MnistSource.mnist(Path.of("nowhere")),
                    RandomShift.class, new RandomShift(1),
                    Sequential.class, model,
                    KerasWeights.class, model.weights(),
                    ParameterStorage.class, model.parameters());
            for (Class<?> c : publicClasses()) {
                if (Throwable.class.isAssignableFrom(c)) {
                    continue; // exceptions take a message, which may be null
                }
                Object target = c.getSimpleName().equals("Builder") ? newBuilder(c) : instances.get(c);
                List<Executable> entries = new ArrayList<>(List.of(c.getDeclaredConstructors()));
                // a builder's inherited methods are its own (WeightedLayer.Builder's for Dense's)
                entries.addAll(List.of(target != null && c.getSimpleName().equals("Builder")
                        ? c.getMethods() : c.getDeclaredMethods()));
                for (Executable e : entries) {
                    boolean isStatic = e instanceof Constructor || Modifier.isStatic(e.getModifiers());
                    if (!Modifier.isPublic(e.getModifiers()) || e.isSynthetic() || (!isStatic && target == null)
                            || !e.getDeclaringClass().getName().startsWith("dev.nntrain.")
                            || (c.isEnum() && e.getName().equals("valueOf"))
                            || Stream.of(e.getParameterTypes()).allMatch(Class::isPrimitive)) {
                        continue;
                    }
                    String name = simpleName(e.getDeclaringClass()) + "." + (e instanceof Constructor ? "<init>" : e.getName());
                    if (NULL_ALLOWED.containsKey(name)) {
                        continue;
                    }
                    checked++;
                    String problem = callWithNulls(e, isStatic ? null : target);
                    if (problem != null) {
                        problems.add(signature(name, e) + ": " + problem);
                    }
                }
            }
        }
        assertTrue(checked > 100, "the scan found the entry points: " + checked);
        assertEquals(List.of(), problems);
    }

    @Test
    void theReviewersCasesNameTheirArgument() {
        assertEquals("activation", assertThrows(NullPointerException.class, () -> Dense.of(4, (String) null)).getMessage());
        assertEquals("x", assertThrows(NullPointerException.class, () -> Examples.of((float[][]) null, new int[] {0}))
                .getMessage());
        assertEquals("model", assertThrows(NullPointerException.class,
                () -> BatchedInference.outputs(null, new float[][] {{1}})).getMessage());
    }

    /** {@code Sequential.Builder} for the nested class. */
    private static String simpleName(Class<?> c) {
        return c.getEnclosingClass() == null ? c.getSimpleName() : simpleName(c.getEnclosingClass()) + "." + c.getSimpleName();
    }

    /** Null for every object argument; returns null if the NPE names an argument, else what happened. */
    private static String callWithNulls(Executable e, Object target) {
        Object[] args = new Object[e.getParameterCount()];
        Class<?>[] types = e.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            args[i] = small(types[i]);
        }
        try {
            if (e instanceof Constructor<?> k) {
                k.newInstance(args);
            } else {
                ((Method) e).invoke(target, args);
            }
            return "accepted the nulls";
        } catch (InvocationTargetException thrown) {
            Throwable t = thrown.getCause();
            if (t instanceof NullPointerException && t.getMessage() != null && t.getMessage().matches("[a-zA-Z][a-zA-Z0-9]*")) {
                return null;
            }
            return t.toString();
        } catch (ReflectiveOperationException thrown) {
            return thrown.toString();
        }
    }

    /** A small valid value of a primitive type (sizes, counts and rates), null for an object. */
    private static Object small(Class<?> type) {
        if (type == int.class) {
            return 1;
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == double.class) {
            return 0.5;
        }
        if (type == float.class) {
            return 0.5f;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == byte.class) {
            return (byte) 1;
        }
        if (type == char.class) {
            return ','; // a CSV separator
        }
        return null;
    }

    private static Object newBuilder(Class<?> builder) throws ReflectiveOperationException {
        // a builder made by its layer's builder(); an abstract one (WeightedLayer's) has none
        Class<?> owner = builder.getEnclosingClass();
        for (Method m : owner == null ? new Method[0] : owner.getMethods()) {
            if (m.getName().equals("builder") && m.getParameterCount() == 0 && Modifier.isStatic(m.getModifiers())) {
                return m.invoke(null);
            }
        }
        return null;
    }

    private static String signature(String name, Executable e) {
        return name + "(" + String.join(",", Stream.of(e.getParameterTypes()).map(Class::getSimpleName).toList()) + ")";
    }

    /** The public classes, nested ones included, of the two packages, from the compiled classes. */
    private static List<Class<?>> publicClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Examples.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        for (String pkg : PACKAGES) {
            try (Stream<Path> files = Files.list(root.resolve("dev/nntrain/" + pkg.replace('.', '/')))) {
                for (Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    if (!file.endsWith(".class") || file.matches(".*\\$[0-9].*")) {
                        continue;
                    }
                    Class<?> c = Class.forName("dev.nntrain." + pkg + "." + file.substring(0, file.length() - 6), false,
                            NullArgumentsTest.class.getClassLoader());
                    if (isPublic(c)) {
                        classes.add(c);
                    }
                }
            }
        }
        return classes;
    }

    private static boolean isPublic(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }
}
