package dev.rein.formats.safetensors;

import static dev.rein.formats.json.JsonFields.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFiles;
import dev.rein.tensor.DType;
import dev.rein.tensor.Shapes;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated header of a safetensors file: where the data area starts, the {@code __metadata__} strings and
 * the tensors ordered by their data offsets. {@link #read} checks everything the format requires before any
 * tensor data is touched, so that a bad file fails with a {@link FormatException} naming the file and tensor
 * rather than with a wrong value, an out-of-bounds access or an enormous allocation later.
 */
record Header(long dataStart, Map<String, String> metadata, List<TensorInfo> tensors) {
    /** The header size limit of the reference implementation; longer headers are refused before being read. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";
    private static final ValueLayout.OfLong LENGTH_LAYOUT =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final Set<String> ENTRY_FIELDS = Set.of("dtype", "shape", "data_offsets");

    /** Reads and validates the header of {@code file}, whose whole content is {@code contents}. */
    static Header read(Path file, MemorySegment contents) {
        long fileSize = contents.byteSize();
        if (fileSize < 8) {
            throw new FormatException(file, null, "the file has " + fileSize
                    + " bytes, fewer than the 8 bytes of the header length that starts a safetensors file");
        }
        long headerLength = contents.get(LENGTH_LAYOUT, 0);
        if (Long.compareUnsigned(headerLength, MAX_HEADER_BYTES) > 0) {
            throw new FormatException(file, null, "header length " + Long.toUnsignedString(headerLength)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (headerLength > fileSize - 8) {
            throw new FormatException(file, null, "header length " + headerLength + " is larger than the "
                    + (fileSize - 8) + " bytes that follow it in the file");
        }
        byte[] json = contents.asSlice(8, headerLength).toArray(ValueLayout.JAVA_BYTE);
        if (json.length == 0 || json[0] != '{') {
            String start = new String(json, 0, Math.min(json.length, 20), StandardCharsets.UTF_8);
            throw new FormatException(file, null, "the header must begin with '{', found "
                    + (json.length == 0 ? "an empty header" : quote(start)));
        }
        JsonNode root = JsonFiles.parseStrict(file, json);
        long dataSize = fileSize - 8 - headerLength;
        Map<String, String> metadata = Map.of();
        List<TensorInfo> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (entry.getKey().equals(METADATA_KEY)) {
                metadata = metadata(file, entry.getValue());
            } else {
                tensors.add(tensor(file, entry.getKey(), entry.getValue(), dataSize));
            }
        }
        tensors.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        checkTiling(file, tensors, dataSize);
        return new Header(8 + headerLength, metadata, List.copyOf(tensors));
    }

    private static Map<String, String> metadata(Path file, JsonNode node) {
        if (node.isNull()) { // the reference reader accepts null for "no metadata"
            return Map.of();
        }
        if (!node.isObject()) {
            throw new FormatException(file, METADATA_KEY, "expected an object of strings, found " + describe(node));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String field = METADATA_KEY + "." + entry.getKey();
            if (!entry.getValue().isTextual()) {
                throw new FormatException(file, field, "metadata values must be strings, found "
                        + describe(entry.getValue()));
            }
            checkUnicode(file, field, entry.getKey());
            checkUnicode(file, field, entry.getValue().textValue());
            metadata.put(entry.getKey(), entry.getValue().textValue());
        }
        return Collections.unmodifiableMap(metadata);
    }

    private static TensorInfo tensor(Path file, String name, JsonNode node, long dataSize) {
        checkUnicode(file, name, name);
        if (!node.isObject()) {
            throw new FormatException(file, name, "expected an object with dtype, shape and data_offsets, found "
                    + describe(node));
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!ENTRY_FIELDS.contains(field.getKey())) {
                throw new FormatException(file, name, "unexpected field " + quote(field.getKey())
                        + "; a tensor entry holds only dtype, shape and data_offsets");
            }
        }
        DType dtype = dtype(file, name, required(file, name, node, "dtype"));
        int[] shape = shape(file, name, required(file, name, node, "shape"));
        long[] offsets = offsets(file, name, required(file, name, node, "data_offsets"));
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new FormatException(file, name, "data_offsets " + range(begin, end) + " begin after they end");
        }
        if (end > dataSize) {
            throw new FormatException(file, name, "data_offsets " + range(begin, end)
                    + " reach past the end of the data area, which holds " + dataSize + " bytes");
        }
        long bytes = byteSize(file, name, dtype, shape);
        if (end - begin != bytes) {
            throw new FormatException(file, name, "data_offsets " + range(begin, end) + " hold " + (end - begin)
                    + " bytes, but " + dtype + " " + Shapes.str(shape) + " needs " + bytes);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static JsonNode required(Path file, String name, JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null) {
            throw new FormatException(file, name, "the entry has no " + field);
        }
        return value;
    }

    private static DType dtype(Path file, String name, JsonNode node) {
        if (!node.isTextual()) {
            throw new FormatException(file, name, "dtype must be a string, found " + describe(node));
        }
        DType dtype = DTypeNames.parse(node.textValue());
        if (dtype == null) {
            throw new FormatException(file, name, "unsupported dtype " + quote(node.textValue()) + "; Rein reads "
                    + DTypeNames.LAYOUT_ORDER);
        }
        return dtype;
    }

    private static int[] shape(Path file, String name, JsonNode node) {
        if (!node.isArray()) {
            throw new FormatException(file, name, "shape must be an array of sizes, found " + describe(node));
        }
        int[] shape = new int[node.size()];
        for (int d = 0; d < shape.length; d++) {
            long size = nonNegativeLong(file, name, "shape", node.get(d));
            if (size > Integer.MAX_VALUE) {
                throw new FormatException(file, name, "shape " + describe(node) + " has dimension " + size
                        + ", larger than the " + Integer.MAX_VALUE + " Rein supports");
            }
            shape[d] = (int) size;
        }
        return shape;
    }

    private static long[] offsets(Path file, String name, JsonNode node) {
        if (!node.isArray() || node.size() != 2) {
            throw new FormatException(file, name, "data_offsets must be an array [begin, end], found "
                    + describe(node));
        }
        return new long[] {nonNegativeLong(file, name, "data_offsets", node.get(0)),
                nonNegativeLong(file, name, "data_offsets", node.get(1))};
    }

    private static long nonNegativeLong(Path file, String name, String field, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new FormatException(file, name, field + " must hold non-negative integers below 2^63, found "
                    + describe(node));
        }
        return node.longValue();
    }

    private static long byteSize(Path file, String name, DType dtype, int[] shape) {
        try {
            long numel = 1;
            for (int size : shape) {
                numel = Math.multiplyExact(numel, size);
            }
            return Math.multiplyExact(numel, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new FormatException(file, name, dtype + " " + Shapes.str(shape)
                    + " needs more than 2^63 bytes", e);
        }
    }

    /** The tensors, sorted by offsets, must cover {@code [0, dataSize)} exactly once, as the format requires. */
    private static void checkTiling(Path file, List<TensorInfo> sorted, long dataSize) {
        TensorInfo previous = null;
        for (TensorInfo tensor : sorted) {
            long expected = previous == null ? 0 : previous.end();
            if (tensor.begin() < expected) {
                throw new FormatException(file, tensor.name(), "data_offsets " + range(tensor.begin(), tensor.end())
                        + " overlap tensor " + quote(previous.name()) + " at "
                        + range(previous.begin(), previous.end()));
            }
            if (tensor.begin() > expected) {
                throw new FormatException(file, tensor.name(), "data_offsets " + range(tensor.begin(), tensor.end())
                        + " leave the " + (tensor.begin() - expected) + " bytes from offset " + expected + " unused"
                        + (previous == null ? "" : " after tensor " + quote(previous.name()))
                        + "; tensors must cover it without gaps");
            }
            previous = tensor;
        }
        long covered = previous == null ? 0 : previous.end();
        if (covered != dataSize) {
            throw new FormatException(file, previous == null ? null : previous.name(), (dataSize - covered)
                    + " bytes follow the end of the last tensor's data; the data area must end where it ends");
        }
    }

    private static void checkUnicode(Path file, String field, String text) {
        if (!HeaderJson.isValidUnicode(text)) {
            throw new FormatException(file, field, "the string holds an unpaired UTF-16 surrogate escape");
        }
    }

    private static String range(long begin, long end) {
        return "[" + begin + ", " + end + "]";
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
