package dev.nntrain.model.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes a directory of files so that a process killed at any moment leaves either the complete
 * old set or the complete new set at the path, never a mixture and never nothing, the way Git
 * updates a branch.
 *
 * <p>The set is one <em>commit file</em> that names the others, and data files whose names derive
 * from their content (so a new version never overwrites a file the current commit file names).
 * Replacing a set: each data file is written under a temporary name, flushed to disk and renamed
 * into place; then the commit file likewise, whose rename is the moment the new set takes over;
 * then the files no commit file names any more are deleted. Writing a set where none exists: the
 * whole directory is built under a temporary name beside it and renamed into place. Temporary
 * files and directories left by a killed write, and files a killed write did not get to delete,
 * are removed by the next write.
 *
 * <p>One writer at a time per directory; readers need no lock.
 */
final class DirectoryCommit {

    /** A step of a write; tests stop a write at each one to play a kill there. */
    @FunctionalInterface
    interface Hook {
        /**
         * Called after each change on disk.
         *
         * @param step what was just done, e.g. {@code "renamed model.json"}
         * @throws IOException to fail the write there
         */
        void reached(String step) throws IOException;
    }

    /** No hook. */
    static final Hook NONE = step -> {};

    private static final String TMP = ".tmp-";
    private static final String LEGACY_OLD = ".old-";

    private DirectoryCommit() {}

    /**
     * Writes the files, then the commit file, then removes what no longer belongs.
     *
     * @param dir the directory
     * @param files the data files by name, written first
     * @param commitName the commit file's name
     * @param commit the commit file's bytes, written last
     * @param owned whether a file name in the directory belongs to such a set (anything else in
     *     the directory makes the write refuse, so that a user's folder is never cleaned out)
     * @param hook called after every step
     * @throws IOException if writing fails; the previous set is then still in place
     */
    static void write(Path dir, Map<String, byte[]> files, String commitName, byte[] commit,
            Predicate<String> owned, Hook hook) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null) {
            throw new IOException("cannot write into the root directory " + target);
        }
        Files.createDirectories(parent);
        removeLeftoverSiblings(target, owned, hook);
        if (!Files.exists(target)) {
            writeFresh(target, files, commitName, commit, hook);
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new IOException(target + " exists and is not a directory");
        }
        checkOwned(target, owned);
        removeTemporaries(target, owned, hook);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            replaceFile(target, f.getKey(), f.getValue(), hook);
        }
        syncDirectory(target);
        replaceFile(target, commitName, commit, hook);
        syncDirectory(target);
        try (Stream<Path> list = Files.list(target)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (!name.equals(commitName) && !files.containsKey(name)) {
                    Files.deleteIfExists(p);
                    hook.reached("deleted " + name);
                }
            }
        }
    }

    /** Builds the whole directory beside the target and renames it into place. */
    private static void writeFresh(Path target, Map<String, byte[]> files, String commitName,
            byte[] commit, Hook hook) throws IOException {
        Path tmp = Files.createDirectory(temporary(target.getParent(), target.getFileName().toString()));
        hook.reached("created " + tmp.getFileName());
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                writeDurably(tmp.resolve(f.getKey()), f.getValue());
                hook.reached("wrote " + f.getKey());
            }
            writeDurably(tmp.resolve(commitName), commit);
            hook.reached("wrote " + commitName);
            syncDirectory(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            hook.reached("renamed " + tmp.getFileName());
            syncDirectory(target.getParent());
        } catch (IOException | RuntimeException e) {
            // a kill skips this; the next write removes what it leaves
            deleteTree(tmp);
            throw e;
        }
    }

    /** Writes one file under a temporary name in the directory, then renames it over the old one. */
    private static void replaceFile(Path dir, String name, byte[] bytes, Hook hook) throws IOException {
        Path tmp = temporary(dir, name);
        try {
            writeDurably(tmp, bytes);
            hook.reached("wrote " + tmp.getFileName());
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            hook.reached("renamed " + name);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    // Not Files.createTemp*: those make files only their owner may read, and a saved model should
    // get the permissions any file the user writes gets.
    private static Path temporary(Path dir, String name) {
        return dir.resolve("." + name + TMP + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()));
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
    }

    /** Makes a rename durable: the directory's entry must reach the disk too (POSIX only). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory; its renames are flushed with the volume
        }
    }

    /**
     * Throws if the directory holds anything that is not part of such a set.
     *
     * @param dir an existing directory
     * @param owned which names belong to a set
     * @throws IOException naming the directory
     */
    static void checkOwned(Path dir, Predicate<String> owned) throws IOException {
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (!(owned.test(name) || isTemporary(name, owned)) || Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    foreign.add(name);
                }
            }
        }
        if (!foreign.isEmpty()) {
            foreign.sort(null);
            throw new IOException(dir + " holds other files (" + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                    + (foreign.size() > 3 ? ", ..." : "") + "); refusing to replace it");
        }
    }

    /** Whether a name is one {@link #temporary} gives a file of a set: {@code .NAME.tmp-HEX}. */
    private static boolean isTemporary(String name, Predicate<String> owned) {
        int at = name.lastIndexOf(TMP);
        return name.startsWith(".") && at > 1 && owned.test(name.substring(1, at))
                && name.substring(at + TMP.length()).matches("[0-9a-f]+");
    }

    private static void removeTemporaries(Path dir, Predicate<String> owned, Hook hook) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (isTemporary(name, owned) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                    hook.reached("deleted " + name);
                }
            }
        }
    }

    /**
     * Removes the hidden directories a killed write left beside the target: this class's
     * temporary directories and the {@code .old-} directories of earlier nntrain versions, each
     * only if it holds nothing but files of a set.
     */
    private static void removeLeftoverSiblings(Path target, Predicate<String> owned, Hook hook) throws IOException {
        String prefix = "." + target.getFileName();
        try (Stream<Path> list = Files.list(target.getParent())) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                boolean ours = name.startsWith(prefix + TMP) || name.startsWith(prefix + LEGACY_OLD);
                if (ours && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        checkOwned(p, owned);
                    } catch (IOException foreign) {
                        continue; // not ours after all: leave it
                    }
                    deleteTree(p);
                    hook.reached("deleted " + name);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException ignored) {
                    // something appeared meanwhile; leave it
                }
            }
        }
    }
}
