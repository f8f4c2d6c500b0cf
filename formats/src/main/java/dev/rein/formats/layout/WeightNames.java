package dev.rein.formats.layout;

import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.config.ModelFamily;
import java.util.List;

/**
 * The names under which a checkpoint may store a tensor that {@link ParameterLayout} names canonically. Some model
 * classes of a family save their weights under another prefix: GPT-2's base {@code GPT2Model} (the original OpenAI
 * checkpoints) without {@code transformer.}, and the multimodal {@code Gemma3ForConditionalGeneration} under
 * {@code language_model.model.} (transformers before 4.52) or {@code model.language_model.} (after).
 */
public final class WeightNames {
    private static final String MODEL_PREFIX = "model.";
    private static final String GPT2_PREFIX = "transformer.";
    private static final String LM_HEAD = "lm_head.weight";

    private WeightNames() {
    }

    /** Names to try, in order, for the canonical {@code name}. */
    public static List<String> candidates(ModelConfig config, String name) {
        if (config.family() == ModelFamily.GPT2 && name.startsWith(GPT2_PREFIX)) {
            return List.of(name, name.substring(GPT2_PREFIX.length()));
        }
        if (config.family() == ModelFamily.GEMMA3 && !config.modelType().equals("gemma3_text")) {
            if (name.equals(LM_HEAD)) {
                return List.of("language_model." + LM_HEAD, LM_HEAD);
            }
            if (name.startsWith(MODEL_PREFIX)) {
                String rest = name.substring(MODEL_PREFIX.length());
                return List.of("language_model.model." + rest, "model.language_model." + rest, name);
            }
        }
        return List.of(name);
    }
}
