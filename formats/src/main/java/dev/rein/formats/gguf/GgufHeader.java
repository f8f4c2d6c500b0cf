package dev.rein.formats.gguf;

import dev.rein.formats.FormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated header of a GGUF file (versions 2 and 3): the metadata, the tensor infos and where the data section
 * starts. {@link #read} checks every count, length, type code, dim and offset against the bytes that are there
 * before anything is allocated or any tensor is touched, so that a bad file fails with one {@link FormatException}
 * naming the file and field instead of an enormous allocation, an out-of-bounds access or wrong values later.
 *
 * <p>Layout (little-endian): {@code "GGUF"}, uint32 version, uint64 tensor count, uint64 metadata count; each
 * metadata entry a string key, a uint32 value type and the value (a string is a uint64 length and UTF-8 bytes, an
 * array a uint32 element type, a uint64 count and the elements); each tensor info a string name, a uint32 dim count
 * (1 to 4), that many uint64 dims (innermost first), a uint32 ggml type and a uint64 offset into the data section,
 * a multiple of {@code general.alignment} (default 32). The data section starts at the first multiple of the
 * alignment after the header; the tensors tile it, each starting at the first aligned offset after the previous one.
 */
record GgufHeader(int version, GgufMetadata metadata, List<GgufTensorInfo> tensors, long dataStart, int alignment) {
    static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    static final String ALIGNMENT_KEY = "general.alignment";
    static final int DEFAULT_ALIGNMENT = 32;
    static final int MAX_DIMS = 4;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16 =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** The fewest bytes a metadata entry takes: an empty key, a type code and a one-byte value. */
    private static final int MIN_ENTRY_BYTES = 8 + 4 + 1;
    /** The fewest bytes a tensor info takes: an empty name, one dim, a type code and an offset. */
    private static final int MIN_TENSOR_INFO_BYTES = 8 + 4 + 8 + 4 + 8;

    /** Reads and validates the header of {@code file}, whose whole content is {@code contents}. */
    static GgufHeader read(Path file, MemorySegment contents) {
        return new Reader(file, contents).read();
    }

    /** A cursor over the file that checks every read against its end. */
    private static final class Reader {
        private final Path file;
        private final MemorySegment contents;
        private long position;

        Reader(Path file, MemorySegment contents) {
            this.file = file;
            this.contents = contents;
        }

        GgufHeader read() {
            long size = contents.byteSize();
            if (size < 4 || contents.get(U32, 0) != MAGIC) {
                throw new FormatException(file, null, "not a GGUF file: it does not start with the magic \"GGUF\"");
            }
            position = 4;
            long version = u32("header.version");
            if (version == 1) {
                throw error("header.version", "version 1 (32-bit counts, 2023) is not supported; convert the "
                        + "model again with a current llama.cpp to get version 3");
            }
            if (version != 2 && version != 3) {
                throw error("header.version", Integer.reverseBytes((int) version) == 2
                        || Integer.reverseBytes((int) version) == 3
                        ? "a big-endian GGUF file, which Rein does not read (it reads little-endian files)"
                        : "unsupported version " + version + "; Rein reads versions 2 and 3");
            }
            long tensorCount = count("header.tensor_count", MIN_TENSOR_INFO_BYTES);
            long entryCount = count("header.metadata_kv_count", MIN_ENTRY_BYTES);
            Map<String, GgufValue> values = new LinkedHashMap<>();
            for (long i = 0; i < entryCount; i++) {
                String key = string("metadata[" + i + "].key");
                String field = "metadata[" + i + "] (" + printable(key) + ")";
                if (values.containsKey(key)) throw error(field, "the key appears twice");
                GgufValueType type = valueType(field + ".type");
                values.put(key, value(field, type));
            }
            GgufMetadata metadata = new GgufMetadata(file, values);
            int alignment = alignment(metadata);
            List<GgufTensorInfo> tensors = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (long i = 0; i < tensorCount; i++) {
                GgufTensorInfo info = tensorInfo(i, alignment);
                if (!names.add(info.name())) throw error(printable(info.name()), "two tensors have this name");
                tensors.add(info);
            }
            long dataStart = align(position, alignment);
            if (dataStart > size && !tensors.isEmpty()) {
                throw error("header", "the file ends at byte " + size + ", before the data section at " + dataStart
                        + " (truncated?)");
            }
            checkTiling(tensors, alignment, Math.max(0, size - dataStart));
            return new GgufHeader((int) version, metadata, List.copyOf(tensors), dataStart, alignment);
        }

        private GgufTensorInfo tensorInfo(long index, int alignment) {
            String name = string("tensor_infos[" + index + "].name");
            String field = "tensor_infos[" + index + "] (" + printable(name) + ")";
            long dims = u32(field + ".n_dimensions");
            if (dims < 1 || dims > MAX_DIMS) {
                throw error(field + ".n_dimensions", "expected 1 to " + MAX_DIMS + " dims, found " + dims);
            }
            int[] shape = new int[(int) dims];
            for (int d = 0; d < dims; d++) {
                long length = u64(field + ".dimensions");
                if (length < 1 || length > Integer.MAX_VALUE) {
                    throw error(field + ".dimensions", "dim " + d + " is " + Long.toUnsignedString(length)
                            + "; expected 1 to " + Integer.MAX_VALUE);
                }
                shape[shape.length - 1 - d] = (int) length;
            }
            long code = u32(field + ".type");
            GgufTensorType type = GgufTensorType.ofCode(code);
            if (type == null) throw error(field + ".type", "unknown ggml tensor type " + code);
            if (shape[shape.length - 1] % type.blockElements() != 0) {
                throw error(field + ".dimensions", "rows of " + shape[shape.length - 1] + " elements do not fill "
                        + type + " blocks of " + type.blockElements());
            }
            long offset = u64(field + ".offset");
            if (offset < 0 || offset % alignment != 0) {
                throw error(field + ".offset", "offset " + Long.toUnsignedString(offset) + " is not a multiple of "
                        + "the alignment " + alignment);
            }
            try {
                long numel = 1;
                for (int length : shape) numel = Math.multiplyExact(numel, length);
                type.byteSize(numel);
            } catch (ArithmeticException overflow) {
                throw error(field + ".dimensions", "the tensor needs more than 2^63 bytes");
            }
            return new GgufTensorInfo(name, type, shape, offset);
        }

        /** Tensors sorted by offset start at 0 and each at the first aligned offset after the previous one. */
        private void checkTiling(List<GgufTensorInfo> tensors, int alignment, long dataSize) {
            List<GgufTensorInfo> sorted = new ArrayList<>(tensors);
            sorted.sort(Comparator.comparingLong(GgufTensorInfo::offset));
            long expected = 0;
            for (GgufTensorInfo tensor : sorted) {
                if (tensor.offset() != expected) {
                    String why = tensor.offset() < expected ? " (it overlaps the tensor before it)"
                            : " (the next aligned offset after the tensor before it)";
                    throw error(printable(tensor.name()), "data at offset " + tensor.offset() + ", expected "
                            + expected + why);
                }
                long end = tensor.offset() + tensor.byteSize();
                if (end > dataSize) {
                    throw error(printable(tensor.name()), "data [" + tensor.offset() + ", " + end + ") reach past "
                            + "the end of the data section, which holds " + dataSize + " bytes (truncated?)");
                }
                expected = align(end, alignment);
            }
            long lastEnd = sorted.isEmpty() ? 0 : sorted.getLast().offset() + sorted.getLast().byteSize();
            if (dataSize > expected) {
                throw error(null, (dataSize - lastEnd) + " bytes follow the last tensor's data; expected at most "
                        + "the padding to the alignment " + alignment);
            }
        }

        private int alignment(GgufMetadata metadata) {
            GgufValue value = metadata.values().get(ALIGNMENT_KEY);
            if (value == null) return DEFAULT_ALIGNMENT;
            if (value.type() != GgufValueType.UINT32) {
                throw error(ALIGNMENT_KEY, "expected a UINT32, found " + value.describe());
            }
            long alignment = (Long) value.value();
            if (alignment < 1 || Long.bitCount(alignment) != 1 || alignment > (1 << 20)) {
                throw error(ALIGNMENT_KEY, "expected a power of two up to 2^20, found " + alignment);
            }
            return (int) alignment;
        }

        private GgufValue value(String field, GgufValueType type) {
            if (type != GgufValueType.ARRAY) return new GgufValue(type, null, scalar(field, type));
            GgufValueType elementType = valueType(field + ".element_type");
            if (elementType == GgufValueType.ARRAY) throw error(field, "arrays of arrays are not supported");
            long count = count(field + ".count", elementType == GgufValueType.STRING ? 8 : elementType.byteSize());
            List<Object> elements = new ArrayList<>((int) Math.min(count, 1 << 20));
            for (long i = 0; i < count; i++) {
                elements.add(scalar(field + "[" + i + "]", elementType));
            }
            return GgufValue.ofArray(elementType, elements);
        }

        private Object scalar(String field, GgufValueType type) {
            return switch (type) {
                case UINT8 -> (long) (bytes(field, 1).get(ValueLayout.JAVA_BYTE, 0) & 0xFF);
                case INT8 -> (long) bytes(field, 1).get(ValueLayout.JAVA_BYTE, 0);
                case UINT16 -> (long) (bytes(field, 2).get(U16, 0) & 0xFFFF);
                case INT16 -> (long) bytes(field, 2).get(U16, 0);
                case UINT32 -> u32(field);
                case INT32 -> (long) bytes(field, 4).get(U32, 0);
                case UINT64 -> {
                    long value = u64(field);
                    if (value < 0) throw error(field, "UINT64 " + Long.toUnsignedString(value) + " exceeds 2^63 - 1");
                    yield value;
                }
                case INT64 -> u64(field);
                // the shortest decimal that rounds to the float32, so 1e-5 stored reads as 1e-5, not 9.99999974e-6
                case FLOAT32 -> Double.parseDouble(Float.toString(Float.intBitsToFloat(bytes(field, 4).get(U32, 0))));
                case FLOAT64 -> Double.longBitsToDouble(u64(field));
                case BOOL -> {
                    byte flag = bytes(field, 1).get(ValueLayout.JAVA_BYTE, 0);
                    if (flag != 0 && flag != 1) throw error(field, "a BOOL must be 0 or 1, found " + flag);
                    yield flag == 1;
                }
                case STRING -> string(field);
                case ARRAY -> throw new IllegalStateException("arrays are read by value()");
            };
        }

        private GgufValueType valueType(String field) {
            long code = u32(field);
            GgufValueType type = GgufValueType.ofCode(code);
            if (type == null) throw error(field, "unknown metadata value type " + code);
            return type;
        }

        /** A count whose items take at least {@code minItemBytes} each, so it cannot exceed what the file holds. */
        private long count(String field, int minItemBytes) {
            long count = u64(field);
            long remaining = contents.byteSize() - position;
            if (count < 0 || count > remaining / minItemBytes) {
                throw error(field, "count " + Long.toUnsignedString(count) + " cannot fit in the " + remaining
                        + " bytes left in the file (truncated or corrupt?)");
            }
            return count;
        }

        private String string(String field) {
            long length = u64(field + ".length");
            if (length < 0 || length > contents.byteSize() - position) {
                throw error(field, "a string of " + Long.toUnsignedString(length) + " bytes at byte " + position
                        + " reaches past the end of the file (" + contents.byteSize() + " bytes; truncated?)");
            }
            MemorySegment bytes = bytes(field, length);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes.toArray(ValueLayout.JAVA_BYTE))).toString();
            } catch (CharacterCodingException e) {
                throw error(field, "the string is not valid UTF-8");
            }
        }

        private long u32(String field) {
            return bytes(field, 4).get(U32, 0) & 0xFFFFFFFFL;
        }

        private long u64(String field) {
            return bytes(field, 8).get(U64, 0);
        }

        private MemorySegment bytes(String field, long length) {
            if (length > contents.byteSize() - position) {
                throw error(field, "the file ends at byte " + contents.byteSize() + ", inside this field at byte "
                        + position + " (truncated?)");
            }
            MemorySegment slice = contents.asSlice(position, length);
            position += length;
            return slice;
        }

        private FormatException error(String field, String problem) {
            return new FormatException(file, field, problem);
        }
    }

    /** {@code text} fit for a one-line message: control characters escaped, at most 80 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(text.length(), 80);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c);
            out.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return shown < text.length() ? out + "..." : out.toString();
    }

    static long align(long offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }
}
