package dev.rein.models.transformer;

import dev.rein.tensor.Tensor;
import java.util.List;

/**
 * The tokens of one forward pass: ids and their positions, both [B, T] I64, and which attended positions are
 * padding. Padding is {@code padding[b][j]} over all Tk positions attended to (cached ones first, then this pass's
 * T), or null when no row is padded. A padded key is hidden from every real query; a padded query sees the keys up
 * to itself (its output is never used, and this keeps its softmax finite).
 */
public record TokenBatch(Tensor ids, Tensor positions, boolean[][] padding) {

    public TokenBatch {
        if (ids.rank() != 2 || !java.util.Arrays.equals(ids.shape(), positions.shape())) {
            throw new IllegalArgumentException("ids and positions must both be [batch, positions], got "
                    + java.util.Arrays.toString(ids.shape()) + " and " + java.util.Arrays.toString(positions.shape()));
        }
    }

    /** One unpadded sequence at positions 0..T-1. */
    public static TokenBatch of(int... ids) {
        long[] tokens = new long[ids.length];
        long[] positions = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            tokens[i] = ids[i];
            positions[i] = i;
        }
        return new TokenBatch(Tensor.ofLongs(tokens, 1, ids.length), Tensor.ofLongs(positions, 1, ids.length), null);
    }

    /**
     * Prompts of different lengths as one pass: left-padded to the longest (a pad repeats the row's first id), each
     * numbered from position 0 at its first real token; ids and positions [B, longest], padding null when no row is
     * padded.
     */
    public static TokenBatch leftPadded(List<int[]> prompts) {
        int b = prompts.size();
        int longest = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
        long[] ids = new long[b * longest];
        long[] positions = new long[b * longest];
        boolean[][] padding = new boolean[b][longest];
        boolean padded = false;
        for (int r = 0; r < b; r++) {
            int[] prompt = prompts.get(r);
            int pad = longest - prompt.length;
            for (int j = 0; j < longest; j++) {
                padding[r][j] = j < pad;
                ids[r * longest + j] = j < pad ? prompt[0] : prompt[j - pad];
                positions[r * longest + j] = Math.max(0, j - pad);
            }
            padded |= pad > 0;
        }
        return new TokenBatch(Tensor.ofLongs(ids, b, longest), Tensor.ofLongs(positions, b, longest),
                padded ? padding : null);
    }

    public int batchSize() {
        return ids.size(0);
    }

    public int length() {
        return ids.size(1);
    }
}
