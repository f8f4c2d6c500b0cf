package dev.rein.steering.ctrl;

import dev.rein.training.checkpoints.ModelWithSpecialTokens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model a control-token run starts from, written with the control tokens ({@link ControlToken#added()}, {@code [PAD]}
 * the pad token) into the run's folder first: a pretrained model with its embedding grown by mean rows (METHODS.md
 * 2.1's stated intent, fine-tuning GPT-2; the default), or random weights for a config.json with a tokenizer (what the
 * seed's code did: {@code GPT2LMHeadModel(config)} with {@code vocab_size = len(tokenizer)}).
 */
public sealed interface StartingPoint {
    /** Writes the starting model as new folder {@code target}; {@code seed} draws random weights. */
    void publish(Path target, long seed) throws IOException;

    /** What the run started from, for its record: {@code start} and the paths it read, in a fixed order. */
    Map<String, String> describe();

    /** A pretrained Hugging Face model folder. */
    record Pretrained(Path model) implements StartingPoint {
        @Override
        public void publish(Path target, long seed) throws IOException {
            ModelWithSpecialTokens.publish(model, target, ControlToken.added(), ControlToken.PAD);
        }

        @Override
        public Map<String, String> describe() {
            Map<String, String> described = new LinkedHashMap<>();
            described.put("start", "pretrained");
            described.put("model", model.toAbsolutePath().normalize().toString());
            return described;
        }
    }

    /**
     * Random weights for {@code config} (a config.json) with {@code tokenizer} (a tokenizer folder or
     * tokenizer.json); the config's {@code vocab_size} grows to the tokenizer's size with the tokens when smaller.
     */
    record FromScratch(Path config, Path tokenizer) implements StartingPoint {
        @Override
        public void publish(Path target, long seed) throws IOException {
            ModelWithSpecialTokens.publishRandom(config, tokenizer, target, ControlToken.added(), ControlToken.PAD,
                    seed);
        }

        @Override
        public Map<String, String> describe() {
            Map<String, String> described = new LinkedHashMap<>();
            described.put("start", "from_scratch");
            described.put("config", config.toAbsolutePath().normalize().toString());
            described.put("tokenizer", tokenizer.toAbsolutePath().normalize().toString());
            return described;
        }
    }
}
