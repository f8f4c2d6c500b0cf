package dev.rein.serve;

import dev.rein.models.generation.Completion;
import dev.rein.models.generation.TokenListener;
import java.util.List;

/**
 * A request's generation through a control method's own entry point (hooks, a second model, a controlled prompt),
 * which runs alone on the decoder thread while the shared batch waits: the method's code decides every token, and
 * {@code listener} hears each one (row = choice) so the text streams.
 */
@FunctionalInterface
interface ExclusiveGeneration {

    /** The choices' texts, choice by choice. */
    List<Completion> generate(TokenListener listener);
}
