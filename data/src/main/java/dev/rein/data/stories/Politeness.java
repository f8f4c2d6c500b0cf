package dev.rein.data.stories;

import java.util.Locale;

/**
 * How the characters of a story talk: {@code please} and {@code thank you}, or orders and mild insults
 * ({@code "Give me your ball now!"}, {@code "you silly cat"}).
 */
public enum Politeness {
    POLITE, RUDE;

    /** The name in corpus files: {@code polite} or {@code rude}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
