package dev.rein.formats.gguf;

import dev.rein.formats.config.ModelFamily;
import java.util.Arrays;
import java.util.List;

/**
 * The architectures ({@code general.architecture}) Rein reads from GGUF files and the Hugging Face family each is.
 * llama.cpp's converter writes Mistral checkpoints as {@code llama}; {@code mistral} is read too, for files that
 * say so.
 */
public enum GgufArchitecture {
    LLAMA("llama", ModelFamily.LLAMA, "llama"),
    MISTRAL("mistral", ModelFamily.MISTRAL, "mistral"),
    QWEN2("qwen2", ModelFamily.QWEN2, "qwen2"),
    QWEN3("qwen3", ModelFamily.QWEN3, "qwen3"),
    GEMMA("gemma", ModelFamily.GEMMA, "gemma"),
    GEMMA2("gemma2", ModelFamily.GEMMA2, "gemma2"),
    GEMMA3("gemma3", ModelFamily.GEMMA3, "gemma3_text"),
    GPT2("gpt2", ModelFamily.GPT2, "gpt2");

    private final String ggufName;
    private final ModelFamily family;
    private final String modelType;

    GgufArchitecture(String ggufName, ModelFamily family, String modelType) {
        this.ggufName = ggufName;
        this.family = family;
        this.modelType = modelType;
    }

    /** The name in {@code general.architecture} and the prefix of the architecture's keys. */
    public String ggufName() {
        return ggufName;
    }

    public ModelFamily family() {
        return family;
    }

    /** The config.json {@code model_type} of the equivalent Hugging Face model. */
    String modelType() {
        return modelType;
    }

    /**
     * Whether llama.cpp stores this architecture's query and key rows in Meta's interleaved rotary order (its
     * converter permutes them; see {@link dev.rein.formats.layout.RotaryPermutation}).
     */
    boolean interleavesRotaryRows() {
        return this == LLAMA || this == MISTRAL;
    }

    /** Whether llama.cpp stores this architecture's norm weights as {@code 1 + w} (Gemma's norms scale by that). */
    boolean storesNormsPlusOne() {
        return family.isGemma();
    }

    /** The architecture llama.cpp names {@code name}, or null when Rein does not read it. */
    static GgufArchitecture ofGgufName(String name) {
        for (GgufArchitecture architecture : values()) {
            if (architecture.ggufName.equals(name)) return architecture;
        }
        return null;
    }

    /** The architecture a GGUF file of {@code family} is written as (Mistral as llama, as llama.cpp does). */
    public static GgufArchitecture of(ModelFamily family) {
        return family == ModelFamily.MISTRAL ? LLAMA
                : Arrays.stream(values()).filter(a -> a.family == family).findFirst().orElseThrow();
    }

    /** The names Rein reads, for messages. */
    static List<String> names() {
        return Arrays.stream(values()).map(GgufArchitecture::ggufName).toList();
    }
}
