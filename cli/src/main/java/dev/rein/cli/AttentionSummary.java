package dev.rein.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.lab.AttentionMaps;
import dev.rein.models.hooks.HookPoints;
import dev.rein.tensor.Tensor;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * One block's attention pattern ({@code blocks.{i}.attn.hook_pattern}, [1, heads, T, T]) summarised per head and
 * query position: the positions it attends to most, with their tokens and weights, and the pattern's entropy in
 * bits (0: all weight on one position; log2(n): spread evenly over n).
 */
final class AttentionSummary {
    private final int layer;
    private final float[][][] weights;   // [head][query][key]
    private final int[] queries;         // the query positions summarised

    private AttentionSummary(int layer, float[][][] weights, int[] queries) {
        this.layer = layer;
        this.weights = weights;
        this.queries = queries;
    }

    /** @param everyPosition every query position, or only the last one */
    static AttentionSummary of(int layer, Tensor pattern, boolean everyPosition) {
        float[][][] weights = AttentionMaps.heads(pattern);
        int positions = pattern.size(2);
        int[] queries = everyPosition ? IntStream.range(0, positions).toArray() : new int[] {positions - 1};
        return new AttentionSummary(layer, weights, queries);
    }

    /** Per query position, one line per head: entropy, then the {@code attended} most attended positions. */
    void print(PrintStream out, int[] ids, TokenLabels labels, int attended) {
        for (int q : queries) {
            out.printf("attention in block %d, %d heads, at position %d %s%n", layer, weights.length, q,
                    labels.describe(ids[q]));
            out.println("  head   entropy   most attended: position token weight");
            for (int h = 0; h < weights.length; h++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %4d  %5.2f bits ", h,
                        AttentionMaps.entropyBits(weights[h][q])));
                for (int key : Ranking.largest(weights[h][q], attended)) {
                    line.append(String.format(Locale.ROOT, "  %d %s %.3f", key, labels.shortLabel(ids[key], 9),
                            weights[h][q][key]));
                }
                out.println(line);
            }
        }
    }

    /**
     * {@code {layer, point, heads: [{head, positions: [{position, entropy_bits, top: [{position, id, piece, weight}],
     * weights}]}]}}: {@code weights} holds the whole row, zero after the query position.
     */
    ObjectNode toJson(int[] ids, TokenLabels labels, int attended) {
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("layer", layer)
                .put("point", HookPoints.pattern(layer));
        ArrayNode heads = out.putArray("heads");
        for (int h = 0; h < weights.length; h++) {
            ArrayNode positions = heads.addObject().put("head", h).putArray("positions");
            for (int q : queries) {
                ObjectNode position = positions.addObject().put("position", q)
                        .put("entropy_bits", AttentionMaps.entropyBits(weights[h][q]));
                ArrayNode top = position.putArray("top");
                for (int key : Ranking.largest(weights[h][q], attended)) {
                    top.addObject().put("position", key).put("id", ids[key]).put("piece", labels.piece(ids[key]))
                            .put("weight", weights[h][q][key]);
                }
                ArrayNode all = position.putArray("weights");
                for (float w : weights[h][q]) {
                    all.add(w);
                }
            }
        }
        return out;
    }
}
