package dev.rein.formats.config;

import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.NumberDomain;
import java.util.List;

/**
 * Numeric settings of the supported families that a forward pass does not use (dropouts, the initializer's
 * spread, GPT-2's legacy {@code n_ctx}, Llama's {@code pretraining_tp}) but that a valid config.json holds in their
 * domain: checked anyway, so that a corrupt or hand-edited file is reported where it is wrong rather than loaded as
 * if it were whole.
 */
final class UnusedSettings {
    /** Dropout probabilities, in [0, 1]. */
    private static final List<String> PROBABILITIES = List.of("attention_dropout", "hidden_dropout", "attn_pdrop",
            "embd_pdrop", "resid_pdrop", "summary_first_dropout");
    /** Counts of at least 1. */
    private static final List<String> POSITIVE_INTEGERS = List.of("n_ctx", "pretraining_tp");

    private UnusedSettings() {
    }

    /** Checks the settings {@code config} holds; absent and null ones are fine. */
    static void check(JsonFields config) {
        for (String name : PROBABILITIES) config.number(name, 0, NumberDomain.PROBABILITY);
        config.number("initializer_range", 0, NumberDomain.NON_NEGATIVE);
        for (String name : POSITIVE_INTEGERS) config.positiveInteger(name, 1);
    }
}
