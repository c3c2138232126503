package dev.nntrain.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JPEG's EXIF Orientation (tag 0x0112 of IFD0 in the APP1 "Exif" segment), which cameras and
 * phones set instead of turning the pixels, and which ImageIO ignores; and turning pixels by it.
 */
final class Exif {

    private Exif() {}

    /**
     * Reads the orientation of a JPEG file.
     *
     * @param file any file
     * @return 1 to 8 as the EXIF standard numbers them; 1 (as stored) for a file that is not a
     *     JPEG, has no Exif segment or no orientation tag, or whose tag is damaged or out of range
     */
    static int orientation(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readUnsignedShort() != 0xFFD8) {
                return 1; // not a JPEG
            }
            while (true) {
                int marker = in.readUnsignedShort();
                while (marker == 0xFFFF) { // fill bytes
                    marker = 0xFF00 | in.readUnsignedByte();
                }
                if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
                    return 1; // the image data starts (or the file is not as expected): no Exif before it
                }
                int length = in.readUnsignedShort() - 2;
                if (length < 0) {
                    return 1;
                }
                byte[] segment = new byte[length];
                in.readFully(segment);
                if (marker == 0xFFE1 && length >= 6 && segment[0] == 'E' && segment[1] == 'x' && segment[2] == 'i'
                        && segment[3] == 'f' && segment[4] == 0 && segment[5] == 0) {
                    return orientation(segment, 6);
                }
            }
        } catch (EOFException e) {
            return 1;
        } catch (IOException e) {
            return 1; // read() has read the file already; a failure here leaves the pixels as stored
        }
    }

    // The Orientation tag of the TIFF structure at tiff in an Exif segment, 1 if absent or damaged.
    static int orientation(byte[] b, int tiff) {
        if (b.length < tiff + 8) {
            return 1;
        }
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return 1;
        }
        long ifd = u32(b, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > b.length) {
            return 1;
        }
        int at = (int) (tiff + ifd);
        int entries = u16(b, at, little);
        for (int e = 0; e < entries; e++) {
            int entry = at + 2 + 12 * e;
            if (entry + 12 > b.length) {
                return 1;
            }
            if (u16(b, entry, little) == 0x0112) {
                int type = u16(b, entry + 2, little);
                if (type != 3 || u32(b, entry + 4, little) != 1) { // one SHORT
                    return 1;
                }
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int a = b[at] & 0xFF;
        int c = b[at + 1] & 0xFF;
        return little ? a | c << 8 : a << 8 | c;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, little ? at + 2 : at, little);
        long lo = u16(b, little ? at : at + 2, little);
        return hi << 16 | lo;
    }

    /**
     * Turns stored pixels as the orientation says a viewer shows them.
     *
     * @param px {@code w * h} values, row-major, as stored
     * @param w the stored width
     * @param h the stored height
     * @param orientation 1 to 8; from 5 on, the result is {@code h} wide and {@code w} high
     * @return the pixels as shown, row-major ({@code px} itself for orientation 1)
     */
    static float[] orient(float[] px, int w, int h, int orientation) {
        if (orientation == 1) {
            return px;
        }
        boolean turned = orientation >= 5;
        int outW = turned ? h : w;
        int outH = turned ? w : h;
        float[] out = new float[px.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }          // mirrored left to right
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }  // turned 180 degrees
                    case 4 -> { sx = x; sy = h - 1 - y; }          // mirrored top to bottom
                    case 5 -> { sx = y; sy = x; }                  // transposed
                    case 6 -> { sx = y; sy = h - 1 - x; }          // to be turned 90 degrees clockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }  // transversed
                    case 8 -> { sx = w - 1 - y; sy = x; }          // to be turned 90 degrees counter-clockwise
                    default -> throw new IllegalArgumentException("orientation " + orientation);
                }
                out[y * outW + x] = px[sy * w + sx];
            }
        }
        return out;
    }
}
