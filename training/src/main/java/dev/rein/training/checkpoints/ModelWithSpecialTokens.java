package dev.rein.training.checkpoints;

import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.init.RandomCheckpoint;
import dev.rein.formats.init.VocabularyResize;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.tensor.DType;
import dev.rein.text.tokenizer.SpecialTokenFiles;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A model folder whose tokenizer has special tokens added and whose weights have rows for them, written whole or
 * not at all ({@link AtomicFolder}), that Rein and Hugging Face both load: the tokenizer files with the tokens
 * ({@link SpecialTokenFiles}, as {@code add_special_tokens} + {@code save_pretrained}), config.json's
 * {@code vocab_size} raised to cover them, and the other tokenizer and generation files copied
 * ({@link ModelFolder#copyTokenizerFiles}). The vocabulary only grows: a model whose embedding already has rows past
 * its tokenizer (vocabularies padded to a multiple of 64) gives the new tokens those rows, as Hugging Face's ids do.
 * Adding tokens the tokenizer already has as special tokens changes nothing.
 */
public final class ModelWithSpecialTokens {
    private ModelWithSpecialTokens() {
    }

    /**
     * Writes pretrained model {@code source} with {@code tokens} added as new folder {@code target}: its weights grown
     * by mean rows ({@link VocabularyResize}, as {@code resize_token_embeddings(n, mean_resizing=True)}).
     *
     * @param padToken one of {@code tokens}: the tokenizer's pad token from now on
     * @return the tokenizer written
     */
    public static Tokenizer publish(Path source, Path target, List<String> tokens, String padToken)
            throws IOException {
        ModelConfig config = ModelConfig.readFolder(source);
        Tokenizer[] written = new Tokenizer[1];
        AtomicFolder.write(target, folder -> {
            ModelFolder.copyTokenizerFiles(source, folder);
            written[0] = SpecialTokenFiles.write(source, folder, tokens, padToken);
            VocabularyResize.write(source, folder, Math.max(config.vocabSize(), written[0].vocabSize()));
        });
        return written[0];
    }

    /**
     * Writes a model with seeded random weights for {@code configJson} ({@link RandomCheckpoint}, F32) and the
     * tokenizer of {@code tokenizer} with {@code tokens} added as new folder {@code target}; the config's
     * {@code vocab_size} is raised to the tokenizer's size when it is smaller (a model trained from scratch with
     * {@code vocab_size = len(tokenizer)}).
     *
     * @param tokenizer a tokenizer folder or tokenizer.json
     * @param padToken  one of {@code tokens}: the tokenizer's pad token
     * @param seed      the seed of the weights
     * @return the tokenizer written
     */
    public static Tokenizer publishRandom(Path configJson, Path tokenizer, Path target, List<String> tokens,
                                          String padToken, long seed) throws IOException {
        ModelConfig config = ModelConfig.read(configJson);
        Tokenizer[] written = new Tokenizer[1];
        AtomicFolder.write(target, folder -> {
            ModelFolder.copyTokenizerFiles(tokenizer, folder);
            written[0] = SpecialTokenFiles.write(tokenizer, folder, tokens, padToken);
            Path sized = folder.resolve(ModelConfig.FILE_NAME);
            AtomicFiles.write(sized, VocabularyResize.configJson(config,
                    Math.max(config.vocabSize(), written[0].vocabSize())));
            RandomCheckpoint.forConfig(sized).write(folder, seed, DType.F32);
        });
        return written[0];
    }
}
