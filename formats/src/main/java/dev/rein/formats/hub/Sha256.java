package dev.rein.formats.hub;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The sha256 check of LFS files: the Hub names an LFS file (every safetensors file) by the sha256 of its content,
 * which is its ETag, so a download whose digest differs is corrupt.
 */
final class Sha256 {
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER_BYTES = 1 << 20;

    private Sha256() {
    }

    /** Whether {@code etag} is a sha256 digest in hex, as the ETags of LFS files are. */
    static boolean isSha256(String etag) {
        return HEX_64.matcher(etag).matches();
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** Feeds the first {@code length} bytes of {@code file} to {@code digest} (the part of a resumed download). */
    static void update(MessageDigest digest, FileChannel file, long length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        for (long position = 0; position < length; ) {
            buffer.clear().limit((int) Math.min(BUFFER_BYTES, length - position));
            int read = file.read(buffer, position);
            if (read < 0) throw new IOException("the file ended at byte " + position + " of " + length);
            position += read;
            digest.update(buffer.flip());
        }
    }

    /** The digest in lowercase hex, as the Hub writes it. */
    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
