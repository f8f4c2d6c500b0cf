package dev.rein.text.tokenizer;

import dev.rein.formats.FormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokenizer of Andrej Karpathy's llama2.c (its {@code tokenizer.bin} / {@code tok512.bin} files), encoding
 * and decoding exactly as llama2.c's {@code encode()} and {@code decode()} do, for checkpoints in llama2.c's
 * own format.
 *
 * <p>File layout, little-endian: int32 max_token_length, then per token float32 score, int32 length and that
 * many bytes. Ids 0, 1, 2 are {@code <unk>}, BOS and EOS; ids 3 to 258 are the byte tokens {@code <0x00>} to
 * {@code <0xFF>}.
 *
 * <p>Encoding: a dummy-prefix {@code " "} token when the text is not empty, one token per UTF-8 character
 * found in the vocabulary (else its bytes as byte tokens, id = byte + 3), then repeatedly the neighbouring
 * pair whose concatenation is the best-scoring vocabulary piece is merged (the leftmost among equal scores)
 * until no pair merges.
 */
public final class Llama2cTokenizer {
    /** Id of the beginning-of-sequence token. */
    public static final int BOS = 1;
    /** Id of the end-of-sequence token. */
    public static final int EOS = 2;
    private static final int FIRST_BYTE_TOKEN = 3;
    private static final float NO_SCORE = -1e10f;

    private final byte[][] pieces;
    private final float[] scores;
    private final int maxTokenLength;
    private final Map<String, Integer> idsByPiece = new HashMap<>();
    private final int dummyPrefixId;

    private Llama2cTokenizer(byte[][] pieces, float[] scores, int maxTokenLength, Path file) {
        this.pieces = pieces;
        this.scores = scores;
        this.maxTokenLength = maxTokenLength;
        for (int id = 0; id < pieces.length; id++) idsByPiece.putIfAbsent(key(pieces[id], 0, pieces[id].length), id);
        Integer space = idsByPiece.get(" ");
        if (space == null) throw new FormatException(file, null, "no \" \" token (llama2.c's dummy prefix)");
        if (pieces.length < FIRST_BYTE_TOKEN + 256) {
            throw new FormatException(file, null, "has " + pieces.length + " tokens; llama2.c needs at least "
                    + (FIRST_BYTE_TOKEN + 256) + " (<unk>, BOS, EOS and 256 byte tokens)");
        }
        this.dummyPrefixId = space;
    }

    /** Reads a llama2.c tokenizer file; FormatException when it is truncated or malformed. */
    public static Llama2cTokenizer load(Path file) {
        ByteBuffer buffer;
        try {
            buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (buffer.remaining() < 4) throw new FormatException(file, "max_token_length", "file too short");
        int maxTokenLength = buffer.getInt();
        List<byte[]> pieces = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        while (buffer.hasRemaining()) {
            String field = "token " + pieces.size();
            if (buffer.remaining() < 8) throw new FormatException(file, field, "truncated score and length");
            float score = buffer.getFloat();
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new FormatException(file, field, "length " + length + " does not fit in the file");
            }
            byte[] piece = new byte[length];
            buffer.get(piece);
            pieces.add(piece);
            scores.add(score);
        }
        float[] scoreArray = new float[scores.size()];
        for (int i = 0; i < scoreArray.length; i++) scoreArray[i] = scores.get(i);
        return new Llama2cTokenizer(pieces.toArray(byte[][]::new), scoreArray, maxTokenLength, file);
    }

    public int vocabSize() {
        return pieces.length;
    }

    /** The longest piece in bytes, as the file states it. */
    public int maxTokenLength() {
        return maxTokenLength;
    }

    /** The merge score of token {@code id}. */
    public float score(int id) {
        return scores[checkId(id)];
    }

    /** The piece of token {@code id} as text (its bytes decoded as UTF-8). */
    public String piece(int id) {
        byte[] piece = pieces[checkId(id)];
        return Utf8.decodeLossy(piece, 0, piece.length);
    }

    /** The tokens {@link #encode} may put around the text, as llama2.c's {@code bos} and {@code eos} flags. */
    public enum Marker {
        BOS,
        EOS
    }

    /**
     * The ids of {@code text} as llama2.c's {@code encode(t, text, bos, eos, ...)} gives them, with the markers
     * named (e.g. {@code encode(text, Marker.BOS)}).
     */
    public int[] encode(String text, Marker... markers) {
        boolean bos = Arrays.asList(markers).contains(Marker.BOS);
        boolean eos = Arrays.asList(markers).contains(Marker.EOS);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[bytes.length + 3];
        int count = 0;
        if (bos) tokens[count++] = BOS;
        if (bytes.length > 0) tokens[count++] = dummyPrefixId;
        count = addCharacters(bytes, tokens, count);
        count = mergePairs(tokens, count);
        if (eos) tokens[count++] = EOS;
        return Arrays.copyOf(tokens, count);
    }

    /** One token per UTF-8 character in the vocabulary, else its bytes as byte tokens. */
    private int addCharacters(byte[] bytes, int[] tokens, int count) {
        int start = 0;
        while (start < bytes.length) {
            // A character is a lead byte and at most three continuation bytes (llama2.c's 4-byte limit).
            int end = start + 1;
            while (end < bytes.length && (bytes[end] & 0xC0) == 0x80 && end - start < 4) end++;
            Integer id = idsByPiece.get(key(bytes, start, end));
            if (id != null) {
                tokens[count++] = id;
            } else {
                for (int i = start; i < end; i++) tokens[count++] = (bytes[i] & 0xFF) + FIRST_BYTE_TOKEN;
            }
            start = end;
        }
        return count;
    }

    /** Merges the best-scoring pair until none merges; returns the new token count. */
    private int mergePairs(int[] tokens, int count) {
        while (true) {
            float bestScore = NO_SCORE;
            int bestId = -1;
            int bestIndex = -1;
            for (int i = 0; i + 1 < count; i++) {
                byte[] left = pieces[tokens[i]];
                byte[] right = pieces[tokens[i + 1]];
                byte[] joined = Arrays.copyOf(left, left.length + right.length);
                System.arraycopy(right, 0, joined, left.length, right.length);
                Integer id = idsByPiece.get(key(joined, 0, joined.length));
                if (id != null && scores[id] > bestScore) {
                    bestScore = scores[id];
                    bestId = id;
                    bestIndex = i;
                }
            }
            if (bestIndex < 0) return count;
            tokens[bestIndex] = bestId;
            System.arraycopy(tokens, bestIndex + 2, tokens, bestIndex + 1, count - bestIndex - 2);
            count--;
        }
    }

    /**
     * The bytes llama2.c prints for {@code id} after {@code previousId}: the piece, without its leading space
     * right after BOS, and a byte token {@code <0xAB>} as the raw byte.
     */
    public byte[] decodePiece(int previousId, int id) {
        byte[] piece = pieces[checkId(id)];
        int from = previousId == BOS && piece.length > 0 && piece[0] == ' ' ? 1 : 0;
        int rawByte = rawByte(piece, from);
        if (rawByte >= 0) return new byte[] {(byte) rawByte};
        return Arrays.copyOfRange(piece, from, piece.length);
    }

    /**
     * The text llama2.c prints for {@code ids}: each piece by {@link #decodePiece} after its predecessor, except
     * BOS and EOS, which llama2.c never prints (they delimit sequences), decoded as UTF-8.
     */
    public String decode(int[] ids) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int previous = -1;
        for (int id : ids) {
            if (id != BOS && id != EOS) text.writeBytes(decodePiece(previous, id));
            previous = id;
        }
        byte[] bytes = text.toByteArray();
        return Utf8.decodeLossy(bytes, 0, bytes.length);
    }

    /** The byte of a piece {@code <0xAB>} read as llama2.c's {@code sscanf("<0x%02hhX>")} does, or -1. */
    private static int rawByte(byte[] piece, int from) {
        int length = piece.length - from;
        if (length < 4 || piece[from] != '<' || piece[from + 1] != '0' || piece[from + 2] != 'x') return -1;
        int value = -1;
        for (int i = from + 3; i < piece.length && i < from + 5; i++) {
            int digit = Character.digit(piece[i], 16);
            if (digit < 0) break;
            value = (value < 0 ? 0 : value * 16) + digit;
        }
        return value;
    }

    private int checkId(int id) {
        if (id < 0 || id >= pieces.length) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + pieces.length);
        }
        return id;
    }

    /** Bytes as a map key: one char per byte. */
    private static String key(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
