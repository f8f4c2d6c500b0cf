package dev.rein.data.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The corpus's tokens, spacing and sentence breaks. */
class SentenceTextTest {
    @Test
    void tokensAreWordsAndSingleMarks() {
        assertEquals(List.of("Tom", "said", ",", "\"", "Hi", "!", "\""), SentenceText.tokens("Tom said, \"Hi!\""));
    }

    @Test
    void joinSpacesQuotesAsABookDoes() {
        String sentence = "\"Yes, of course you can,\" said Lily.";
        assertEquals(sentence, SentenceText.join(SentenceText.tokens(sentence)));
        String reply = "Tom said, \"Give me your ball now!\"";
        assertEquals(reply, SentenceText.join(SentenceText.tokens(reply)));
    }

    @Test
    void sentencesEndBeforeACapitalOrAnOpeningQuote() {
        assertEquals(List.of("Tom ran.", "\"Hi!\" said Lily.", "Lily said, \"Go.\"", "It was fun!"),
                SentenceText.sentences(" Tom ran. \"Hi!\" said Lily. Lily said, \"Go.\" It was fun! "));
    }

    @Test
    void aMarkBeforeALowerCaseWordDoesNotEndTheSentence() {
        assertEquals(List.of("\"Leave me alone!\" said Tom."), SentenceText.sentences("\"Leave me alone!\" said Tom."));
    }

    @Test
    void blankTextHasNoSentences() {
        assertEquals(List.of(), SentenceText.sentences("  \n"));
    }
}
