package dev.rein.formats.gguf;

import dev.rein.formats.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes a GGUF version 3 file as llama.cpp's writer lays it out: header, metadata, tensor infos, zero padding to the
 * alignment (32), then each tensor's bytes padded to the alignment. Tensors are encoded one at a time while writing,
 * so memory holds one tensor at a time; the file is written to a temporary file and renamed into place
 * ({@link AtomicFiles}).
 */
public final class GgufWriter {
    private static final int VERSION = 3;

    /**
     * One tensor to write.
     *
     * @param name    its GGUF name
     * @param type    its ggml type
     * @param shape   dims, outermost first (written innermost first)
     * @param encoded its bytes in {@code type}, produced when the tensor is written
     */
    public record Entry(String name, GgufTensorType type, int[] shape, Supplier<byte[]> encoded) {
        public Entry {
            shape = shape.clone();
        }

        long numel() {
            long numel = 1;
            for (int length : shape) numel = Math.multiplyExact(numel, length);
            return numel;
        }
    }

    private GgufWriter() {
    }

    /** Writes {@code metadata} (in map order) and {@code tensors} (in list order) to {@code target}. */
    public static void write(Path target, Map<String, GgufValue> metadata, List<Entry> tensors) throws IOException {
        int alignment = GgufHeader.DEFAULT_ALIGNMENT;
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(buffer(24).putInt(GgufHeader.MAGIC).putInt(VERSION).putLong(tensors.size())
                .putLong(metadata.size()).array());
        for (Map.Entry<String, GgufValue> entry : metadata.entrySet()) {
            writeString(head, entry.getKey());
            head.write(buffer(4).putInt(entry.getValue().type().code()).array());
            writeValue(head, entry.getValue());
        }
        long offset = 0;
        List<Long> sizes = new ArrayList<>();
        for (Entry tensor : tensors) {
            writeString(head, tensor.name());
            int[] shape = tensor.shape();
            ByteBuffer info = buffer(4 + 8 * shape.length + 4 + 8).putInt(shape.length);
            for (int d = shape.length - 1; d >= 0; d--) info.putLong(shape[d]);
            info.putInt(tensor.type().code()).putLong(offset);
            head.write(info.array());
            long size = tensor.type().byteSize(tensor.numel());
            sizes.add(size);
            offset = GgufHeader.align(offset + size, alignment);
        }
        byte[] header = head.toByteArray();
        AtomicFiles.write(target, channel -> {
            writeFully(channel, ByteBuffer.wrap(header));
            pad(channel, header.length, alignment);
            for (int i = 0; i < tensors.size(); i++) {
                Entry tensor = tensors.get(i);
                byte[] bytes = tensor.encoded().get();
                if (bytes.length != sizes.get(i)) {
                    throw new IllegalArgumentException(tensor.name() + ": encoded " + bytes.length + " bytes, but "
                            + tensor.type() + " " + java.util.Arrays.toString(tensor.shape()) + " takes "
                            + sizes.get(i));
                }
                writeFully(channel, ByteBuffer.wrap(bytes));
                pad(channel, bytes.length, alignment);
            }
        });
    }

    private static void writeValue(ByteArrayOutputStream out, GgufValue value) throws IOException {
        if (value.type() == GgufValueType.ARRAY) {
            out.write(buffer(12).putInt(value.elementType().code()).putLong(value.elements().size()).array());
            for (Object element : value.elements()) writeScalar(out, value.elementType(), element);
        } else {
            writeScalar(out, value.type(), value.value());
        }
    }

    private static void writeScalar(ByteArrayOutputStream out, GgufValueType type, Object value) throws IOException {
        switch (type) {
            case STRING -> writeString(out, (String) value);
            case BOOL -> out.write((Boolean) value ? 1 : 0);
            case FLOAT32 -> out.write(buffer(4).putFloat(((Double) value).floatValue()).array());
            case FLOAT64 -> out.write(buffer(8).putDouble((Double) value).array());
            case UINT8, INT8 -> out.write(((Long) value).intValue());
            case UINT16, INT16 -> out.write(buffer(2).putShort(((Long) value).shortValue()).array());
            case UINT32, INT32 -> out.write(buffer(4).putInt(((Long) value).intValue()).array());
            case UINT64, INT64 -> out.write(buffer(8).putLong((Long) value).array());
            case ARRAY -> throw new IllegalArgumentException("arrays of arrays are not written");
        }
    }

    private static void writeString(ByteArrayOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.write(buffer(8).putLong(utf8.length).array());
        out.write(utf8);
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void pad(FileChannel channel, long written, int alignment) throws IOException {
        int padding = (int) (GgufHeader.align(written, alignment) - written);
        if (padding > 0) writeFully(channel, ByteBuffer.allocate(padding));
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) channel.write(buffer);
    }
}
