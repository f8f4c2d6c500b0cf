package dev.rein.data.stories;

import java.util.List;

/** A character's gender, which decides the pronouns that refer back to it and the names it may have. */
enum Gender {
    MALE("he", "him", "his", Lexicon.BOY_NAMES),
    FEMALE("she", "her", "her", Lexicon.GIRL_NAMES);

    final String subject;
    final String object;
    final String possessive;
    final List<String> names;

    Gender(String subject, String object, String possessive, List<String> names) {
        this.subject = subject;
        this.object = object;
        this.possessive = possessive;
        this.names = names;
    }
}
