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
        String value = Utils.getEnvOrSystemProperty(VARIABLE);
        boolean set = value != null && !value.isEmpty();
        requireUsable(Utils.getCacheDir(), describe(), set
                ? "set " + VARIABLE + " to a folder you can write, or unset it for ~/.djl.ai"
                : "set " + VARIABLE + " to a folder you can write");
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
        Objects.requireNonNull(root, "root");
        Path top = root.toAbsolutePath().normalize();
        Path needed = top.resolve("cache");
        Path existing = needed;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        String wrong = null;
        if (existing != null && !Files.isDirectory(existing)) {
            if (existing.equals(top)) {
                wrong = top + " is a file, not a folder";
            } else if (existing.equals(needed)) {
                wrong = needed + " is a file where DJL keeps its folders";
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
}
