package dev.rein.formats.gguf;

/**
 * The twelve scale bytes of a Q4_K block: eight 6-bit scales and eight 6-bit mins, one pair per sub-block of 32
 * (ggml's {@code get_scale_min_k4}), packed here as {@link dev.rein.tensor.QuantizedBlocks#q4KScale} and
 * {@link dev.rein.tensor.QuantizedBlocks#q4KMin} read them back. Sub-blocks 0-3 keep theirs in the low six bits of
 * bytes 0-3 (scales) and 4-7 (mins); sub-blocks 4-7 keep their low four bits in the nibbles of bytes 8-11 and their
 * top two bits in the top two bits of bytes 0-3 (scales) and 4-7 (mins).
 */
final class Q4KScales {
    private Q4KScales() {
    }

    /** Packs {@code scales[8]} and {@code mins[8]} (each 0..63) into the twelve bytes, as decoding reads them. */
    static byte[] pack(int[] scales, int[] mins) {
        byte[] packed = new byte[12];
        for (int j = 0; j < 8; j++) {
            if (j < 4) {
                packed[j] = (byte) scales[j];
                packed[j + 4] = (byte) mins[j];
            } else {
                packed[j + 4] = (byte) ((scales[j] & 0xF) | ((mins[j] & 0xF) << 4));
                packed[j - 4] |= (byte) ((scales[j] >>> 4) << 6);
                packed[j] |= (byte) ((mins[j] >>> 4) << 6);
            }
        }
        return packed;
    }
}
