package dev.nntrain;

import ai.djl.util.Utils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Checks DJL's cache folder, which the environment variable (or system property)
 * {@code DJL_CACHE_DIR} sets and which is {@code ~/.djl.ai} by default: DJL prepares the MNIST
 * files there, and nntrain writes the embedded MNIST subset and its repository metadata there.
 * A cache that cannot be written is refused in one line naming {@code DJL_CACHE_DIR}, its value
 * and what is wrong, where the JDK would say only "Not a directory" or name a folder below it.
 */
public final class DjlCache {

    /** The variable that sets DJL's cache folder. */
    public static final String VARIABLE = "DJL_CACHE_DIR";

    private DjlCache() {}

    /**
     * Says which cache folder is meant, for messages: {@code DJL_CACHE_DIR=VALUE} when it is set,
     * else DJL's default folder.
     *
     * @return e.g. {@code DJL_CACHE_DIR=/etc/passwd}
     */
    public static String describe() {
        String value = Utils.getEnvOrSystemProperty(VARIABLE);
        if (value == null || value.isEmpty()) {
            return "DJL's default cache folder " + Utils.getCacheDir() + " (" + VARIABLE + " is not set)";
        }
        return VARIABLE + "=" + value;
    }

    /**
     * Checks that DJL's cache folder ({@link Utils#getCacheDir()}) can hold the folders DJL and
     * nntrain write in it, creating its {@code cache} folder when absent.
     *
     * @throws InvalidInputException if it cannot: one line naming {@code DJL_CACHE_DIR}, its
     *     value and what is wrong
     */
    public static void requireUsable() {
        requireUsable(Utils.getCacheDir(), describe(), fix());
    }

    private static String fix() {
        String value = Utils.getEnvOrSystemProperty(VARIABLE);
        return value != null && !value.isEmpty()
                ? "set " + VARIABLE + " to a folder you can write, or unset it for ~/.djl.ai"
                : "set " + VARIABLE + " to a folder you can write";
    }

    /**
     * Checks that a cache root can hold the folders DJL and nntrain write in it ({@code cache/...}),
     * creating its {@code cache} folder when absent.
     *
     * @param root the cache root
     * @param name what to call it in the message, e.g. {@code DJL_CACHE_DIR=/x}
     * @param fix what to do, ending the message
     * @throws InvalidInputException if it cannot: one line naming {@code name} and what is wrong
     */
    public static void requireUsable(Path root, String name, String fix) {
        requireUsable(root, "cache", name, fix);
    }

    private static void requireUsable(Path root, String sub, String name, String fix) {
        Objects.requireNonNull(root, "root");
        Path top = root.toAbsolutePath().normalize();
        Path needed = top.resolve(sub);
        Path existing = needed;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        String wrong = null;
        if (existing != null && !Files.isDirectory(existing)) {
            if (existing.equals(top)) {
                wrong = top + " is a file, not a folder";
            } else if (existing.equals(needed)) {
                wrong = needed + " is a file where DJL keeps a folder";
            } else {
                wrong = existing + " is a file, so " + top + " cannot be created below it";
            }
        } else {
            try {
                Files.createDirectories(needed);
                if (!Files.isWritable(needed)) {
                    wrong = "cannot write in " + needed + ": permission denied";
                }
            } catch (IOException e) {
                Path parent = existing == null ? needed : existing;
                wrong = "cannot create folders in " + parent + ": " + InputFiles.reason(e);
            }
        }
        if (wrong != null) {
            throw new InvalidInputException(name + " cannot hold DJL's cache: " + wrong + "; " + fix);
        }
    }

    /**
     * Says whether a failure came from DJL's cache folder (or its engine cache folder, {@code
     * ENGINE_CACHE_DIR}, by default the same) being unusable: DJL unpacks or downloads PyTorch's
     * native library there, and reports a file that cannot be written as a failure to load it.
     *
     * @param e the failure
     * @return one line naming the variable, its value and what is wrong, or {@code null} when the
     *     failure names no file under the cache or the cache looks usable
     */
    public static String problem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!(t instanceof java.nio.file.FileSystemException f) || f.getFile() == null) {
                continue;
            }
            Path failed;
            try {
                failed = Path.of(f.getFile()).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException bad) {
                continue;
            }
            String engineValue = Utils.getEnvOrSystemProperty("ENGINE_CACHE_DIR");
            boolean engineSet = engineValue != null && !engineValue.isEmpty();
            Path root = (engineSet ? Utils.getEngineCacheDir() : Utils.getCacheDir()).toAbsolutePath().normalize();
            if (!failed.startsWith(root) || failed.equals(root)) {
                continue;
            }
            String name = engineSet ? "ENGINE_CACHE_DIR=" + engineValue : describe();
            try {
                requireUsable(root, root.relativize(failed).getName(0).toString(), name, engineSet
                        ? "set ENGINE_CACHE_DIR to a folder you can write, or unset it for " + VARIABLE + "'s"
                        : fix());
            } catch (InvalidInputException x) {
                return x.getMessage();
            }
        }
        return null;
    }
}
