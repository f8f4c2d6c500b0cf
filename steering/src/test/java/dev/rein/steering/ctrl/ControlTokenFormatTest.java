package dev.rein.steering.ctrl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.data.batch.TrainingBatch;
import dev.rein.data.lm.LmExample;
import dev.rein.data.lm.RowBatches;
import dev.rein.data.lm.RowOrder;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The exact sequences of the conditional-MLE format for each condition: the default model's tokenizer, which adds
 * a BOS ({@code <|endoftext|>}, 1366), and GPT-2's, which adds nothing (the seed's sequences); every token a label,
 * padding masked, longer rows dropped and counted.
 */
class ControlTokenFormatTest {
    private static final int BOS_EOS = 1366;
    private static final int PAD = 1367;
    private static final int NONTOXIC = 1368;
    private static final int TOXIC = 1369;
    private static final int POS = 1370;
    private static final int NEG = 1372;
    private static final String SENTENCE = "Tom had a red ball.";
    private static final LabelledSentence TOXIC_NEG = row(SENTENCE, ControlToken.TOXIC, ControlToken.NEG);
    private static final LabelledSentence NONTOXIC_POS_STRIPPED = row(SENTENCE, ControlToken.NONTOXIC,
            ControlToken.POS).stripped();

    private static LabelledSentence row(String text, ControlToken toxicity, ControlToken sentiment) {
        return new LabelledSentence(text, toxicity, sentiment, LabelledSentence.Controls.KEPT, Optional.empty());
    }

    private static Tokenizer defaultTokenizer() throws IOException {
        try (LanguageModel model = LanguageModel.load("default")) {
            Tokenizer tokenizer = model.tokenizer();
            assertArrayEquals(new int[] {PAD, NONTOXIC, TOXIC, POS, 1371, NEG},
                    tokenizer.addSpecialTokens(ControlToken.added()));
            return tokenizer;
        }
    }

    @Test
    void eachConditionPutsItsTokensBetweenBosAndTheSentenceAndEndsWithEos() throws IOException {
        Tokenizer tokenizer = defaultTokenizer();
        int[] sentence = Arrays.copyOfRange(tokenizer.encode(SENTENCE), 1, tokenizer.encode(SENTENCE).length);
        assertEquals(BOS_EOS, tokenizer.encode(SENTENCE)[0]);
        assertSequence(tokenizer, Condition.NONE, TOXIC_NEG, ids(BOS_EOS, sentence));
        assertSequence(tokenizer, Condition.TOXICITY, TOXIC_NEG, ids(BOS_EOS, TOXIC, sentence));
        assertSequence(tokenizer, Condition.SENTIMENT, TOXIC_NEG, ids(BOS_EOS, NEG, sentence));
        assertSequence(tokenizer, Condition.BOTH, TOXIC_NEG, ids(BOS_EOS, TOXIC, NEG, sentence));
        assertSequence(tokenizer, Condition.BOTH, NONTOXIC_POS_STRIPPED, ids(BOS_EOS, sentence));
        assertEquals("<|toxic|><|neg|>" + SENTENCE, new ControlTokenFormat(tokenizer, Condition.BOTH, BOS_EOS)
                .text(TOXIC_NEG));
    }

    /** GPT-2 adds no BOS: the seed's {@code <|tox|><|sent|>sentence<|endoftext|>}, ids past 50256. */
    @Test
    void gpt2GivesTheSeedsSequence() {
        Tokenizer gpt2 = Tokenizer.load(SharedData.path("tokenizers/gpt2"));
        gpt2.addSpecialTokens(ControlToken.added());
        int[] sentence = gpt2.encode(SENTENCE);
        LmExample example = new ControlTokenFormat(gpt2, Condition.BOTH, 50256).example(
                row(SENTENCE, ControlToken.NONTOXIC, ControlToken.POS));
        int[] expected = IntStream.concat(IntStream.of(50258, 50260), IntStream.concat(Arrays.stream(sentence),
                IntStream.of(50256))).toArray();
        assertArrayEquals(expected, example.ids());
        assertArrayEquals(gpt2.encode("<|nontoxic|><|pos|>" + SENTENCE + "<|endoftext|>"), example.ids(),
                "the ids of the seed's text");
    }

    @Test
    void longerRowsAreDroppedAndCountedAndPaddingIsMasked() throws IOException {
        Tokenizer tokenizer = defaultTokenizer();
        ControlTokenFormat format = new ControlTokenFormat(tokenizer, Condition.BOTH, BOS_EOS);
        LabelledSentence shorter = row("Sue ran.", ControlToken.NONTOXIC, ControlToken.POS);
        int limit = format.example(TOXIC_NEG).length();
        LabelledSentence longer = row(SENTENCE + " " + SENTENCE, ControlToken.TOXIC, ControlToken.POS);
        ControlTokenFormat.Encoded encoded = format.encode(List.of(TOXIC_NEG, longer, shorter), limit);
        assertEquals(1, encoded.dropped());
        assertEquals(List.of(format.example(TOXIC_NEG), format.example(shorter)), encoded.examples());

        TrainingBatch batch = RowBatches.padded(encoded.examples(), limit, PAD, 2, RowOrder.asGiven()).next();
        long[] ids = batch.tokens().ids().toLongArray();
        long[] labels = batch.labels().toLongArray();
        int shortLength = format.example(shorter).length();
        for (int t = 0; t < limit; t++) {
            assertEquals(format.example(TOXIC_NEG).id(t), ids[t]);
            assertEquals(ids[t], labels[t], "every token of a full row is a label, controls and EOS included");
            boolean pad = t >= shortLength;
            assertEquals(pad ? PAD : format.example(shorter).id(t), ids[limit + t]);
            assertEquals(pad ? TrainingBatch.IGNORED : ids[limit + t], labels[limit + t], "padding is masked");
        }
    }

    private static void assertSequence(Tokenizer tokenizer, Condition condition, LabelledSentence row,
                                       int[] expectedBeforeEos) {
        LmExample example = new ControlTokenFormat(tokenizer, condition, BOS_EOS).example(row);
        int[] expected = Arrays.copyOf(expectedBeforeEos, expectedBeforeEos.length + 1);
        expected[expectedBeforeEos.length] = BOS_EOS;
        assertArrayEquals(expected, example.ids(), condition + " " + row);
        assertArrayEquals(example.ids(), example.labels(), "every token is a label");
    }

    /** The ids of {@code parts}, single ids and arrays of them, in order. */
    private static int[] ids(Object... parts) {
        return Arrays.stream(parts).flatMapToInt(part -> part instanceof int[] array ? Arrays.stream(array)
                : IntStream.of((Integer) part)).toArray();
    }
}
