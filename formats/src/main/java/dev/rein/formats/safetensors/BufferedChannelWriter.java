package dev.rein.formats.safetensors;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Streams bytes to a channel through one 1 MiB buffer, counting them, so that the writers can take tensor bytes
 * in pieces of any size (a row, a whole tensor, a batch of random numbers) and still write in large blocks.
 */
final class BufferedChannelWriter implements StreamedTensor.ByteSink {
    private final WritableByteChannel out;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private final MemorySegment bufferSegment = MemorySegment.ofBuffer(buffer);
    private long written;

    BufferedChannelWriter(WritableByteChannel out) {
        this.out = out;
    }

    void write(byte[] bytes) throws IOException {
        write(MemorySegment.ofArray(bytes));
    }

    @Override
    public void write(MemorySegment bytes) throws IOException {
        long offset = 0;
        long length = bytes.byteSize();
        while (length > 0) {
            int chunk = (int) Math.min(length, buffer.remaining());
            MemorySegment.copy(bytes, offset, bufferSegment, buffer.position(), chunk);
            buffer.position(buffer.position() + chunk);
            offset += chunk;
            length -= chunk;
            if (!buffer.hasRemaining()) {
                flush();
            }
        }
        written += bytes.byteSize();
    }

    /** Bytes taken so far, whether or not they have left the buffer yet. */
    long written() {
        return written;
    }

    /** Writes out whatever the buffer holds. */
    void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }
}
