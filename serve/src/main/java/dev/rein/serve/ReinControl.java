package dev.rein.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Completion;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.hooks.Hooks;
import dev.rein.steering.cie.CieControls;
import dev.rein.steering.cie.ControlledTokens;
import dev.rein.steering.cogsteer.LayerAdapter;
import dev.rein.steering.cogsteer.SteeredForward;
import dev.rein.steering.cogsteer.SteeringSettings;
import dev.rein.steering.ctrl.ControlToken;
import dev.rein.steering.ctrl.ControlVocabulary;
import dev.rein.steering.ctrl.Placement;
import dev.rein.steering.dph.BestOfN;
import dev.rein.steering.dph.DphModel;
import dev.rein.steering.recontrol.ValueGuidance;
import dev.rein.steering.vector.ControlVector;
import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's {@code rein} object, mapped onto the library entry points {@code rein generate} uses: steering vectors
 * (name to strength) and RE-Control ({@link ValueGuidance}) as hooks, CogSteer as a {@link SteeredForward},
 * control tokens written into the prompt ({@link Placement}), DPH's best-of-N ranked by a reward head
 * ({@link BestOfN}), and CIE's control values injected at placeholders ({@link CieControls}). Control tokens only change the prompt, so such a request still joins the shared batch; the
 * other methods run alone ({@link ExclusiveGeneration}).
 *
 * @param vectors   steering vectors and their strengths
 * @param guidance  RE-Control's guidance, or null
 * @param cogsteer  CogSteer's adapter, or null
 * @param steering  CogSteer's settings (with {@code cogsteer})
 * @param tokens    control tokens put in the prompt
 * @param placement where they go
 * @param bestOf    best-of-N, or null
 * @param cie       CIE's tables and values, or null
 */
record ReinControl(Map<ControlVector, Float> vectors, ValueGuidance guidance, LayerAdapter cogsteer,
                   SteeringSettings steering, List<ControlToken> tokens, Placement placement, BestOf bestOf,
                   Cie cie) {
    static final ReinControl NONE = new ReinControl(Map.of(), null, null, null, List.of(), Placement.START, null,
            null);

    /** CIE: the tables of {@code controls} with a value per signal. */
    record Cie(CieControls controls, Map<String, Double> values) {
        /** The instruction rendered as training rendered it, with the placeholders to inject at. */
        ControlledTokens prompt(String instruction) {
            try {
                return controls.prompt(instruction, values, "prompt");
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("rein.cie", "rein.cie: " + e.getMessage());
            }
        }
    }

    /** DPH's best-of-N: n samples ranked by {@code head} of {@code model}. */
    record BestOf(int n, DphModel model, String head) {
    }

    /** Whether the request decodes in the shared batch (nothing but control tokens asked for). */
    boolean plain() {
        return vectors.isEmpty() && guidance == null && cogsteer == null && bestOf == null && cie == null;
    }

    /** {@code text} with the control tokens placed in it. */
    String prompt(String text) {
        return tokens.isEmpty() ? text : placement.prompt(text, tokens);
    }

    /** The generation of {@code request} through the methods asked for; only for a request that is not plain. */
    ExclusiveGeneration generation(LanguageModel model, CompletionRequest request) {
        Tokenizer tokenizer = model.tokenizer();
        if (bestOf != null) {
            return listener -> {
                BestOfN.Choice choice = new BestOfN(bestOf.model(), tokenizer, bestOf.head())
                        .choose(request.promptTexts(), request.settings(), bestOf.n(), 1, done -> { }).getFirst();
                String reply = choice.chosen().reply();
                return List.of(new Completion(0, 0, reply,
                        tokenizer.encode(reply, EncodeOption.WITHOUT_SPECIAL_TOKENS), null));
            };
        }
        if (cie != null) {
            ControlledTokens prompt = cie.prompt(request.promptTexts().getFirst());
            return listener -> cie.controls().generation().generate(List.of(prompt), request.settings(),
                            GenerationOptions.NONE.withProcessors(request.processors())
                                    .withStopStringsDecodedBy(tokenizer).withListener(listener))
                    .stream().map(sequence -> Completion.of(tokenizer, sequence)).toList();
        }
        Generator generator = cogsteer == null ? new Generator(model.transformer())
                : new Generator(model.transformer(), new SteeredForward(model.transformer(), cogsteer, steering));
        Hooks hooks = new Hooks();
        vectors.forEach((vector, strength) -> vector.addTo(hooks, strength));
        if (guidance != null) {
            guidance.addTo(hooks);
        }
        return listener -> generator.generate(request.prompts(), request.settings(), GenerationOptions.NONE
                        .withHooks(hooks).withProcessors(request.processors()).withStopStringsDecodedBy(tokenizer)
                        .withListener(listener))
                .stream().map(sequence -> Completion.of(tokenizer, sequence)).toList();
    }

    /** Reads {@code rein} objects against the loaded assets; an unknown asset is refused by name. */
    static final class Parser {
        private static final Set<String> FIELDS = Set.of("steering_vectors", "recontrol", "cogsteer",
                "control_tokens", "control_placement", "best_of", "reward_head", "reward_name", "cie");
        private final ServerAssets assets;
        private final LanguageModel model;

        Parser(ServerAssets assets, LanguageModel model) {
            this.assets = assets;
            this.model = model;
        }

        ReinControl parse(Optional<JsonNode> rein) {
            if (rein.isEmpty()) return NONE;
            JsonFields fields = new JsonFields(rein.get(), "rein", FIELDS);
            Map<ControlVector, Float> vectors = vectors(fields);
            ValueGuidance guidance = fields.get("recontrol").map(node -> guidance(node)).orElse(null);
            JsonFields cog = fields.get("cogsteer")
                    .map(node -> new JsonFields(node, "rein.cogsteer", Set.of("adapter", "norm_exp"))).orElse(null);
            LayerAdapter adapter = cog == null ? null : assets.cogsteer(name(cog, "adapter"))
                    .orElseThrow(() -> unknown(cog, "adapter", "CogSteer adapter", "--cogsteer"));
            SteeringSettings steering = cog == null ? null
                    : SteeringSettings.defaults().withNormExponent(cog.number("norm_exp").orElse(0.4));
            List<ControlToken> tokens = tokens(fields);
            Placement placement = placement(fields);
            BestOf bestOf = bestOf(fields);
            Cie cie = fields.get("cie").map(this::cie).orElse(null);
            if (cie != null && (adapter != null || guidance != null || !vectors.isEmpty() || !tokens.isEmpty()
                    || bestOf != null)) {
                throw ApiError.invalid("rein.cie", "rein.cie renders the prompt as CIE training did and sets the "
                        + "model's inputs: leave out the other rein options");
            }
            if (adapter != null && (guidance != null || !vectors.isEmpty())) {
                throw ApiError.invalid("rein.cogsteer", "rein.cogsteer cannot be combined with rein.recontrol or "
                        + "rein.steering_vectors: CogSteer runs its own passes");
            }
            if (bestOf != null && (adapter != null || guidance != null || !vectors.isEmpty() || !tokens.isEmpty())) {
                throw ApiError.invalid("rein.best_of", "rein.best_of samples the plain model in the reward heads' "
                        + "reply format: leave out the other rein options");
            }
            return new ReinControl(vectors, guidance, adapter, steering, tokens, placement, bestOf, cie);
        }

        private Map<ControlVector, Float> vectors(JsonFields fields) {
            Map<ControlVector, Float> vectors = new LinkedHashMap<>();
            Optional<JsonNode> given = fields.get("steering_vectors");
            if (given.isEmpty()) return vectors;
            if (!given.get().isObject()) throw fields.wrongType("steering_vectors", "an object of name: strength");
            given.get().fields().forEachRemaining(entry -> {
                String where = "rein.steering_vectors." + entry.getKey();
                ControlVector vector = assets.steeringVector(entry.getKey()).orElseThrow(() -> ApiError.invalid(where,
                        "unknown steering vector '" + entry.getKey() + "'; loaded: GET /v1/rein/assets (add one with"
                                + " --steering-vector NAME=FILE)", "unknown_asset"));
                if (!entry.getValue().isNumber() || !Double.isFinite(entry.getValue().doubleValue())) {
                    throw ApiError.invalid(where, where + " must be a number (the strength), got " + entry.getValue());
                }
                vectors.put(vector, entry.getValue().floatValue());
            });
            return vectors;
        }

        private ValueGuidance guidance(JsonNode node) {
            JsonFields recontrol = new JsonFields(node, "rein.recontrol", Set.of("value_model", "steps", "step_size",
                    "max_edit_norm"));
            var value = assets.valueModel(name(recontrol, "value_model"))
                    .orElseThrow(() -> unknown(recontrol, "value_model", "value model", "--value-model"));
            int steps = recontrol.integer("steps").orElseThrow(() -> ApiError.invalid("rein.recontrol.steps",
                    "'rein.recontrol.steps' is required (RE-Control: 30)"));
            double stepSize = recontrol.number("step_size").orElseThrow(() -> ApiError.invalid(
                    "rein.recontrol.step_size", "'rein.recontrol.step_size' is required (RE-Control: 0.5 or 1.0)"));
            double bound = recontrol.number("max_edit_norm").orElse(ValueGuidance.UNBOUNDED);
            try {
                return new ValueGuidance(value, steps, (float) stepSize, bound, ValueGuidance.Positions.ALL);
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("rein.recontrol", "rein.recontrol: " + e.getMessage());
            }
        }

        private Cie cie(JsonNode node) {
            JsonFields cie = new JsonFields(node, "rein.cie", Set.of("tables", "controls"));
            CieControls controls = assets.cie(name(cie, "tables"))
                    .orElseThrow(() -> unknown(cie, "tables", "CIE folder", "--cie"));
            JsonNode given = cie.require("controls");
            if (!given.isObject() || given.isEmpty()) {
                throw cie.wrongType("controls", "an object of signal: value, e.g. {\"length\": 120}");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            given.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isNumber() || !Double.isFinite(entry.getValue().doubleValue())) {
                    throw ApiError.invalid("rein.cie.controls." + entry.getKey(), "rein.cie.controls."
                            + entry.getKey() + " must be a number, got " + entry.getValue());
                }
                values.put(entry.getKey(), entry.getValue().doubleValue());
            });
            return new Cie(controls, values);
        }

        private List<ControlToken> tokens(JsonFields fields) {
            Optional<JsonNode> given = fields.get("control_tokens");
            if (given.isEmpty()) return List.of();
            if (!given.get().isArray()) throw fields.wrongType("control_tokens", "an array of token names");
            List<ControlToken> tokens = new ArrayList<>();
            for (JsonNode name : given.get()) {
                try {
                    tokens.add(ControlToken.parse(name.asText()));
                } catch (IllegalArgumentException e) {
                    throw ApiError.invalid("rein.control_tokens", "rein.control_tokens: " + e.getMessage());
                }
            }
            try {
                ControlVocabulary.check(model.tokenizer(), model.config().vocabSize(), tokens, "the served model");
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("rein.control_tokens", e.getMessage());
            }
            return tokens;
        }

        private static Placement placement(JsonFields fields) {
            try {
                return Placement.parse(fields.text("control_placement").orElse("start"));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("rein.control_placement", "rein.control_placement: " + e.getMessage());
            }
        }

        private BestOf bestOf(JsonFields fields) {
            if (fields.get("best_of").isEmpty()) {
                if (fields.get("reward_head").isPresent()) {
                    throw ApiError.invalid("rein.reward_head", "rein.reward_head ranks rein.best_of's samples; give"
                            + " rein.best_of too");
                }
                return null;
            }
            int n = fields.integer("best_of").getAsInt();
            if (n < 1) throw ApiError.invalid("rein.best_of", "rein.best_of must be at least 1, got " + n);
            DphModel heads = assets.rewardHead(name(fields, "reward_head"))
                    .orElseThrow(() -> unknown(fields, "reward_head", "reward head", "--reward-head"));
            String head = fields.text("reward_name").orElse(heads.heads().names().getFirst());
            if (!heads.heads().names().contains(head)) {
                throw ApiError.invalid("rein.reward_name", "no head '" + head + "'; the heads are "
                        + heads.heads().names());
            }
            return new BestOf(n, heads, head);
        }

        private static String name(JsonFields fields, String field) {
            return fields.text(field).orElseThrow(() -> ApiError.invalid(fields.name(field),
                    "'" + fields.name(field) + "' is required (an asset name)"));
        }

        private static ApiError unknown(JsonFields fields, String field, String kind, String option) {
            String name = fields.text(field).orElse("");
            return ApiError.invalid(fields.name(field), "unknown " + kind + " '" + name + "'; loaded: GET "
                    + "/v1/rein/assets (add one with " + option + " NAME=DIR)", "unknown_asset");
        }
    }
}
