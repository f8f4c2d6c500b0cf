package dev.rein.serve;

import dev.rein.models.generation.LogitsProcessor;
import dev.rein.models.generation.SamplingSettings;
import java.util.List;

/**
 * A generating request, checked and mapped onto the library: the prompts as token ids, the sampling settings and
 * extra logits processors every choice decodes with, and how the answer is sent.
 *
 * @param endpoint     which endpoint it came to
 * @param prompts      one or more prompts, each encoded (a chat request has one: the rendered conversation)
 * @param promptTexts  the prompts given as text, before control tokens were placed (none for ids and chats)
 * @param settings     sampling settings, n included, with max_new_tokens always set
 * @param processors   processors beyond the settings' own (OpenAI's frequency and presence penalties)
 * @param stream       answer with server-sent events
 * @param includeUsage with stream: a last chunk with the usage counts (stream_options.include_usage)
 * @param control      the request's {@code rein} options, {@link ReinControl#NONE} for a plain request
 */
record CompletionRequest(Endpoint endpoint, List<int[]> prompts, List<String> promptTexts, SamplingSettings settings,
                         List<LogitsProcessor> processors, boolean stream, boolean includeUsage, ReinControl control) {

    /** Prompt tokens summed over the prompts. */
    int promptTokens() {
        return prompts.stream().mapToInt(p -> p.length).sum();
    }
}
