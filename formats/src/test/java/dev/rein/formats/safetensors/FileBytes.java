package dev.rein.formats.safetensors;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds raw safetensors file contents by hand, for tests that need exact or deliberately broken bytes. */
final class FileBytes {
    private FileBytes() {
    }

    /** The 8-byte little-endian header length, the header as UTF-8 (unpadded), then {@code data}. */
    static byte[] file(String header, byte[] data) {
        return file(header.getBytes(StandardCharsets.UTF_8), data);
    }

    /** Like {@link #file(String, byte[])} with {@code dataBytes} bytes counting 0, 1, 2, ... */
    static byte[] file(String header, int dataBytes) {
        byte[] data = new byte[dataBytes];
        for (int i = 0; i < dataBytes; i++) {
            data[i] = (byte) i;
        }
        return file(header, data);
    }

    static byte[] file(byte[] header, byte[] data) {
        return concat(lengthField(header.length), header, data);
    }

    static byte[] lengthField(long length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Little-endian bytes of F32 values. */
    static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }
}
