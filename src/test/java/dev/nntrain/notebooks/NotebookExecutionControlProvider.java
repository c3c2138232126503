package dev.nntrain.notebooks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.execution.LocalExecutionControlProvider;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution ({@link LocalExecutionControlProvider}, engine "local"), with one
 * change: every snippet of a JShell runs on the same thread, as IJava runs a notebook's cells on its
 * executor thread.
 *
 * <p>The JDK's {@link LocalExecutionControl} starts a new thread for each snippet, and PyTorch keeps
 * some settings per thread: the OpenMP thread count that {@code Engines.setThreads} sets, and
 * whether gradients are recorded. With a thread per snippet the notebook's setup cell would not
 * carry over to the next cell, and the course's tiny models would train on OpenMP's default
 * thread count, some thirty times slower than on one thread.
 */
final class NotebookExecutionControlProvider implements ExecutionControlProvider {

    @Override
    public String name() {
        return "nntrain-notebook";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new SameThreadExecutionControl();
    }

    /** Runs user code on one thread of its own, kept for the life of the JShell. */
    private static final class SameThreadExecutionControl extends LocalExecutionControl {

        private final ExecutorService cells = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "notebook-cells");
            thread.setDaemon(true);
            return thread;
        });

        @Override
        protected String invoke(Method doit) throws Exception {
            Future<Object> result = cells.submit(() -> doit.invoke(null));
            try {
                return valueString(result.get());
            } catch (ExecutionException e) {
                // the snippet's own exception arrives wrapped in an InvocationTargetException, which
                // the caller unwraps and reports as JShell always does
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                throw new InvocationTargetException(cause);
            }
        }

        @Override
        public void close() {
            cells.shutdownNow();
            super.close();
        }
    }
}
