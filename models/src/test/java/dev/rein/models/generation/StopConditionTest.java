package dev.rein.models.generation;

import dev.rein.text.tokenizer.DecodeOption;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.StreamingDecoder;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class StopConditionTest {
    /** Token texts of a made-up vocabulary; 9 is the stop token and 8 prints nothing (an incomplete character). */
    private static final Map<Integer, String> TEXTS = Map.of(1, "Hel", 2, "lo Wo", 3, "rld!", 4, " and ", 8, "");
    private static final IntFunction<String> TEXT = TEXTS::get;

    /** Feeds tokens until the condition stops; returns the reason, with how many tokens it took. */
    private static List<Object> run(StopCondition condition, int... tokens) {
        for (int token : tokens) {
            Optional<StopReason> reason = condition.accept(token);
            if (reason.isPresent()) return List.of(reason.get(), condition.generated());
        }
        return List.of("no stop", condition.generated());
    }

    @Test
    void aStopTokenEndsTheRowWithoutDecodingIt() {
        List<Integer> decoded = new ArrayList<>();
        StopCondition condition = new StopCondition(Set.of(9), List.of("zzz"), 10, id -> {
            decoded.add(id);
            return TEXT.apply(id);
        });
        assertEquals(List.of(new StopReason.StopToken(9), 3), run(condition, 1, 2, 9, 3));
        assertEquals(List.of(1, 2), decoded);
        assertEquals("Hello Wo", condition.generatedText());
    }

    @Test
    void theTokenLimitEndsTheRow() {
        StopCondition condition = new StopCondition(Set.of(9), List.of(), 3, null);
        assertEquals(List.of(new StopReason.MaxNewTokens(3), 3), run(condition, 1, 2, 3, 4));
    }

    @Test
    void aStopStringMaySpanTokensAndEndInsideOne() {
        StopCondition condition = new StopCondition(Set.of(9), List.of("o World"), 10, TEXT);
        assertEquals(List.of(new StopReason.StopString("o World", 4), 3), run(condition, 1, 2, 3, 4));
        assertEquals("Hello World!", condition.generatedText());
        assertEquals("Hell", condition.generatedText().substring(0, 4));
    }

    @Test
    void aStopStringIsFoundWhenItsTextArrivesAfterEmptyPieces() {
        StopCondition condition = new StopCondition(Set.of(), List.of("lo W"), 10, TEXT);
        assertEquals(List.of(new StopReason.StopString("lo W", 3), 3), run(condition, 1, 8, 2));
    }

    @Test
    void theStopStringBeginningFirstIsReported() {
        StopCondition condition = new StopCondition(Set.of(), List.of("World", "Hello"), 10, TEXT);
        assertEquals(List.of(new StopReason.StopString("Hello", 0), 2), run(condition, 1, 2, 3));
    }

    @Test
    void aStopStringOnTheLastAllowedTokenIsReportedAsSuch() {
        StopCondition condition = new StopCondition(Set.of(), List.of("!"), 3, TEXT);
        assertEquals(List.of(new StopReason.StopString("!", 11), 3), run(condition, 1, 2, 3));
    }

    @Test
    void theSettingsGiveStopIdsStringsAndTheLimitForThePrompt() {
        SamplingSettings settings = SamplingSettings.builder().stopTokenIds(List.of(9)).stopStrings(List.of("and"))
                .maxLength(6).build();
        assertEquals(List.of(new StopReason.StopString("and", 7), 3),
                run(StopCondition.forRow(settings, 2, TEXT), 1, 1, 4, 1));
        assertEquals(List.of(new StopReason.MaxNewTokens(4), 4),
                run(StopCondition.forRow(settings, 2, TEXT), 1, 1, 1, 1, 1));
    }

    @Test
    void refusesTokensAfterStoppingAndBadArguments() {
        StopCondition condition = new StopCondition(Set.of(9), List.of(), 5, null);
        condition.accept(9);
        assertThrows(IllegalStateException.class, () -> condition.accept(1));
        assertThrows(IllegalArgumentException.class, () -> new StopCondition(Set.of(), List.of(), 0, null));
        assertThrows(IllegalArgumentException.class, () -> new StopCondition(Set.of(), List.of(""), 5, TEXT));
        assertThrows(NullPointerException.class, () -> new StopCondition(Set.of(), List.of("x"), 5, null));
    }

    @Test
    void withARealTokenizerTheStopStringSpansTokenBoundaries() {
        Tokenizer gpt2 = Tokenizer.load(SharedData.path("tokenizers/gpt2"));
        int[] ids = gpt2.encode("The answer is 42.\n\nQuestion: why?");
        StreamingDecoder decoder = gpt2.streamingDecoder(DecodeOption.SKIP_SPECIAL_TOKENS);
        StopCondition condition = new StopCondition(Set.of(50256), List.of(".\n\nQ"), 100, decoder::push);
        List<Object> stop = run(condition, ids);
        // ".", "\n", "\n" and "Question" are separate tokens: the stop string ends inside the token "Question".
        List<String> texts = new ArrayList<>();
        for (int i = 4; i < 8; i++) texts.add(gpt2.decode(new int[] {ids[i]}, DecodeOption.SKIP_SPECIAL_TOKENS));
        assertEquals(List.of(".", "\n", "\n", "Question"), texts);
        assertEquals(List.of(new StopReason.StopString(".\n\nQ", 16), 8), stop);
        assertEquals("The answer is 42", condition.generatedText().substring(0, 16));
    }
}
