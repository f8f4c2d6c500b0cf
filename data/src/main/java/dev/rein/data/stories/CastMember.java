package dev.rein.data.stories;

import static dev.rein.data.stories.Lexicon.pick;

import java.util.Random;

/**
 * A character of a tale: a name, a gender (pronouns), a kind ({@code dog}, {@code girl}) and a trait
 * ({@code brave}). A boy or girl has that gender; an animal either.
 */
record CastMember(String name, Gender gender, String kind, String trait) {

    /** A character drawn from the lexicon whose name differs from {@code takenName} (which may be null). */
    static CastMember draw(Random random, String takenName) {
        String kind = pick(random, Lexicon.KINDS);
        Gender gender = switch (kind) {
            case Lexicon.BOY -> Gender.MALE;
            case Lexicon.GIRL -> Gender.FEMALE;
            default -> random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
        };
        String name;
        do {
            name = pick(random, gender.names);
        } while (name.equals(takenName));
        return new CastMember(name, gender, kind, pick(random, Lexicon.TRAITS));
    }
}
