package dev.rein.formats.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The architecture of a Hugging Face checkpoint, read from its config.json and normalised across families: the one
 * description the transformer implementation consumes, whatever the family's key names ({@code n_embd} or
 * {@code hidden_size}) and defaults. Fields a config leaves out take the values Hugging Face transformers gives them
 * (each listed in this package's HfDefaults and Gpt2ConfigReader); anything not covered here stays available in
 * {@link #raw}.
 *
 * @param family                the architecture family
 * @param modelType             config.json's {@code model_type} as written (e.g. {@code gemma3} for a multimodal
 *                              Gemma 3 checkpoint, whose weights sit under {@code language_model.})
 * @param vocabSize             rows of the token embedding
 * @param hiddenSize            width of the residual stream
 * @param numLayers             decoder layers
 * @param intermediateSize      width of the MLP's inner layer
 * @param activation            the MLP nonlinearity
 * @param mlpBias               whether the MLP projections have biases (GPT-2; Llama with {@code mlp_bias})
 * @param normEps               epsilon of every LayerNorm (GPT-2) or RMSNorm (the others)
 * @param maxPositions          GPT-2: rows of the learned position table; others: the context the model was built for
 * @param positions             learned positions (GPT-2) or rotary settings
 * @param attention             the self-attention of every layer
 * @param tieWordEmbeddings     whether the output projection reuses the token embedding matrix
 * @param finalLogitSoftcapping when present, logits pass through {@code cap * tanh(logit / cap)} (Gemma 2)
 * @param specialTokens         bos/eos/pad ids from config.json (generation_config.json may override them)
 * @param dtype                 the dtype the checkpoint was saved in as Hugging Face names it ({@code "bfloat16"}),
 *                              from {@code dtype} or the older {@code torch_dtype}
 * @param raw                   the whole parsed config.json (the outer object for Gemma 3); treat it as read-only
 */
public record ModelConfig(
        ModelFamily family,
        String modelType,
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int intermediateSize,
        Activation activation,
        boolean mlpBias,
        double normEps,
        int maxPositions,
        PositionEncoding positions,
        AttentionSettings attention,
        boolean tieWordEmbeddings,
        OptionalDouble finalLogitSoftcapping,
        SpecialTokens specialTokens,
        Optional<String> dtype,
        JsonNode raw) {

    /** The file name of a checkpoint's model config. */
    public static final String FILE_NAME = "config.json";

    public ModelConfig {
        if (attention.layerTypes().size() != numLayers) {
            throw new IllegalArgumentException("attention.layerTypes must have one entry per layer (" + numLayers
                    + "), found " + attention.layerTypes().size());
        }
    }

    /**
     * Reads a config.json.
     *
     * @throws FormatException when the file is not JSON, names an unsupported {@code model_type}, lacks a required
     *                         field, holds a value of the wrong type or an unsupported setting, or is inconsistent
     *                         (e.g. key/value heads that do not divide the heads); the message names file and field
     * @throws IOException     when the file cannot be read
     */
    public static ModelConfig read(Path configJson) throws IOException {
        return parse(configJson, JsonFiles.read(configJson));
    }

    /**
     * Reads a config.json already parsed, or built in memory by a reader of another checkpoint format; the
     * checks and errors are those of {@link #read}.
     *
     * @param source the file the config comes from, named in errors (may be null)
     * @param json   the config.json object
     * @throws FormatException as {@link #read} describes
     */
    public static ModelConfig parse(Path source, JsonNode json) {
        JsonFields config = JsonFields.of(source, "", json);
        String modelType = config.string("model_type");
        ModelFamily family = ModelFamily.ofModelType(source, modelType);
        return family == ModelFamily.GPT2
                ? Gpt2ConfigReader.read(config)
                : RopeFamilyConfigReader.read(family, modelType, config);
    }

    /** Reads {@code config.json} from a checkpoint folder; see {@link #read}. */
    public static ModelConfig readFolder(Path checkpointDir) throws IOException {
        return read(checkpointDir.resolve(FILE_NAME));
    }

    /**
     * A few lines describing the architecture, for {@code rein info}, e.g.
     * <pre>
     * llama: 3 layers, hidden 64, vocab 512, context 2048, float32
     * attention: 8 heads, 2 key/value heads, head_dim 8
     * positions: RoPE theta 10000, llama3 scaling (factor 8, low_freq_factor 1, high_freq_factor 4, original 64)
     * mlp: 160 wide, silu; norm eps 0.00001; embeddings untied
     * </pre>
     */
    public String summary() {
        return String.join("\n", overviewLine(), attentionLine(), positionsLine(), mlpLine());
    }

    private String overviewLine() {
        return modelType + ": " + numLayers + " layers, hidden " + hiddenSize + ", vocab " + vocabSize
                + ", context " + maxPositions + dtype.map(name -> ", " + name).orElse("");
    }

    private String attentionLine() {
        List<String> parts = new ArrayList<>();
        parts.add(attention.numHeads() + " heads");
        parts.add(attention.numKvHeads() + " key/value heads");
        parts.add("head_dim " + attention.headDim());
        if (attention.queryPreAttnScalar() != attention.headDim()) {
            parts.add("scores scaled by 1/sqrt(" + number(attention.queryPreAttnScalar()) + ")");
        }
        if (attention.qkvBias()) parts.add("q/k/v bias");
        if (attention.outputBias()) parts.add("output bias");
        if (attention.qkNorm()) parts.add("q/k norm");
        attention.slidingWindow().ifPresent(window -> parts.add("sliding window " + window + " on "
                + attention.layerTypes().stream().filter(type -> type == LayerType.SLIDING).count() + " of "
                + numLayers + " layers"));
        attention.logitSoftcapping().ifPresent(cap -> parts.add("score softcap " + number(cap)));
        return "attention: " + String.join(", ", parts);
    }

    private String positionsLine() {
        return "positions: " + switch (positions) {
            case PositionEncoding.Learned learned -> "learned table of " + maxPositions;
            case PositionEncoding.Rotary rotary -> rotary.slidingAttention().equals(rotary.fullAttention())
                    ? describe(rotary.fullAttention())
                    : "full layers " + describe(rotary.fullAttention())
                            + "; sliding layers " + describe(rotary.slidingAttention());
        };
    }

    private String mlpLine() {
        return "mlp: " + intermediateSize + " wide, " + activation.name().toLowerCase(Locale.ROOT)
                + (mlpBias ? ", bias" : "")
                + "; norm eps " + number(normEps) + "; embeddings " + (tieWordEmbeddings ? "tied" : "untied")
                + (finalLogitSoftcapping.isPresent()
                        ? "; logit softcap " + number(finalLogitSoftcapping.getAsDouble())
                        : "");
    }

    private static String describe(Rope rope) {
        String theta = "RoPE theta " + number(rope.theta());
        return theta + switch (rope.scaling()) {
            case RopeScaling.None none -> "";
            case RopeScaling.Linear linear -> ", linear scaling (factor " + number(linear.factor()) + ")";
            case RopeScaling.Llama3 llama3 -> ", llama3 scaling (factor " + number(llama3.factor())
                    + ", low_freq_factor " + number(llama3.lowFreqFactor())
                    + ", high_freq_factor " + number(llama3.highFreqFactor())
                    + ", original " + llama3.originalMaxPositions() + ")";
        };
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
