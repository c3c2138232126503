package dev.nntrain;

import ai.djl.util.Utils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

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
        Path needed = sub == null ? top : top.resolve(sub);
        Path existing = needed;
        // without following a last link: a broken one is there, and is what is wrong
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        String wrong = null;
        if (existing != null && Files.isSymbolicLink(existing) && !Files.exists(existing)) {
            wrong = existing + brokenLink(existing);
            if (existing.equals(needed) && !existing.equals(top)) {
                wrong += ", where DJL keeps a folder";
            } else if (!existing.equals(top)) {
                wrong += ", so " + top + " cannot be created below it";
            }
        } else if (existing != null && !Files.isDirectory(existing)) {
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
                String reason = InputFiles.reason(e);
                if (e instanceof NoSuchFileException && Files.isDirectory(parent)) {
                    // /proc/self: the folder is there, but its file system answers mkdir with ENOENT
                    reason = "its file system allows none there (mkdir answers \"" + reason + "\" although "
                            + parent + " exists)";
                }
                wrong = "cannot create folders in " + parent + ": " + reason;
            }
        }
        if (wrong != null) {
            throw new InvalidInputException(name + " cannot hold DJL's cache: " + wrong + "; " + fix);
        }
    }

    /**
     * Says what is wrong with a symbolic link that leads nowhere, following its chain of links as
     * the kernel does (up to 40).
     */
    private static String brokenLink(Path link) {
        Path first = null;
        Path at = link.toAbsolutePath();
        Set<Path> seen = new HashSet<>();
        for (int hops = 0; hops < 40; hops++) {
            if (!seen.add(at)) {
                return " is a symbolic link loop";
            }
            Path target;
            try {
                target = Files.readSymbolicLink(at);
            } catch (IOException | UnsupportedOperationException e) {
                break;
            }
            if (first == null) {
                first = target;
            }
            Path next = at.getParent() == null ? target : at.getParent().resolve(target).normalize();
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                return " is a symbolic link to " + first + ", which does not exist"
                        + (hops == 0 ? "" : " (its links end at " + next + ")");
            }
            if (!Files.isSymbolicLink(next)) {
                return " is a symbolic link to " + first + ", which cannot be reached";
            }
            at = next;
        }
        return first == null ? " is a broken symbolic link" : " is a symbolic link loop";
    }

    /**
     * Says what keeps DJL from writing {@code failed}, a path under the cache root {@code root}
     * that the root check passed: a folder on the way that is a file, a broken link, or a folder
     * that cannot be entered or written; {@code folder} when DJL meant {@code failed} as a folder.
     */
    private static String below(Path root, Path failed, boolean folder) {
        Path at = root;
        for (Path part : root.relativize(failed)) {
            Path next = at.resolve(part);
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isDirectory(at) && !(Files.isWritable(at) && Files.isExecutable(at))) {
                    return "cannot create folders in " + at + ": permission denied";
                }
                return null;
            }
            if (Files.isSymbolicLink(next) && !Files.exists(next)) {
                return next + brokenLink(next) + (next.equals(failed) && !folder ? "" : ", where DJL keeps a folder");
            }
            if (!next.equals(failed) || folder) {
                if (!Files.isDirectory(next)) {
                    return next + " is a file where DJL keeps a folder";
                }
                if (!Files.isExecutable(next)) {
                    return "cannot enter " + next + ": permission denied";
                }
            } else if (Files.isDirectory(next) && !(Files.isWritable(next) && Files.isExecutable(next))) {
                return "cannot write in " + next + ": permission denied";
            } else if (!Files.isDirectory(next) && !Files.isWritable(next)) {
                return "cannot write " + next + ": permission denied";
            }
            at = next;
        }
        return null;
    }

    /**
     * Says whether a failure came from DJL's cache folder (or its engine cache folder, {@code
     * ENGINE_CACHE_DIR}, by default the same) being unusable: DJL unpacks or downloads PyTorch's
     * native library there, and reports a file that cannot be written as a failure to load it; it
     * prepares data sets there, and reports a folder it cannot create by its bare path.
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
            Path dataRoot = Utils.getCacheDir().toAbsolutePath().normalize();
            Path engineRoot = engineSet ? Utils.getEngineCacheDir().toAbsolutePath().normalize() : null;
            // the deeper root, where one holds the other; a failure on a folder above a root (a
            // broken link on the way to it) is that root's
            boolean engine = engineRoot != null && related(failed, engineRoot)
                    && (!related(failed, dataRoot) || engineRoot.startsWith(dataRoot));
            Path root = engine ? engineRoot : dataRoot;
            if (!related(failed, root)) {
                continue;
            }
            String name = engine ? "ENGINE_CACHE_DIR=" + engineValue : describe();
            String fix = engine
                    ? "set ENGINE_CACHE_DIR to a folder you can write, or unset it for " + VARIABLE + "'s"
                    : fix();
            try {
                requireUsable(root, failed.startsWith(root) && !failed.equals(root)
                        ? root.relativize(failed).getName(0).toString() : null, name, fix);
            } catch (InvalidInputException x) {
                return x.getMessage();
            }
            // DJL's createDirectories says a file is in the way so
            boolean folder = f instanceof java.nio.file.FileAlreadyExistsException;
            String wrong = failed.startsWith(root) ? below(root, failed, folder) : null;
            if (wrong != null) {
                return name + " cannot hold DJL's cache: " + wrong + "; " + fix;
            }
        }
        return null;
    }

    /** Whether {@code failed} is {@code root}, a path under it or a folder above it. */
    private static boolean related(Path failed, Path root) {
        return failed.startsWith(root) || root.startsWith(failed);
    }
}
