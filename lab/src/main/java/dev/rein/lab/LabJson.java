package dev.rein.lab;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.HookPoints;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The JSON the lab's API answers with (docs/lab.md shows each object); tokens carry their id and vocabulary piece. */
final class LabJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final Tokenizer tokenizer;

    LabJson(LanguageModel model) {
        this.tokenizer = model.tokenizer();
    }

    static ObjectNode object() {
        return JSON.objectNode();
    }

    /** {@code {id, piece}} */
    ObjectNode token(int id) {
        return JSON.objectNode().put("id", id).put("piece", tokenizer.idToPiece(id));
    }

    /** [{id, piece}, ...] */
    ArrayNode tokens(int[] ids) {
        ArrayNode out = JSON.arrayNode();
        for (int id : ids) out.add(token(id));
        return out;
    }

    /** [{id, piece, probability}, ...], most likely first */
    ArrayNode predictions(List<Prediction> predictions) {
        ArrayNode out = JSON.arrayNode();
        for (Prediction p : predictions) out.add(token(p.id()).put("probability", p.probability()));
        return out;
    }

    /** {tokens, predictions: [position][rank]} */
    ObjectNode tokensAndPredictions(int[] ids, List<List<Prediction>> predictions) {
        ObjectNode out = object();
        out.set("tokens", tokens(ids));
        ArrayNode positions = out.putArray("predictions");
        predictions.forEach(best -> positions.add(predictions(best)));
        return out;
    }

    /** {tokens, points: [hook point per layer], cells: [layer][position][rank]} */
    ObjectNode lens(int[] ids, LogitLensGrid lens) {
        ObjectNode out = object();
        out.set("tokens", tokens(ids));
        ArrayNode points = out.putArray("points");
        ArrayNode cells = out.putArray("cells");
        for (int layer = 0; layer < lens.cells().size(); layer++) {
            points.add(HookPoints.residPost(layer));
            ArrayNode row = cells.addArray();
            lens.cells().get(layer).forEach(best -> row.add(predictions(best)));
        }
        return out;
    }

    /**
     * {tokens, patterns: [layer][head][query][key], scores: [layer][head] {entropy_bits, previous_token, induction}};
     * with {@code only} given, the patterns of other layers are null (a large model's patterns are large).
     */
    ObjectNode attention(int[] ids, AttentionMaps maps, OptionalInt only) {
        ObjectNode out = object();
        out.set("tokens", tokens(ids));
        ArrayNode patterns = out.putArray("patterns");
        ArrayNode scores = out.putArray("scores");
        for (int layer = 0; layer < maps.patterns().length; layer++) {
            boolean sent = only.isEmpty() || only.getAsInt() == layer;
            ArrayNode heads = sent ? patterns.addArray() : null;
            if (!sent) patterns.addNull();
            ArrayNode layerScores = scores.addArray();
            for (int head = 0; head < maps.patterns()[layer].length; head++) {
                if (sent) {
                    ArrayNode rows = heads.addArray();
                    for (float[] row : maps.patterns()[layer][head]) {
                        ArrayNode weights = rows.addArray();
                        for (float w : row) weights.add(w);
                    }
                }
                AttentionMaps.HeadScore score = maps.scores()[layer][head];
                ObjectNode entry = layerScores.addObject();
                number(entry, "entropy_bits", score.entropyBits());
                number(entry, "previous_token", score.previousToken());
                number(entry, "induction", score.induction());
            }
        }
        return out;
    }

    /** {clean, corrupted: tokens, answer, wrong: token, clean_difference, corrupted_difference, sites: {...}} */
    ObjectNode patching(int[] clean, int[] corrupted, ActivationPatching.Result result) {
        ObjectNode out = object();
        out.set("clean", tokens(clean));
        out.set("corrupted", tokens(corrupted));
        out.set("answer", token(result.answer()));
        out.set("wrong", token(result.wrong()));
        out.put("clean_difference", result.cleanDifference()).put("corrupted_difference", result.corruptedDifference());
        ObjectNode sites = out.putObject("sites");
        for (Map.Entry<PatchSite, double[][]> entry : result.recovered().entrySet()) {
            ObjectNode site = sites.putObject(entry.getKey().id()).put("columns",
                    entry.getKey().perHead() ? "head" : "position");
            ArrayNode grid = site.putArray("recovered");
            for (double[] layer : entry.getValue()) {
                ArrayNode row = grid.addArray();
                for (double value : layer) row.add(value);
            }
        }
        return out;
    }

    /** {done, total} */
    static ObjectNode progress(int done, int total) {
        return object().put("done", done).put("total", total);
    }

    /** A finite number, or null (JSON has no NaN). */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) node.put(field, value);
        else node.putNull(field);
    }
}
