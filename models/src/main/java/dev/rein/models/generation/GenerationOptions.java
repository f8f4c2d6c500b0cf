package dev.rein.models.generation;

import dev.rein.models.hooks.Hooks;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * What a generation call adds to the sampling settings: hooks that read or edit activations at every step, logits
 * processors of the caller's own, a listener that receives tokens as they are made, and the decoding that stop
 * strings need.
 *
 * @param hooks        run in the prompt pass and in every decoding step
 * @param processors   run after the built-in processors, before the sampling warpers (see {@link LogitsPipeline})
 * @param listener     told of every generated token at once, for streaming
 * @param textDecoders a fresh incremental decoder per row (e.g. {@code () -> tokenizer.streamingDecoder()::push}),
 *                     needed only for stop strings
 */
public record GenerationOptions(Hooks hooks, List<LogitsProcessor> processors, TokenListener listener,
                                Supplier<IntFunction<String>> textDecoders) {

    /** No hooks, no extra processors, nobody listening, no decoder. */
    public static final GenerationOptions NONE = new GenerationOptions(Hooks.none(), List.of(), (row, token) -> {
    }, null);

    public GenerationOptions {
        processors = List.copyOf(processors);
    }

    public GenerationOptions withHooks(Hooks hooks) {
        return new GenerationOptions(hooks, processors, listener, textDecoders);
    }

    public GenerationOptions withProcessors(List<LogitsProcessor> processors) {
        return new GenerationOptions(hooks, processors, listener, textDecoders);
    }

    public GenerationOptions withListener(TokenListener listener) {
        return new GenerationOptions(hooks, processors, listener, textDecoders);
    }

    public GenerationOptions withTextDecoders(Supplier<IntFunction<String>> textDecoders) {
        return new GenerationOptions(hooks, processors, listener, textDecoders);
    }

    /** Stop strings found in the text {@code tokenizer} decodes (special tokens included, as Hugging Face). */
    public GenerationOptions withStopStringsDecodedBy(Tokenizer tokenizer) {
        return withTextDecoders(() -> tokenizer.streamingDecoder()::push);
    }
}
