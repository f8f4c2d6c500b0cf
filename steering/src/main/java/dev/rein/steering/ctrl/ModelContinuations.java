package dev.rein.steering.ctrl;

import dev.rein.models.generation.Completion;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.transformer.Transformer;
import dev.rein.text.tokenizer.DecodeOption;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Continuations sampled from a model: the prompts are encoded (special tokens in the text, such as the control
 * tokens, matched as single tokens) and generated {@code batchSize} at a time, each batch left-padded by the
 * {@link Generator} (the seed right-padded its batch, a bug for decoder-only generation). Every prompt draws from a
 * generator of the settings' seed alone, so the same prompt gives the same continuation in any batch, and every
 * condition of an evaluation is sampled with the same seeds. A continuation keeps the space that joins it to its
 * prompt: decoded alone, a SentencePiece tokenizer drops the leading space of its first word ({@code "One" + "day"}),
 * so the space is taken from the prompt and continuation decoded together, as the seed decoded them.
 */
public final class ModelContinuations implements Continuations {
    private final Generator generator;
    private final Tokenizer tokenizer;
    private final SamplingSettings settings;
    private final int batchSize;
    private final IntConsumer progress;

    /**
     * @param progress told how many prompts of the current call have their continuation, after each batch
     * @throws IllegalArgumentException when the settings ask for several sequences per prompt or the batch size is
     *                                  below 1
     */
    public ModelContinuations(Transformer model, Tokenizer tokenizer, SamplingSettings settings, int batchSize,
                              IntConsumer progress) {
        if (settings.numReturnSequences() != 1) {
            throw new IllegalArgumentException("the evaluation continues each prompt once, not "
                    + settings.numReturnSequences() + " times");
        }
        if (batchSize < 1) throw new IllegalArgumentException("the batch size must be at least 1, not " + batchSize);
        this.generator = new Generator(model);
        this.tokenizer = tokenizer;
        this.settings = settings;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    @Override
    public List<String> of(List<String> prompts) {
        GenerationOptions options = GenerationOptions.NONE.withTextDecoders(() -> tokenizer.streamingDecoder()::push);
        List<String> continuations = new ArrayList<>(prompts.size());
        for (int from = 0; from < prompts.size(); from += batchSize) {
            List<int[]> ids = prompts.subList(from, Math.min(from + batchSize, prompts.size())).stream()
                    .map(tokenizer::encode).toList();
            for (GeneratedSequence sequence : generator.generate(ids, settings, options)) {
                String text = Completion.of(tokenizer, sequence).text();
                continuations.add(joiningSpace(sequence.promptIds(), sequence.newIds(), text) + text);
            }
            progress.accept(continuations.size());
        }
        return continuations;
    }

    /** {@code " "} when the prompt and continuation decoded together have a space between them that is not in text. */
    private String joiningSpace(int[] prompt, int[] generated, String text) {
        if (text.isEmpty() || Character.isWhitespace(text.charAt(0))) return "";
        int[] joined = Arrays.copyOf(prompt, prompt.length + generated.length);
        System.arraycopy(generated, 0, joined, prompt.length, generated.length);
        String promptText = tokenizer.decode(prompt, DecodeOption.SKIP_SPECIAL_TOKENS);
        String joinedText = tokenizer.decode(joined, DecodeOption.SKIP_SPECIAL_TOKENS);
        return joinedText.startsWith(promptText + " ") ? " " : "";
    }
}
