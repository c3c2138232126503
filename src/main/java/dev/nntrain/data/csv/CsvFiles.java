package dev.nntrain.data.csv;

import dev.nntrain.data.DataFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens a CSV file for {@link Csv} as UTF-8 text, refusing before any parsing what is not: a
 * missing file or a directory, a file too large for the heap, UTF-16 or UTF-32 text, an archive,
 * a binary file, and the first byte that is not UTF-8 (naming its line).
 */
final class CsvFiles {

    private CsvFiles() {}

    /** Bytes of Java heap reading needs per byte of CSV, at worst (a file of one-digit cells). */
    private static final int HEAP_PER_BYTE = 8;

    /** What is read from an opened file, named for messages. */
    interface Contents<T> {
        T read(Reader reader, String name) throws IOException;
    }

    static <T> T open(Path file, Contents<T> contents) {
        Objects.requireNonNull(file, "file");
        String problem = dev.nntrain.InputFiles.problem(file);
        if (problem != null) {
            throw new DataFormatException(problem.equals("does not exist") ? file + ": no such file"
                    : file + " " + problem + "; expected a CSV file");
        }
        try {
            long size = Files.size(file);
            long heap = Runtime.getRuntime().maxMemory();
            if (size > heap / HEAP_PER_BYTE) {
                throw new DataFormatException(String.format(
                        "%s: %,d bytes; reading it may need %,d MB of Java heap and this JVM may use %,d MB"
                                + " (raise it with java -Xmx)", file, size, size * HEAP_PER_BYTE >> 20, heap >> 20));
            }
            checkEncoding(file);
            checkUtf8(file);
            java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
            try (BufferedReader reader = new BufferedReader(
                    new java.io.InputStreamReader(Files.newInputStream(file), utf8))) {
                return contents.read(reader, file.toString());
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file + ": no such file", e);
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot read: " + dev.nntrain.InputFiles.reason(e), e);
        }
    }

    /**
     * Names the format of a file that is not UTF-8 text from its first bytes: a byte-order mark of
     * UTF-16 or UTF-32, a gzip or zip archive, or a NUL byte, which text never holds.
     */
    private static void checkEncoding(Path file) throws IOException {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8192);
        }
        int b0 = head.length > 0 ? head[0] & 0xff : -1;
        int b1 = head.length > 1 ? head[1] & 0xff : -1;
        String format = null;
        if (head.length >= 4 && ((b0 == 0xff && b1 == 0xfe && head[2] == 0 && head[3] == 0)
                || (b0 == 0 && b1 == 0 && (head[2] & 0xff) == 0xfe && (head[3] & 0xff) == 0xff))) {
            format = "UTF-32 text; save it as UTF-8";
        } else if ((b0 == 0xff && b1 == 0xfe) || (b0 == 0xfe && b1 == 0xff)) {
            format = "UTF-16 text; save it as UTF-8";
        } else if (b0 == 0x1f && b1 == 0x8b) {
            format = "gzip-compressed; decompress it first (gunzip)";
        } else if (b0 == 'P' && b1 == 'K' && head.length >= 4 && head[2] == 3 && head[3] == 4) {
            format = "a zip archive (a spreadsheet?); export it as CSV";
        } else {
            for (int i = 0; i < head.length; i++) {
                if (head[i] == 0) {
                    format = "a binary file, not text (a NUL byte at offset " + i + ")";
                    break;
                }
            }
        }
        if (format != null) {
            throw new DataFormatException(file + " is " + format + "; expected a CSV text file");
        }
    }

    /**
     * Finds the first byte that is not UTF-8 and names its line: a reader cannot, since it decodes
     * ahead of the line it hands out. One pass over the file, before it is parsed.
     */
    private static void checkUtf8(Path file) throws IOException {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(1 << 16);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(1 << 16);
        long line = 1;
        try (java.nio.channels.ReadableByteChannel channel = Files.newByteChannel(file)) {
            boolean end = false;
            while (!end) {
                end = channel.read(in) < 0;
                in.flip();
                java.nio.charset.CoderResult result;
                do {
                    int start = in.position();
                    result = decoder.decode(in, out, end);
                    for (int i = start; i < in.position(); i++) {
                        if (in.get(i) == '\n') {
                            line++;
                        }
                    }
                    if (result.isError()) {
                        throw new DataFormatException(String.format("%s: line %d is not UTF-8 text (byte 0x%02x; Latin-1"
                                + " or another encoding?); save the file as UTF-8", file, line, in.get(in.position()) & 0xff));
                    }
                    out.clear();
                } while (result.isOverflow());
                in.compact();
            }
        }
    }

    static String readLine(BufferedReader in, String name, int lineNumber) throws IOException {
        try {
            return in.readLine();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DataFormatException(name + ": line " + lineNumber + " is not UTF-8 text (Latin-1 or another"
                    + " encoding?); save the file as UTF-8", e);
        }
    }
}
