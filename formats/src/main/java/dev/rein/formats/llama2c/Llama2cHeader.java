package dev.rein.formats.llama2c;

import dev.rein.formats.FormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The validated header of a llama2.c checkpoint: the seven model parameters, whether the classifier shares the
 * token embedding, and where the float32 weights start. {@link #read} checks everything before any weight is
 * touched, including that the file holds exactly as many bytes as the header implies, so that a bad file fails
 * with a {@link FormatException} naming the file and header field instead of a wrong value or an enormous
 * allocation later.
 *
 * @param version          0 (legacy), or 1 (the "ak42" header)
 * @param dim              width of the residual stream
 * @param hiddenDim        width of the MLP's inner layer
 * @param numLayers        decoder layers
 * @param numHeads         attention heads
 * @param numKvHeads       key/value heads
 * @param vocabSize        rows of the token embedding
 * @param seqLen           the context the model was trained for
 * @param sharedClassifier whether the output projection is the token embedding matrix
 * @param weightsStart     byte offset of the first weight
 */
record Llama2cHeader(int version, int dim, int hiddenDim, int numLayers, int numHeads, int numKvHeads,
        int vocabSize, int seqLen, boolean sharedClassifier, long weightsStart) {
    /** "ak42" read as a little-endian uint32: the first four bytes of a version 1 or 2 file. */
    static final int MAGIC = 0x616b3432;
    /** Bytes of the legacy header: seven int32. */
    private static final int LEGACY_HEADER_BYTES = 7 * Integer.BYTES;
    /** Bytes of the versioned header: magic, version, seven int32, flags, zero padding. */
    private static final int VERSIONED_HEADER_BYTES = 256;
    private static final long PARAMS_OFFSET_LEGACY = 0;
    private static final long PARAMS_OFFSET_VERSIONED = 8;
    private static final long SHARED_FLAG_OFFSET = PARAMS_OFFSET_VERSIONED + LEGACY_HEADER_BYTES;
    private static final ValueLayout.OfInt INT32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** The width of one attention head. */
    int headSize() {
        return dim / numHeads;
    }

    /** Reads and validates the header of {@code file}, whose whole content is {@code contents}. */
    static Llama2cHeader read(Path file, MemorySegment contents) {
        ForeignFormats.describe(contents, contents.byteSize()).ifPresent(format -> {
            throw new FormatException(file, null, "this is " + format + ", not a llama2.c checkpoint");
        });
        Llama2cHeader header = startsWithMagic(contents) ? versioned(file, contents) : legacy(file, contents);
        header.checkShapes(file);
        header.checkFileSize(file, contents.byteSize());
        return header;
    }

    static boolean startsWithMagic(MemorySegment contents) {
        return contents.byteSize() >= Integer.BYTES && contents.get(INT32, 0) == MAGIC;
    }

    /** Version 0: the seven ints; a negative vocab_size says the classifier is stored after the weights. */
    private static Llama2cHeader legacy(Path file, MemorySegment contents) {
        requireBytes(file, contents, LEGACY_HEADER_BYTES, "legacy (version 0)");
        int signedVocab = param(contents, PARAMS_OFFSET_LEGACY, 5);
        if (signedVocab == 0 || signedVocab == Integer.MIN_VALUE) {
            throw new FormatException(file, "header.vocab_size", "expected a non-zero vocabulary size (negative "
                    + "when the classifier is not shared), found " + signedVocab);
        }
        return fromParams(0, contents, PARAMS_OFFSET_LEGACY, Math.abs(signedVocab), signedVocab > 0,
                LEGACY_HEADER_BYTES);
    }

    /** Versions 1 and 2: magic, version, the seven ints, a shared-classifier byte, padding to 256 bytes. */
    private static Llama2cHeader versioned(Path file, MemorySegment contents) {
        requireBytes(file, contents, VERSIONED_HEADER_BYTES, "versioned (\"ak42\")");
        int version = contents.get(INT32, Integer.BYTES);
        if (version == 2) {
            throw new FormatException(file, "header.version", "version 2 is llama2.c's Q8_0 (int8) export, which "
                    + "Rein does not read; export the model with --version 1 (float32) or --version 0 instead");
        }
        if (version != 1) {
            throw new FormatException(file, "header.version", "unsupported version " + version
                    + "; Rein reads llama2.c versions 0 (legacy) and 1 (float32)");
        }
        int vocab = param(contents, PARAMS_OFFSET_VERSIONED, 5);
        if (vocab < 1) {
            throw new FormatException(file, "header.vocab_size", "expected a positive integer, found " + vocab);
        }
        byte shared = contents.get(ValueLayout.JAVA_BYTE, SHARED_FLAG_OFFSET);
        if (shared != 0 && shared != 1) {
            throw new FormatException(file, "header.shared_classifier", "expected 0 or 1, found " + shared);
        }
        return fromParams(version, contents, PARAMS_OFFSET_VERSIONED, vocab, shared == 1, VERSIONED_HEADER_BYTES);
    }

    private static Llama2cHeader fromParams(int version, MemorySegment contents, long paramsOffset, int vocabSize,
            boolean sharedClassifier, long weightsStart) {
        return new Llama2cHeader(version, param(contents, paramsOffset, 0), param(contents, paramsOffset, 1),
                param(contents, paramsOffset, 2), param(contents, paramsOffset, 3), param(contents, paramsOffset, 4),
                vocabSize, param(contents, paramsOffset, 6), sharedClassifier, weightsStart);
    }

    private static int param(MemorySegment contents, long paramsOffset, int index) {
        return contents.get(INT32, paramsOffset + (long) index * Integer.BYTES);
    }

    private static void requireBytes(Path file, MemorySegment contents, int headerBytes, String kind) {
        if (contents.byteSize() < headerBytes) {
            throw new FormatException(file, "header", "the file has " + contents.byteSize() + " bytes, fewer than "
                    + "the " + headerBytes + " bytes of a " + kind + " llama2.c header");
        }
    }

    private void checkShapes(Path file) {
        requirePositive(file, "dim", dim);
        requirePositive(file, "hidden_dim", hiddenDim);
        requirePositive(file, "n_layers", numLayers);
        requirePositive(file, "n_heads", numHeads);
        requirePositive(file, "n_kv_heads", numKvHeads);
        requirePositive(file, "seq_len", seqLen);
        if (dim % numHeads != 0) {
            throw new FormatException(file, "header.n_heads", "dim " + dim + " is not divisible by " + numHeads
                    + " heads");
        }
        if (headSize() % 2 != 0) {
            throw new FormatException(file, "header.n_heads", "the head size dim / n_heads = " + headSize()
                    + " is odd; rotary embedding rotates pairs of features");
        }
        if (numHeads % numKvHeads != 0) {
            throw new FormatException(file, "header.n_kv_heads", numHeads + " attention heads cannot be shared "
                    + "evenly by " + numKvHeads + " key/value heads");
        }
    }

    private static void requirePositive(Path file, String field, int value) {
        if (value < 1) {
            throw new FormatException(file, "header." + field, "expected a positive integer, found " + value);
        }
    }

    /** The file must end exactly where the weights the header describes end, as llama2.c's exporter writes it. */
    private void checkFileSize(Path file, long fileSize) {
        long expected;
        try {
            expected = Math.addExact(weightsStart, Math.multiplyExact(Float.BYTES, floatCount()));
        } catch (ArithmeticException overflow) {
            throw new FormatException(file, "header", "the sizes " + describeParams() + " overflow a file size",
                    overflow);
        }
        if (fileSize != expected) {
            throw new FormatException(file, null, "the header (" + describeParams() + (sharedClassifier
                    ? ", shared classifier" : ", separate classifier") + ") describes a file of " + expected
                    + " bytes, but the file has " + fileSize + (fileSize < expected ? " (truncated?)" : ""));
        }
    }

    /**
     * Floats after the header, counted as llama2.c's {@code memory_map_weights} does: the embedding, per layer two
     * norms, q/k/v/o and the three MLP matrices, the final norm, in version 0 the two unused RoPE tables
     * ({@code seq_len * head_size / 2} each), and the classifier when it is not shared.
     */
    private long floatCount() {
        long kvDim = (long) numKvHeads * headSize();
        long attention = Math.addExact(Math.multiplyExact(2L * dim, dim), Math.multiplyExact(2L * dim, kvDim));
        long mlp = Math.multiplyExact(3L * dim, hiddenDim);
        long perLayer = Math.addExact(Math.addExact(attention, mlp), 2L * dim);
        long embedding = Math.multiplyExact((long) vocabSize, dim);
        long total = Math.addExact(embedding, Math.multiplyExact(numLayers, perLayer));
        total = Math.addExact(total, dim);
        if (version == 0) total = Math.addExact(total, (long) seqLen * headSize());
        if (!sharedClassifier) total = Math.addExact(total, embedding);
        return total;
    }

    private String describeParams() {
        return "dim " + dim + ", hidden_dim " + hiddenDim + ", n_layers " + numLayers + ", n_heads " + numHeads
                + ", n_kv_heads " + numKvHeads + ", vocab_size " + vocabSize + ", seq_len " + seqLen;
    }
}
