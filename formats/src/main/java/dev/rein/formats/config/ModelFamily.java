package dev.rein.formats.config;

import dev.rein.formats.FormatException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The architectures Rein runs, named by Hugging Face's {@code model_type}. The transformer implementation switches
 * on the family for what config.json does not spell out: GPT-2 uses learned positions, LayerNorm with bias and a
 * plain MLP; the others use RoPE, RMSNorm and a gated MLP; the Gemma families scale embeddings by
 * sqrt(hidden_size) and multiply RMSNorm by (1 + weight); Gemma 2 and 3 add norms after attention and MLP.
 */
public enum ModelFamily {
    GPT2("gpt2"),
    LLAMA("llama"),
    MISTRAL("mistral"),
    QWEN2("qwen2"),
    QWEN3("qwen3"),
    GEMMA("gemma"),
    GEMMA2("gemma2"),
    /** Gemma 3: {@code gemma3_text} (text only), or {@code gemma3} whose text settings are nested in text_config. */
    GEMMA3("gemma3_text", "gemma3");

    private final List<String> modelTypes;

    ModelFamily(String... modelTypes) {
        this.modelTypes = List.of(modelTypes);
    }

    /**
     * Whether this is one of the Gemma families (1, 2 and 3): they scale token embeddings by sqrt(hidden_size),
     * multiply RMSNorm by (1 + weight), and share Hugging Face defaults (activation field, tied embeddings). The one
     * place that says which families these are.
     */
    public boolean isGemma() {
        return this == GEMMA || this == GEMMA2 || this == GEMMA3;
    }

    /** The {@code model_type} values of this family. */
    public List<String> modelTypes() {
        return modelTypes;
    }

    /** Every {@code model_type} Rein reads, in declaration order. */
    public static List<String> supportedModelTypes() {
        return Arrays.stream(values()).flatMap(family -> family.modelTypes.stream()).toList();
    }

    /**
     * The family of a {@code model_type}.
     *
     * @throws FormatException naming the file and {@code model_type} and listing the supported types
     */
    static ModelFamily ofModelType(Path file, String modelType) {
        for (ModelFamily family : values()) {
            if (family.modelTypes.contains(modelType)) return family;
        }
        throw new FormatException(file, "model_type", "unsupported model type \"" + modelType
                + "\"; supported: " + String.join(", ", supportedModelTypes()));
    }
}
