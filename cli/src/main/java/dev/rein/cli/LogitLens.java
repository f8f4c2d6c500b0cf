package dev.rein.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rein.lab.LogitLensGrid;
import dev.rein.lab.Prediction;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.transformer.Transformer;
import java.util.ArrayList;
import java.util.List;

/**
 * The logit lens of one prompt: what the model would predict at each position if its final norm and LM head read
 * the residual stream early, after the embeddings and after each block. The last block's row is the model's own
 * prediction.
 *
 * @param stages one per residual stream read, in the model's order
 */
record LogitLens(List<Stage> stages) {

    /**
     * One residual stream read through the head.
     *
     * @param point     the hook point read ({@code blocks.0.hook_resid_pre} for the embeddings)
     * @param layer     the block it leaves, or -1 for the embeddings
     * @param positions per position, the most likely tokens, most likely first
     */
    record Stage(String point, int layer, List<List<Prediction>> positions) {
        String label() {
            return layer < 0 ? "embed" : "blk " + layer;
        }
    }

    /** The hook points the lens reads: the embeddings (entering block 0), then what leaves each block. */
    static List<String> points(int layers) {
        List<String> points = new ArrayList<>(List.of(HookPoints.residPre(0)));
        for (int i = 0; i < layers; i++) {
            points.add(HookPoints.residPost(i));
        }
        return points;
    }

    /**
     * The lens from the activations {@link #points} recorded in {@code cache}, with the {@code top} best tokens (the
     * lab's {@link LogitLensGrid#read}).
     */
    static LogitLens of(Transformer model, ActivationCache cache, int top) {
        List<String> points = points(model.config().numLayers());
        List<List<List<Prediction>>> cells = LogitLensGrid.read(model, cache, points, top);
        List<Stage> stages = new ArrayList<>();
        for (int s = 0; s < points.size(); s++) {
            stages.add(new Stage(points.get(s), s - 1, cells.get(s)));
        }
        return new LogitLens(stages);
    }

    /** [{point, layer (null for the embeddings), positions: [[{id, piece, probability}, ...], ...]}, ...] */
    ArrayNode toJson(TokenLabels labels) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Stage stage : stages) {
            var node = out.addObject().put("point", stage.point());
            if (stage.layer() < 0) {
                node.putNull("layer");
            } else {
                node.put("layer", stage.layer());
            }
            ArrayNode positions = node.putArray("positions");
            for (List<Prediction> best : stage.positions()) {
                ArrayNode list = positions.addArray();
                for (Prediction p : best) {
                    list.addObject().put("id", p.id()).put("piece", labels.piece(p.id()))
                            .put("probability", p.probability());
                }
            }
        }
        return out;
    }
}
