package dev.rein.formats.llama2c;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Recognises, from their first bytes, the other formats a {@code .bin} or weights file may hold, because a llama2.c
 * file has no signature of its own (its version 0 starts directly with the model's dimensions): a safetensors file
 * and PyTorch's {@code torch.save} files (a zip archive, or a bare pickle in the legacy format).
 */
final class ForeignFormats {
    /** Bytes {@link #describe} looks at. */
    static final int PREFIX_BYTES = 9;
    private static final int ZIP_SIGNATURE = 0x04034b50;
    /** PROTO 2, then LONG1 of 10 bytes: the start of the magic number a legacy {@code torch.save} pickles first. */
    private static final int LEGACY_TORCH_SIGNATURE = 0x0a8a0280;
    private static final ValueLayout.OfLong UINT64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ForeignFormats() {
    }

    /**
     * What the file is, when its first bytes show another format, e.g. {@code "a safetensors file"}.
     *
     * @param start    the file's first bytes (at least {@link #PREFIX_BYTES} of them when the file has that many)
     * @param fileSize the size of the whole file
     */
    static Optional<String> describe(MemorySegment start, long fileSize) {
        long available = start.byteSize();
        if (available >= PREFIX_BYTES) {
            long headerLength = start.get(UINT64, 0);
            boolean fits = headerLength > 0 && headerLength <= fileSize - 8;
            if (fits && start.get(ValueLayout.JAVA_BYTE, 8) == '{') return Optional.of("a safetensors file");
        }
        if (available >= 4 && start.get(INT32, 0) == ZIP_SIGNATURE) {
            return Optional.of("a zip archive (PyTorch's torch.save format), which Rein does not read; convert it "
                    + "to safetensors");
        }
        if (available >= 4 && start.get(INT32, 0) == LEGACY_TORCH_SIGNATURE) {
            return Optional.of("a Python pickle (PyTorch's legacy torch.save format), which Rein does not read; "
                    + "convert it to safetensors");
        }
        return Optional.empty();
    }
}
