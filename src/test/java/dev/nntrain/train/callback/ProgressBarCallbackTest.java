package dev.nntrain.train.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * nntrain declares the progress bar library optional, so an application that depends on nntrain
 * does not have it unless it adds it: constructing the callback then says which dependency to add.
 */
class ProgressBarCallbackTest {

    @Test
    void withoutTheProgressBarLibraryTheConstructorNamesTheDependency() throws Exception {
        // nntrain's own classes without its dependencies, as a dependant that lacks the optional one sees them
        URL classes = ProgressBarCallback.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> callback = loader.loadClass(ProgressBarCallback.class.getName());
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> callback.getConstructor().newInstance());
            assertEquals(IllegalStateException.class, e.getCause().getClass(), String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains(ProgressBarCallback.DEPENDENCY), e.getCause().getMessage());
        }
    }

    @Test
    void withTheLibraryItConstructs() {
        new ProgressBarCallback(System.err, 200);
    }
}
