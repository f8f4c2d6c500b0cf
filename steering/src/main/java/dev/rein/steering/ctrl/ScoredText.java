package dev.rein.steering.ctrl;

import dev.rein.eval.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Which sentences of a prompt and its continuation {@link CtrlEvaluation} judges.
 *
 * <p>{@link #CONTINUATION} is the report's description (prompts excluded) and the default;
 * {@link #PROMPT_AND_CONTINUATION} is what the seed's code did (the line that drops the prompt is commented out), kept
 * so that figures compare with the report's. Both split the prompt apart from the continuation: the decoded text
 * joins them with no space ({@code "ball.The"}), where spaCy splits but the rule-based {@link SentenceSplitter} would
 * not. {@link #WHOLE_SENTENCE} is for prompts that open a sentence (the first words of a held-out sentence,
 * {@link LabelledSentence#opening}): the one sentence that the prompt starts and the continuation finishes is judged,
 * so a token that steers the sentence's wording shows in every prompt's one score.
 */
public enum ScoredText {
    /** Every sentence of the continuation; none of the prompt. */
    CONTINUATION,
    /** Every sentence of the prompt, then every sentence of the continuation, as the seed's code. */
    PROMPT_AND_CONTINUATION,
    /**
     * The first sentence of prompt + continuation: the prompt's words and the continuation up to the first sentence
     * end (all of the continuation when it ends none), one sentence per prompt.
     */
    WHOLE_SENTENCE;

    /**
     * The sentences to judge, in order.
     *
     * @param prompt       the prompt, without control tokens
     * @param continuation its continuation as decoded (with its leading space, if any)
     */
    public List<String> sentences(String prompt, String continuation) {
        return switch (this) {
            case CONTINUATION -> SentenceSplitter.split(continuation);
            case PROMPT_AND_CONTINUATION -> {
                List<String> sentences = new ArrayList<>(SentenceSplitter.split(prompt));
                sentences.addAll(SentenceSplitter.split(continuation));
                yield sentences;
            }
            case WHOLE_SENTENCE -> SentenceSplitter.split(prompt + continuation).stream().limit(1).toList();
        };
    }

    /** Its name on the command line and in reports: continuation, prompt-and-continuation or whole-sentence. */
    public String label() {
        return EnumLabels.label(this);
    }

    /**
     * The mode named {@code name}.
     *
     * @throws IllegalArgumentException naming the modes there are
     */
    public static ScoredText parse(String name) {
        return EnumLabels.parse(ScoredText.class, name, "scoring");
    }
}
