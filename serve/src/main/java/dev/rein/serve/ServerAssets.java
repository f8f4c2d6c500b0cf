package dev.rein.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.models.LanguageModel;
import dev.rein.steering.cie.CieControls;
import dev.rein.steering.cogsteer.LayerAdapter;
import dev.rein.steering.dph.DphHeads;
import dev.rein.steering.dph.DphModel;
import dev.rein.steering.dph.ReplyFormat;
import dev.rein.steering.recontrol.ValueFunction;
import dev.rein.steering.recontrol.ValueModelConfig;
import dev.rein.steering.vector.ControlVector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The control assets a server loads at start, each under the name requests use: steering vectors
 * ({@link ControlVector}), RE-Control value models, CogSteer adapters, DPH reward heads and CIE control tables. Each is checked against
 * the served model when it is added, so a request can only fail on what it asks for.
 */
public final class ServerAssets {
    private final LanguageModel model;
    private final Map<String, ControlVector> steeringVectors = new TreeMap<>();
    private final Map<String, ValueFunction> valueModels = new TreeMap<>();
    private final Map<String, LayerAdapter> cogsteerAdapters = new TreeMap<>();
    private final Map<String, DphModel> rewardHeads = new TreeMap<>();
    private final Map<String, CieControls> cieTables = new TreeMap<>();

    public ServerAssets(LanguageModel model) {
        this.model = model;
    }

    /**
     * Adds the steering vector in {@code file} as {@code name}.
     *
     * @throws IllegalArgumentException when its width or layers do not fit the model, or the name is taken
     */
    public ServerAssets addSteeringVector(String name, Path file) throws IOException {
        ControlVector vector = ControlVector.read(file);
        vector.requireFits(model.config().hiddenSize(), model.config().numLayers(), file.toString());
        put(steeringVectors, name, vector);
        return this;
    }

    /** Adds the RE-Control value model in {@code folder} (value_model.json and weights) as {@code name}. */
    public ServerAssets addValueModel(String name, Path folder) throws IOException {
        ValueFunction value = ValueFunction.load(folder);
        ValueModelConfig config = value.config();
        if (!model.transformer().hookPoints().contains(config.hookPoint())
                || config.inputSize() != model.config().hiddenSize()) {
            throw new IllegalArgumentException(folder + " reads " + config.inputSize() + "-wide states at "
                    + config.hookPoint() + ", but the model has " + model.config().hiddenSize() + "-wide states and "
                    + model.config().numLayers() + " layers");
        }
        put(valueModels, name, value);
        return this;
    }

    /** Adds the CogSteer adapter in {@code folder} (rein cogsteer train's) as {@code name}. */
    public ServerAssets addCogSteer(String name, Path folder) throws IOException {
        put(cogsteerAdapters, name, LayerAdapter.load(folder, model.transformer()));
        return this;
    }

    /** Adds the DPH reward heads in {@code folder} (rein dph train's OUT/heads) as {@code name}. */
    public ServerAssets addRewardHead(String name, Path folder) throws IOException {
        DphHeads heads = DphHeads.load(folder);
        int eos = model.config().specialTokens().eos().getFirst();
        put(rewardHeads, name, new DphModel(model.transformer(), heads,
                ReplyFormat.of(model.tokenizer(), eos, heads.poolToken()), eos));
        return this;
    }

    /**
     * Adds the CIE folder (rein cie train's: control tables, a LoRA adapter beside them if any) as {@code name}; its
     * placeholder tokens are added to the served model's tokenizer.
     */
    public ServerAssets addCie(String name, Path folder) throws IOException {
        put(cieTables, name, CieControls.load(model, folder, folder.toString()));
        return this;
    }

    /** The CIE folder loaded as {@code name}. */
    public Optional<CieControls> cie(String name) {
        return Optional.ofNullable(cieTables.get(name));
    }

    /** The steering vector loaded as {@code name}. */
    public Optional<ControlVector> steeringVector(String name) {
        return Optional.ofNullable(steeringVectors.get(name));
    }

    /** The RE-Control value model loaded as {@code name}. */
    public Optional<ValueFunction> valueModel(String name) {
        return Optional.ofNullable(valueModels.get(name));
    }

    Optional<LayerAdapter> cogsteer(String name) {
        return Optional.ofNullable(cogsteerAdapters.get(name));
    }

    Optional<DphModel> rewardHead(String name) {
        return Optional.ofNullable(rewardHeads.get(name));
    }

    /** {@code GET /v1/rein/assets}: every asset by kind, with what a request needs to know about it. */
    public ObjectNode describe() {
        ObjectNode out = OpenAiJson.MAPPER.createObjectNode();
        ObjectNode vectors = out.putObject("steering_vectors");
        steeringVectors.forEach((name, v) -> {
            ObjectNode entry = vectors.putObject(name).put("model_hint", v.modelHint());
            v.directions().keySet().forEach(entry.putArray("layers")::add);
        });
        ObjectNode values = out.putObject("value_models");
        valueModels.forEach((name, v) -> values.putObject(name).put("hook_point", v.config().hookPoint()));
        ObjectNode adapters = out.putObject("cogsteer");
        cogsteerAdapters.forEach((name, a) -> adapters.putObject(name).put("layer", a.layer()));
        ObjectNode heads = out.putObject("reward_heads");
        rewardHeads.forEach((name, h) -> h.heads().names().forEach(heads.putObject(name).putArray("heads")::add));
        ObjectNode tables = out.putObject("cie");
        cieTables.forEach((name, c) -> tables.putObject(name).put("template", c.template().kind().name().toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    private static <T> void put(Map<String, T> assets, String name, T asset) {
        if (name.isBlank() || assets.putIfAbsent(name, asset) != null) {
            throw new IllegalArgumentException("asset name '" + name + "' is empty or already taken");
        }
    }
}
