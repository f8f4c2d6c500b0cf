package dev.rein.cli;

import dev.rein.eval.TextScorer;
import dev.rein.eval.sentiment.StorySentiment;
import java.io.IOException;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The sentiment scorer of the control-token commands (picocli mixin): VADER's {@code pos − neg}, as the seed labels
 * and evaluates, or the sentiment the story grammar gives a tale ({@link StorySentiment}); either way the sign is the
 * sentiment and 0 a tie.
 */
final class SentimentOption {
    /** The scorers there are; {@code --sentiment} takes their names in lower case. */
    enum Kind { VADER, STORIES }

    @Option(names = "--sentiment", paramLabel = "vader|stories", defaultValue = "vader",
            description = "vader (VADER's pos - neg, as the seed) or stories (+1 for a happy tale of the story "
                    + "grammar, -1 for a sad one, 0 when it shows neither) (default: ${DEFAULT-VALUE}).")
    private Kind kind;

    @Mixin
    private VaderOption vader;

    /** A scorer and its name for reports. */
    record Chosen(TextScorer scorer, String name) {
    }

    /** The scorer chosen; --vader with another scorer is a user error. */
    Chosen open() throws IOException {
        if (kind != Kind.VADER && vader.given()) {
            throw new UserError("--vader is VADER's lexicon, not used with --sentiment " + label());
        }
        return kind == Kind.VADER ? new Chosen(vader.load().polarityMargin(), "VADER pos - neg")
                : new Chosen(new StorySentiment(), "stories (the tale's sentiment by the story grammar)");
    }

    /** The scorer as the user names it. */
    String label() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Whether --sentiment or --vader was given. */
    boolean given() {
        return kind != Kind.VADER || vader.given();
    }
}
