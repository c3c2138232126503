package dev.nntrain.data;

/** JPEG files with an EXIF orientation, written by hand for the tests that read them. */
public final class ExifJpeg {

    private ExifJpeg() {}

    /**
     * A JPEG with an APP1 Exif segment put after its SOI marker, holding one IFD0 entry: the
     * Orientation, a SHORT, in the byte order given.
     *
     * @param jpeg a JPEG file's bytes
     * @param orientation the tag's value, 1 to 8 (others are written as given)
     * @param littleEndian whether the TIFF header says II (else MM)
     * @return the file with the segment
     */
    public static byte[] withOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        java.nio.ByteBuffer tiff = java.nio.ByteBuffer.allocate(8 + 2 + 12 + 4)
                .order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M');
        tiff.putShort((short) 42).putInt(8);                  // header: IFD0 at offset 8
        tiff.putShort((short) 1);                             // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);                                       // no next IFD
        byte[] exif = "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.capacity();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(jpeg, 0, 2);                                // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(exif);
        out.writeBytes(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
