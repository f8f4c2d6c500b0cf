package dev.rein.data.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

/** Completion-only labels with TRL's semantics: ignored up to and including the template's last occurrence. */
class ResponseTemplateTest {
    private static final int I = -100;

    @Test
    void labelsOnlyWhatFollowsTheTemplate() {
        ResponseTemplate template = new ResponseTemplate(new int[] {7, 8});
        assertArrayEquals(new int[] {I, I, I, I, 4, 5}, template.label(new int[] {1, 2, 7, 8, 4, 5}).labels());
    }

    @Test
    void theLastOccurrenceCounts() {
        ResponseTemplate template = new ResponseTemplate(new int[] {7, 8});
        assertArrayEquals(new int[] {I, I, I, I, I, 9}, template.label(new int[] {7, 8, 3, 7, 8, 9}).labels());
    }

    @Test
    void anExampleWithoutTheTemplateIsIgnoredWhole() {
        ResponseTemplate template = new ResponseTemplate(new int[] {7, 8});
        assertArrayEquals(new int[] {I, I, I, I}, template.label(new int[] {7, 1, 8, 7}).labels());
    }

    @Test
    void aTemplateAtTheEndLeavesNothingToLearn() {
        ResponseTemplate template = new ResponseTemplate(new int[] {7, 8});
        assertArrayEquals(new int[] {1, 7, 8}, template.label(new int[] {1, 7, 8}).ids());
        assertArrayEquals(new int[] {I, I, I}, template.label(new int[] {1, 7, 8}).labels());
    }

    @Test
    void anEncodedTemplateMatchesTheSameTextAfterANewline() {
        Tokenizer gpt2 = Tokenizer.load(SharedData.path("tokenizers/gpt2"));
        ResponseTemplate template = ResponseTemplate.encode(gpt2, "### Response:");
        int[] ids = gpt2.encode("### Instruction: add 2 and 2\n### Response: 4");
        int[] labels = template.label(ids).labels();
        int answer = ids.length - 1;
        assertArrayEquals(new int[] {ids[answer]}, new int[] {labels[answer]});
        for (int t = 0; t < answer; t++) {
            assertArrayEquals(new int[] {I}, new int[] {labels[t]}, "token " + t);
        }
    }

    @Test
    void anEmptyTemplateIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ResponseTemplate(new int[0]));
    }
}
