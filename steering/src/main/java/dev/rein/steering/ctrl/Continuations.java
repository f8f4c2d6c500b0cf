package dev.rein.steering.ctrl;

import java.util.List;

/**
 * How the evaluation's prompts become continuations: a model sampling with fixed settings and seed
 * ({@link ModelContinuations}), or fixed texts in tests.
 */
@FunctionalInterface
public interface Continuations {
    /**
     * The continuation of each prompt, in order: the generated text only, decoded without special tokens.
     *
     * @param prompts the prompt texts, control tokens already in place ({@code "<|nontoxic|><|pos|>sentence"})
     */
    List<String> of(List<String> prompts);
}
