package dev.rein.spark;

import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;

/**
 * Encodes a row's prompt and says why it cannot run, if it cannot: the row has an error already, no prompt, a prompt
 * that encodes to no tokens, or one too long for the model's context with the tokens to generate after it. A bad row
 * is a reason in its output, never a failed job.
 */
final class PromptCheck {
    private final LanguageModel model;
    private final SamplingSettings settings;
    private final Controls controls;

    PromptCheck(LanguageModel model, SamplingSettings settings, Controls controls) {
        this.model = model;
        this.settings = settings;
        this.controls = controls;
    }

    /**
     * A row encoded, or its reason for not running.
     *
     * @param ids   the prompt's ids, null when it was not encoded
     * @param error why the row cannot run, or null
     */
    record Encoded(int[] ids, String error) {
    }

    Encoded encode(PromptRow row) {
        if (row.error() != null) {
            return new Encoded(null, row.error());
        }
        if (row.prompt() == null) {
            return new Encoded(null, "missing prompt");
        }
        int[] ids = model.tokenizer().encode(controls.prompt(row.prompt()));
        if (ids.length == 0) {
            return new Encoded(ids, "the prompt encodes to no tokens");
        }
        int wanted;
        try {
            wanted = settings.newTokenLimit(ids.length);
        } catch (IllegalArgumentException e) {
            return new Encoded(ids, e.getMessage());
        }
        int context = model.config().maxPositions();
        if (ids.length + wanted > context) {
            return new Encoded(ids, "the prompt has " + ids.length + " tokens; with " + wanted + " new tokens that "
                    + "exceeds the model's context of " + context);
        }
        return new Encoded(ids, null);
    }
}
