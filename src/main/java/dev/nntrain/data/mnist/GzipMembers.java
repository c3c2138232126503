package dev.nntrain.data.mnist;

import dev.nntrain.data.DataFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Gunzips a file as gzip(1) does, one member after another (RFC 1952), but strictly: bytes after
 * the last member that do not start another member are refused, naming their byte offset, where
 * the JDK's {@code GZIPInputStream} silently drops them and gzip(1) warns ("trailing garbage
 * ignored") and exits with status 2. Only zero bytes (padding) may follow, as gzip(1) accepts them
 * silently. Reserved header flag bits are refused, as RFC 1952 asks. A member's CRC-32 and length
 * are checked; a member cut short ends in an {@link EOFException}, corrupt data in a
 * {@link ZipException}.
 */
final class GzipMembers extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int FRESERVED = 0xe0;

    private final Path file;
    private final InputStream raw;
    private final byte[] buf;
    private int pos;
    private int len;
    private long bufStart; // the file offset of buf[0]
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberOut;
    private long memberStart;
    private boolean done;

    /**
     * Opens the first member.
     *
     * @param file the file, for messages
     * @param raw its bytes from the start (not buffered by the caller's gzip layer)
     * @param bufferSize the read buffer size
     */
    GzipMembers(Path file, InputStream raw, int bufferSize) throws IOException {
        this.file = file;
        this.raw = raw;
        this.buf = new byte[bufferSize];
        try {
            readHeader(readByte(), readByte());
        } catch (IOException | RuntimeException e) {
            inflater.end(); // the caller closes raw
            throw e;
        }
    }

    private long offset() {
        return bufStart + pos;
    }

    private boolean fill() throws IOException {
        bufStart += len;
        pos = 0;
        len = 0;
        int n;
        do {
            n = raw.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        len = n;
        return true;
    }

    /** @return the next byte, or -1 at the end of the file */
    private int readByte() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private int needByte(String where) throws IOException {
        int b = readByte();
        if (b < 0) {
            throw new EOFException("the file ends inside the gzip " + where + " of the member at byte offset " + memberStart);
        }
        return b;
    }

    private void readHeader(int id1, int id2) throws IOException {
        memberStart = offset() - 2;
        if (id1 != 0x1f || id2 != 0x8b) {
            throw new ZipException("not in gzip format");
        }
        int method = needByte("header");
        if (method != 8) {
            throw new ZipException("unsupported compression method " + method + " in the member at byte offset " + memberStart);
        }
        int flags = needByte("header");
        if ((flags & FRESERVED) != 0) {
            throw new ZipException(String.format("reserved header flag bits 0x%02x set in the member at byte offset %d"
                    + " (RFC 1952: a reader must refuse them, as gzip -d does)",
                    flags & FRESERVED, memberStart));
        }
        for (int i = 0; i < 6; i++) { // mtime, extra flags, OS
            needByte("header");
        }
        if ((flags & FEXTRA) != 0) {
            int n = needByte("header") | needByte("header") << 8;
            for (int i = 0; i < n; i++) {
                needByte("header");
            }
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                while (needByte("header") != 0) {
                    // a zero-terminated name or comment
                }
            }
        }
        if ((flags & FHCRC) != 0) {
            needByte("header");
            needByte("header");
        }
        inflater.reset();
        crc.reset();
        memberOut = 0;
    }

    private long readLittleInt(String where) throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) needByte(where) << (8 * i);
        }
        return v;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        while (!done) {
            if (inflater.needsInput()) {
                if (pos == len && !fill()) {
                    throw new EOFException("the file ends inside the compressed data of the member at byte offset " + memberStart);
                }
                inflater.setInput(buf, pos, len - pos);
                pos = len;
            }
            int got;
            try {
                got = inflater.inflate(b, off, n);
            } catch (java.util.zip.DataFormatException e) {
                throw new ZipException(e.getMessage() + " in the member at byte offset " + memberStart);
            }
            if (got > 0) {
                crc.update(b, off, got);
                memberOut += got;
                return got;
            }
            if (inflater.finished()) {
                pos = len - inflater.getRemaining();
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("the member at byte offset " + memberStart + " needs a preset dictionary");
            }
        }
        return -1;
    }

    private void endMember() throws IOException {
        long expectedCrc = readLittleInt("trailer");
        long expectedSize = readLittleInt("trailer");
        if (expectedCrc != crc.getValue()) {
            throw new ZipException(String.format("CRC-32 mismatch in the member at byte offset %d"
                    + " (stored %08x, computed %08x)", memberStart, expectedCrc, crc.getValue()));
        }
        if (expectedSize != (memberOut & 0xffffffffL)) {
            throw new ZipException("length mismatch in the member at byte offset " + memberStart);
        }
        long after = offset();
        int id1 = readByte();
        if (id1 < 0) {
            done = true;
            return;
        }
        if (id1 == 0x1f) {
            int id2 = readByte();
            if (id2 == 0x8b) {
                readHeader(id1, id2); // another member: gzip(1) concatenates them
                return;
            }
        }
        // zero padding (a tape block, a fixed-size image) is accepted silently by gzip -d, as by
        // the JDK's GZIPInputStream; anything else is garbage
        boolean zeros = id1 == 0;
        while (pos < len || fill()) { // count what is left without keeping it
            for (int i = pos; zeros && i < len; i++) {
                zeros = buf[i] == 0;
            }
            pos = len;
        }
        if (zeros) {
            done = true;
            return;
        }
        long total = bufStart - after; // bufStart is now the file's size
        throw new DataFormatException(String.format(
                "%s: %d byte%s of trailing garbage at byte offset %d, after the gzip data ends"
                        + " (gzip -d warns \"trailing garbage ignored\" and exits with status 2); expected"
                        + " the file to end there, or only zero bytes after it: re-create it, or cut it to"
                        + " its first %d bytes",
                file, total, total == 1 ? "" : "s", after, after));
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        raw.close();
    }
}
