package dev.rein.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Sampling;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.serve.ApiError;
import dev.rein.serve.JsonFields;
import dev.rein.serve.ServerAssets;
import dev.rein.steering.cie.CieControls;
import dev.rein.steering.recontrol.ValueFunction;
import dev.rein.steering.recontrol.ValueGuidance;
import dev.rein.steering.vector.ControlVector;
import dev.rein.text.tokenizer.EncodeOption;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the lab API's request bodies strictly, with {@code rein serve}'s {@link JsonFields}: an unknown field, a value
 * of the wrong type or out of range, or an asset not loaded is a 400 naming the field and what it expected.
 */
final class LabRequests {
    /** Most tokens a prompt may have in the lab: its heatmaps are read by eye. */
    static final int MAX_PROMPT_TOKENS = 256;

    private final LanguageModel model;
    private final ServerAssets assets;
    private final SteeringPlayground playground;

    LabRequests(LanguageModel model, ServerAssets assets, SteeringPlayground playground) {
        this.model = model;
        this.assets = assets;
        this.playground = playground;
    }

    /** The body, a JSON object with only {@code fields}. */
    JsonFields body(Context ctx, String... fields) {
        return new JsonFields(LabServer.parse(ctx), "", Set.of(fields));
    }

    /** The text of {@code field} encoded as the model reads it (BOS first where the tokenizer adds one). */
    int[] prompt(JsonFields body, String field) {
        String text = body.text(field).orElseThrow(() -> ApiError.invalid(field, "'" + field + "' is required (text)"));
        int[] ids = model.tokenizer().encode(text);
        int limit = Math.min(MAX_PROMPT_TOKENS, model.config().maxPositions());
        if (ids.length == 0 || ids.length > limit) {
            throw ApiError.invalid(field, "'" + field + "' must encode to 1.." + limit + " tokens, got " + ids.length);
        }
        return ids;
    }

    /** {@code k}: predictions per position, 1..20, 5 when left out. */
    int topK(JsonFields body) {
        int k = body.integer("k").orElse(5);
        if (k < 1 || k > 20) throw ApiError.invalid("k", "'k' must be in 1..20, got " + k);
        return k;
    }

    /** A block index of the model. */
    int layer(JsonFields body, String field) {
        int layer = body.integer(field).orElseThrow(() -> ApiError.invalid(field, "'" + field + "' is required"));
        int layers = model.config().numLayers();
        if (layer < 0 || layer >= layers) {
            throw ApiError.invalid(field, "'" + field + "' must be a block index 0.." + (layers - 1) + ", got " + layer);
        }
        return layer;
    }

    /** {@code sites}: names of {@link PatchSite}, all four when left out. */
    List<PatchSite> sites(JsonFields body) {
        Optional<JsonNode> given = body.get("sites");
        if (given.isEmpty()) return List.of(PatchSite.values());
        if (!given.get().isArray() || given.get().isEmpty()) {
            throw body.wrongType("sites", "a non-empty array of resid_pre, attn_out, mlp_out, z");
        }
        List<PatchSite> sites = new ArrayList<>();
        for (JsonNode site : given.get()) {
            try {
                PatchSite parsed = PatchSite.parse(site.asText());
                if (!sites.contains(parsed)) sites.add(parsed);
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("sites", "sites: " + e.getMessage());
            }
        }
        return sites;
    }

    /** The one token {@code field}'s text encodes to (no special tokens added), or empty when left out. */
    OptionalInt singleToken(JsonFields body, String field) {
        Optional<String> text = body.text(field);
        if (text.isEmpty()) return OptionalInt.empty();
        int[] ids = model.tokenizer().encode(text.get(), EncodeOption.WITHOUT_SPECIAL_TOKENS);
        if (ids.length != 1) {
            throw ApiError.invalid(field, "'" + field + "' must be one token, but '" + text.get() + "' encodes to "
                    + ids.length);
        }
        return OptionalInt.of(ids[0]);
    }

    /** A non-empty array of strings. */
    List<String> texts(JsonFields body, String field) {
        JsonNode given = body.require(field);
        if (!given.isArray() || given.isEmpty()) throw body.wrongType(field, "a non-empty array of strings");
        List<String> texts = new ArrayList<>();
        for (JsonNode text : given) {
            if (!text.isTextual()) throw body.wrongType(field, "a non-empty array of strings");
            texts.add(text.textValue());
        }
        return texts;
    }

    /**
     * {@code max_tokens} (1.., 30 when left out, within the context), {@code temperature} (0, the default, is
     * greedy) and {@code seed} (0 when left out) over the model's generation defaults.
     */
    SamplingSettings sampling(JsonFields body, int promptTokens) {
        int maxTokens = body.integer("max_tokens").orElse(30);
        int room = model.config().maxPositions() - promptTokens;
        if (maxTokens < 1 || maxTokens > room) {
            throw ApiError.invalid("max_tokens", "'max_tokens' must be in 1.." + room + " (the context left after "
                    + "the prompt), got " + maxTokens);
        }
        double temperature = body.number("temperature").orElse(0);
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw ApiError.invalid("temperature", "'temperature' must be at least 0, got " + temperature);
        }
        Sampling sampling = temperature == 0 ? Sampling.greedy()
                : Sampling.sample().temperature(temperature).seed(body.integer("seed").orElse(0));
        return sampling.maxNewTokens(maxTokens).resolve(model.generationConfig(), model.config().specialTokens());
    }

    /** The steered side's control: {@code steering}, {@code recontrol} (they combine) or {@code cie} (alone). */
    SteeringPlayground.Control control(JsonFields body) {
        ControlVector vector = null;
        float strength = 0;
        Optional<JsonNode> steering = body.get("steering");
        if (steering.isPresent()) {
            JsonFields fields = new JsonFields(steering.get(), "steering", Set.of("vector", "strength"));
            String name = fields.text("vector").orElseThrow(() -> ApiError.invalid("steering.vector",
                    "'steering.vector' is required (a vector built with /api/steer/build or loaded)"));
            vector = playground.vector(name).orElseThrow(() -> ApiError.invalid("steering.vector", "unknown steering"
                    + " vector '" + name + "'; build one (POST /api/steer/build) or load one (POST /api/steer/load)",
                    "unknown_asset"));
            double given = fields.number("strength").orElse(1);
            if (!Double.isFinite(given)) throw ApiError.invalid("steering.strength", "'steering.strength' must be finite");
            strength = (float) given;
        }
        ValueGuidance guidance = body.get("recontrol").map(this::guidance).orElse(null);
        Optional<JsonNode> cie = body.get("cie");
        if (cie.isEmpty()) return new SteeringPlayground.Control(vector, strength, guidance, null, Map.of());
        if (vector != null || guidance != null) {
            throw ApiError.invalid("cie", "'cie' renders the prompt as CIE training did: leave out 'steering' and "
                    + "'recontrol'");
        }
        JsonFields fields = new JsonFields(cie.get(), "cie", Set.of("tables", "controls"));
        String name = fields.text("tables").orElseThrow(() -> ApiError.invalid("cie.tables", "'cie.tables' is "
                + "required (a CIE folder loaded with --cie NAME=DIR)"));
        CieControls controls = assets.cie(name).orElseThrow(() -> ApiError.invalid("cie.tables", "unknown CIE folder '"
                + name + "'; load one with --cie NAME=DIR", "unknown_asset"));
        JsonNode given = fields.require("controls");
        if (!given.isObject() || given.isEmpty()) {
            throw fields.wrongType("controls", "an object of signal: value, e.g. {\"length\": 120}");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        given.properties().forEach(entry -> {
            if (!entry.getValue().isNumber()) {
                throw ApiError.invalid("cie.controls." + entry.getKey(), "'cie.controls." + entry.getKey()
                        + "' must be a number, got " + entry.getValue());
            }
            values.put(entry.getKey(), entry.getValue().doubleValue());
        });
        return new SteeringPlayground.Control(null, 0, null, controls, values);
    }

    /** RE-Control: {@code {value_model, steps, step_size, max_edit_norm}} over a value model loaded at start. */
    private ValueGuidance guidance(JsonNode node) {
        JsonFields fields = new JsonFields(node, "recontrol", Set.of("value_model", "steps", "step_size",
                "max_edit_norm"));
        String name = fields.text("value_model").orElseThrow(() -> ApiError.invalid("recontrol.value_model",
                "'recontrol.value_model' is required (a value model loaded with --value-model NAME=DIR)"));
        ValueFunction value = assets.valueModel(name).orElseThrow(() -> ApiError.invalid("recontrol.value_model",
                "unknown value model '" + name + "'; load one with --value-model NAME=DIR", "unknown_asset"));
        try {
            return new ValueGuidance(value, fields.integer("steps").orElse(30),
                    (float) fields.number("step_size").orElse(0.5), fields.number("max_edit_norm")
                    .orElse(ValueGuidance.UNBOUNDED), ValueGuidance.Positions.ALL);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("recontrol", "recontrol: " + e.getMessage());
        }
    }
}
