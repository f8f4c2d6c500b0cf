package dev.rein.data.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The corpus's word count: runs of {@code \w}. */
class WordCountTest {
    @Test
    void wordsAreRunsOfWordCharacters() {
        assertEquals(2, WordCount.of("\"Hello, Tom!\""));
        assertEquals(0, WordCount.of(" ... "));
        assertEquals(2, WordCount.of("don't"));
        assertEquals(3, WordCount.of("snake_case 42 naïve"));
    }
}
