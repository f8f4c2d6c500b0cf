package dev.rein.eval.toxicity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CountVectorizer's default analyzer against the words Python's re found (fixtures/profanity_fixtures.py). */
class CountVectorizerWordsTest {
    static final List<String> TEXTS = List.of(
            "Have a nice day!",
            "You are a fucking idiot",
            "WHAT THE HELL IS THIS SHIT",
            "FuCk ThIs, I'm DoNe.",
            "",
            "a b c d ! ?",
            "shit shit shit shit shit",
            "Stra\u00dfe in M\u00fcnchen, caf\u00e9 au lait",
            "\u039f\u0394\u039f\u03a3 \u03a3\u03af\u03c3\u03c5\u03c6\u03bf\u03c2",
            "\u0130stanbul \u0130STANBUL",
            "cafe\u0301 nai\u0308ve",
            "\u0661\u0662\u0663 \u7adc\u9f99 \u12cd\u12ed\u12ed\u1275 \u898b\u5b66",
            "snake_case words_with_underscores 2nd 10th 100",
            "\ud835\udc00\ud835\udc01\ud835\udc02 bold \ud835\udc1f\ud835\udc2e\ud835\udc1c\ud835\udc24",
            "dumb-ass bitch\n\tdamn",
            "x\u00b2 \u00bd \u00b2\u00b2 \u2167\u2177",
            "The ill-fated tale of Phoneys, the stupid little sticker pack that went #1 on the App Store");

    private static final List<List<String>> PYTHON_WORDS = List.of(
            List.of("have", "nice", "day"),
            List.of("you", "are", "fucking", "idiot"),
            List.of("what", "the", "hell", "is", "this", "shit"),
            List.of("fuck", "this", "done"),
            List.of(),
            List.of(),
            List.of("shit", "shit", "shit", "shit", "shit"),
            List.of("stra\u00dfe", "in", "m\u00fcnchen", "caf\u00e9", "au", "lait"),
            List.of("\u03bf\u03b4\u03bf\u03c2", "\u03c3\u03af\u03c3\u03c5\u03c6\u03bf\u03c2"),
            List.of("stanbul", "stanbul"),
            List.of("cafe", "nai", "ve"),
            List.of("\u0661\u0662\u0663", "\u7adc\u9f99", "\u12cd\u12ed\u12ed\u1275", "\u898b\u5b66"),
            List.of("snake_case", "words_with_underscores", "2nd", "10th", "100"),
            List.of("\ud835\udc00\ud835\udc01\ud835\udc02", "bold", "\ud835\udc1f\ud835\udc2e\ud835\udc1c\ud835\udc24"),
            List.of("dumb", "ass", "bitch", "damn"),
            List.of("x\u00b2", "\u00b2\u00b2", "\u2177\u2177"),
            List.of("the", "ill", "fated", "tale", "of", "phoneys", "the", "stupid", "little", "sticker", "pack",
                    "that", "went", "on", "the", "app", "store"));

    @Test
    void findsTheWordsThatPythonsTokenPatternFindsInTheLowercasedText() {
        for (int i = 0; i < TEXTS.size(); i++) {
            assertEquals(PYTHON_WORDS.get(i), CountVectorizerWords.of(TEXTS.get(i)), TEXTS.get(i));
        }
    }
}
