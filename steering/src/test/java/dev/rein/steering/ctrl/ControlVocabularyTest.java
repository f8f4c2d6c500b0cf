package dev.rein.steering.ctrl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.models.DefaultModel;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlVocabularyTest {
    @Test
    void aTokenMustBeSpecialInTheTokenizerAndHaveAnEmbeddingRow() throws IOException {
        Tokenizer tokenizer = Tokenizer.load(DefaultModel.unpacked());
        int vocabulary = tokenizer.vocabSize();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ControlVocabulary.check(
                tokenizer, vocabulary, List.of(ControlToken.NONTOXIC, ControlToken.POS), "--model m"));
        assertEquals("--model m: its tokenizer has no special token <|nontoxic|>, <|pos|>; control tokens need a "
                + "model trained with them (rein ctrl train)", missing.getMessage());

        tokenizer.addSpecialTokens(List.of(ControlToken.NONTOXIC.text(), ControlToken.POS.text()));
        IllegalArgumentException unresized = assertThrows(IllegalArgumentException.class, () -> ControlVocabulary
                .check(tokenizer, vocabulary, List.of(ControlToken.POS), "--model m"));
        assertEquals("--model m: its tokenizer has <|pos|> as id " + (vocabulary + 1) + " but the model's embedding "
                + "has " + vocabulary + " rows; train it with the tokens (rein ctrl train resizes the embedding)",
                unresized.getMessage());
        ControlVocabulary.check(tokenizer, vocabulary + 2, List.of(ControlToken.NONTOXIC, ControlToken.POS), "m");
    }

    @Test
    void theIdOfAnAddedTokenOrOneLineNamingTheModel() throws IOException {
        Tokenizer tokenizer = Tokenizer.load(DefaultModel.unpacked());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ControlVocabulary.id(tokenizer, ControlToken.PAD, "default"));
        assertEquals("default: its tokenizer has no special token [PAD]; control tokens need a model trained with "
                + "them (rein ctrl train)", e.getMessage());
        int[] ids = tokenizer.addSpecialTokens(ControlToken.added());
        assertEquals(ids[0], ControlVocabulary.id(tokenizer, ControlToken.PAD, "default"));
        assertEquals(ids[5], ControlVocabulary.id(tokenizer, ControlToken.NEG.text(), "default"));
    }
}
