package dev.nntrain.model.file;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SHA-256 that a model file carries of itself. It is computed over the file's bytes with its
 * own value written as 64 zeros, and stored in the field {@value #FIELD}; since the file also
 * records the SHA-256 of every other file of the model, this one value covers the architecture
 * and the parameters alike. Any edit shows: a changed activation, a layer's units, a deleted
 * field. It detects corruption and careless edits; it is not a signature, since whoever edits the
 * file can also compute a new checksum.
 */
final class ConfigChecksum {

    /** The JSON field that holds the checksum. */
    static final String FIELD = "checksum";

    /** The value written while the checksum is computed. */
    static final String PLACEHOLDER = "0".repeat(64);

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private ConfigChecksum() {}

    /**
     * Fills in the checksum of a file written with {@link #PLACEHOLDER} as its value.
     *
     * @param text the file's text, holding {@code "checksum": "000...0"} once
     * @return the text with the checksum in place of the zeros
     */
    static String seal(String text) {
        String field = field(PLACEHOLDER);
        int at = text.indexOf(field);
        if (at < 0 || text.indexOf(field, at + 1) >= 0) {
            throw new IllegalStateException("the text must hold the checksum placeholder once");
        }
        return text.replace(field, field(sha256(text.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Checks a file's checksum.
     *
     * @param text the file's text
     * @param value the checksum field's value as parsed from it
     * @return null if it matches, else why not
     */
    static String mismatch(String text, Object value) {
        if (!(value instanceof String s) || !HEX64.matcher(s).matches()) {
            return "its checksum is not 64 hexadecimal digits";
        }
        String field = field(s);
        int at = text.indexOf(field);
        if (at < 0) {
            return "its checksum field is not written as nntrain writes it";
        }
        String zeroed = text.substring(0, at) + field(PLACEHOLDER) + text.substring(at + field.length());
        return sha256(zeroed.getBytes(StandardCharsets.UTF_8)).equals(s) ? null : "it was changed after it was saved";
    }

    private static String field(String value) {
        return "\"" + FIELD + "\": \"" + value + "\"";
    }

    /**
     * Computes a SHA-256.
     *
     * @param bytes the data
     * @return the digest in lowercase hexadecimal
     */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
