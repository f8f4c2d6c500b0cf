package dev.rein.steering.ctrl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SentenceCleanerTest {
    /** Expected texts from Python's {@code re.sub} with the seed's pattern. */
    @Test
    void removesWhatTheSeedsRegexRemoves() {
        assertEquals(" user Check  it's GREAT!! caf  ok?",
                SentenceCleaner.clean("rt @user: Check http://x.co/abc, it's GREAT!! café — ok?"));
        assertEquals("rt Visit  now", SentenceCleaner.clean("rtrt Visit https://a.b now"));
        assertEquals(" hi", SentenceCleaner.clean("@[A-Za-z0-9]]] hi"));
        assertEquals("Hello worldNext", SentenceCleaner.clean("Hello, world\n\tNext"));
    }

    @Test
    void httpGoesWithTheCharacterAfterItAndRtOnlyAtTheStart() {
        assertEquals("see and art", SentenceCleaner.clean("see http and art"));
        assertEquals("The start", SentenceCleaner.clean("The start"));
    }
}
