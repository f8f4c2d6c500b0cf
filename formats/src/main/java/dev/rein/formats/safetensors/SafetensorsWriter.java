package dev.rein.formats.safetensors;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes tensors to one safetensors file, atomically (a temporary file in the same folder renamed over the
 * target, so a failure leaves no partial file), in the layout of Hugging Face's writer:
 * <ul>
 *   <li>tensors ordered by dtype, largest element first (I64, F32, I32, BF16, F16, BOOL, the order of the
 *       reference library's dtype enum), then by name in code point order; for a single-dtype checkpoint that
 *       is plain name order. Every tensor therefore starts at a multiple of its element size;</li>
 *   <li>the header is compact JSON with {@code __metadata__} first (its keys sorted; omitted when the map is
 *       empty), then the tensors in data order, each as {@code {"dtype","shape","data_offsets"}};</li>
 *   <li>the header is padded with spaces to a multiple of 8 bytes, so the data area starts 8-byte aligned;</li>
 *   <li>the data area holds the tensors back to back, each in logical row-major order whatever its strides,
 *       byte for byte as stored.</li>
 * </ul>
 * Writing what {@link SafetensorsFile} read from such a file therefore reproduces it byte for byte.
 */
public final class SafetensorsWriter {
    /** Code point order, which is the order of the strings' UTF-8 bytes and the order Rust sorts names in. */
    static final Comparator<String> NAME_ORDER = SafetensorsWriter::compareCodePoints;

    private static final Comparator<Map.Entry<String, StreamedTensor>> LAYOUT_ORDER = Comparator
            .<Map.Entry<String, StreamedTensor>>comparingInt(e -> DTypeNames.LAYOUT_ORDER.indexOf(e.getValue().dtype()))
            .thenComparing(Map.Entry::getKey, NAME_ORDER);

    private SafetensorsWriter() {
    }

    /**
     * Writes {@code tensors} and {@code metadata} to {@code file}, replacing it atomically.
     *
     * @throws IllegalArgumentException when a name is {@code __metadata__}, a name, tensor or metadata string is
     *                                  null or holds an unpaired surrogate, or the header would exceed 100 MB
     * @throws IOException              when writing fails (the target is then left as it was)
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        writeStreamed(file, streamed(tensors), metadata);
    }

    /**
     * Writes tensors whose bytes are produced as the file is written, one tensor after the other (see {@link
     * StreamedTensor}); otherwise as {@link #write}.
     *
     * @throws IllegalArgumentException for the reasons of {@link #write}, or when a tensor produces a number of
     *                                  bytes other than its {@link StreamedTensor#byteSize}
     */
    public static void writeStreamed(Path file, Map<String, ? extends StreamedTensor> tensors,
            Map<String, String> metadata) throws IOException {
        List<Map.Entry<String, StreamedTensor>> layout = layout(tensors);
        byte[] header = header(layout, metadata);
        AtomicFiles.write(file, channel -> {
            BufferedChannelWriter out = new BufferedChannelWriter(channel);
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            for (Map.Entry<String, StreamedTensor> entry : layout) {
                long start = out.written();
                entry.getValue().writeTo(out);
                long produced = out.written() - start;
                if (produced != entry.getValue().byteSize()) {
                    throw new IllegalArgumentException("tensor " + entry.getKey() + " produced " + produced
                            + " bytes where its dtype and shape take " + entry.getValue().byteSize());
                }
            }
            out.flush();
        });
    }

    /** The tensors as {@link StreamedTensor}s, in the same order, nulls kept for the writers to reject. */
    static Map<String, StreamedTensor> streamed(Map<String, Tensor> tensors) {
        Map<String, StreamedTensor> streamed = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> streamed.put(name, tensor == null ? null : StreamedTensor.of(tensor)));
        return streamed;
    }

    private static List<Map.Entry<String, StreamedTensor>> layout(Map<String, ? extends StreamedTensor> tensors) {
        List<Map.Entry<String, StreamedTensor>> layout = new ArrayList<>();
        for (Map.Entry<String, ? extends StreamedTensor> entry : tensors.entrySet()) {
            String name = entry.getKey();
            checkString("tensor name", name);
            if (name.equals(Header.METADATA_KEY)) {
                throw new IllegalArgumentException(Header.METADATA_KEY + " is reserved and cannot name a tensor");
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("tensor " + name + " is null");
            }
            layout.add(Map.entry(name, entry.getValue()));
        }
        layout.sort(LAYOUT_ORDER);
        return layout;
    }

    private static byte[] header(List<Map.Entry<String, StreamedTensor>> layout, Map<String, String> metadata)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = HeaderJson.MAPPER.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            if (!metadata.isEmpty()) {
                json.writeObjectFieldStart(Header.METADATA_KEY);
                for (String key : sortedKeys(metadata)) {
                    json.writeStringField(key, metadata.get(key));
                }
                json.writeEndObject();
            }
            long offset = 0;
            for (Map.Entry<String, StreamedTensor> entry : layout) {
                StreamedTensor tensor = entry.getValue();
                int[] shape = tensor.shape();
                long end = offset + tensor.byteSize();
                json.writeObjectFieldStart(entry.getKey());
                json.writeStringField("dtype", DTypeNames.name(tensor.dtype()));
                json.writeFieldName("shape");
                json.writeArray(shape, 0, shape.length);
                json.writeFieldName("data_offsets");
                json.writeArray(new long[] {offset, end}, 0, 2);
                json.writeEndObject();
                offset = end;
            }
            json.writeEndObject();
        }
        while (bytes.size() % 8 != 0) {
            bytes.write(' ');
        }
        if (bytes.size() > Header.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("the header would take " + bytes.size()
                    + " bytes, more than the " + Header.MAX_HEADER_BYTES + " readers accept");
        }
        return bytes.toByteArray();
    }

    private static List<String> sortedKeys(Map<String, String> metadata) {
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            checkString("metadata key", entry.getKey());
            checkString("metadata value of " + entry.getKey(), entry.getValue());
        }
        return metadata.keySet().stream().sorted(NAME_ORDER).toList();
    }

    private static void checkString(String what, String text) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (!HeaderJson.isValidUnicode(text)) {
            throw new IllegalArgumentException(what + " holds an unpaired surrogate, which UTF-8 cannot encode");
        }
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length()) {
            int codePointA = a.codePointAt(i);
            int codePointB = b.codePointAt(i);
            if (codePointA != codePointB) {
                return Integer.compare(codePointA, codePointB);
            }
            i += Character.charCount(codePointA);
        }
        return Integer.compare(a.length() - i, b.length() - i);
    }
}
