package dev.rein.eval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
    @Test
    void splitsAfterTerminatorRunsAndKeepsClosingQuotesAndBrackets() {
        assertEquals(List.of("Hi there.", "How are you?", "Great!", "Really?!", "Wait...", "Yes."),
                SentenceSplitter.split("Hi there. How are you? Great! Really?! Wait... Yes."));
        assertEquals(List.of("He said \"Stop.\"", "Then he left.", "(See above.)", "’Tis done!’", "Fine…", "OK"),
                SentenceSplitter.split("He said \"Stop.\" Then he left. (See above.) ’Tis done!’ Fine… OK"));
    }

    @Test
    void doesNotSplitWhereNoWhitespaceFollowsOrALowercaseWordContinues() {
        assertEquals(List.of("Pi is 3.14 and www.example.com is a site.", "\"Why?\" he asked.", "I was... thinking."),
                SentenceSplitter.split("Pi is 3.14 and www.example.com is a site. \"Why?\" he asked. "
                        + "I was... thinking."));
    }

    @Test
    void abbreviationsInitialismsAndInitialsDoNotEndSentences() {
        assertEquals(List.of("Mr. Smith met Dr. Jones at St. Mary's, e.g. on Sunday, i.e. today.",
                        "They went to the U.S. Army base at 7 a.m. Monday.", "Apples, pears, etc. Were all there."),
                SentenceSplitter.split("Mr. Smith met Dr. Jones at St. Mary's, e.g. on Sunday, i.e. today. They went "
                        + "to the U.S. Army base at 7 a.m. Monday. Apples, pears, etc. Were all there."));
        assertEquals(List.of("J. R. R. Tolkien wrote it.", "(Prof. Lee agreed.)"),
                SentenceSplitter.split("J. R. R. Tolkien wrote it. (Prof. Lee agreed.)"));
        // words that often end sentences are no abbreviations here
        assertEquals(List.of("The answer is no.", "We left Apple Inc.", "Then we ate."),
                SentenceSplitter.split("The answer is no. We left Apple Inc. Then we ate."));
    }

    @Test
    void aNumberEndsASentenceExceptAsAListMarkerAtTheStartOfALine() {
        assertEquals(List.of("It cost 5.", "Then it rose."), SentenceSplitter.split("It cost 5. Then it rose."));
        assertEquals(List.of("Steps:\n1. Open the box.", "2. Take the toy."),
                SentenceSplitter.split("Steps:\n1. Open the box.\n2. Take the toy."));
    }

    @Test
    void blankLinesEndSentencesButSingleLineBreaksDoNot() {
        assertEquals(List.of("A title", "First line\nwraps here.", "Last one"),
                SentenceSplitter.split("A title\n\nFirst line\nwraps here.\r\n \t\r\nLast one\n"));
    }

    @Test
    void sentencesKnowWhereTheyLie() {
        String text = "  One.  Two?\n\n";
        assertEquals(List.of(new SentenceSplitter.Sentence("One.", 2, 6), new SentenceSplitter.Sentence("Two?", 8, 12)),
                SentenceSplitter.sentences(text));
        assertEquals(List.of(), SentenceSplitter.split(" \n\n "));
        assertEquals(List.of(), SentenceSplitter.split(""));
    }
}
