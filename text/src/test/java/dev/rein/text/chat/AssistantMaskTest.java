package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rein.text.tokenizer.Encoding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token masks and labels from character spans, on hand-built encodings. */
class AssistantMaskTest {
    private static final List<CharSpan> SPANS = List.of(new CharSpan(3, 8), new CharSpan(12, 15));

    /** Tokens: a BOS with an empty range, then ranges around and inside the spans [3, 8) and [12, 15). */
    private static final Encoding ENCODING = new Encoding(
            new int[] {1, 10, 11, 12, 13, 14, 15, 16},
            new String[] {"<s>", "abc", "cd", "efgh", "ijkl", "", "lmn", "p"},
            new int[] {0, 0, 2, 4, 8, 5, 11, 15},
            new int[] {0, 3, 4, 8, 12, 5, 13, 16});

    @Test
    void tokensOverlappingASpanAreMasked() {
        // [0,0) empty; [0,3) ends where the span starts; [2,4) and [4,8) overlap; [8,12) lies between the spans;
        // [5,5) is empty though inside a span; [11,13) overlaps the second span; [15,16) starts where it ends.
        assertArrayEquals(new boolean[] {false, false, true, true, false, false, true, false},
                AssistantMask.tokenMask(ENCODING, SPANS));
    }

    @Test
    void labelsKeepIdsOfMaskedTokensOnly() {
        assertArrayEquals(new int[] {-100, -100, 11, 12, -100, -100, 15, -100}, AssistantMask.labels(ENCODING, SPANS));
    }

    @Test
    void spansOfARenderedConversationOnACharacterPerTokenEncoding() {
        ChatTemplate template = ChatTemplate.of("{% for m in messages %}<{{ m.role[0] }}>{{ m.content }}</s>"
                + "{% endfor %}{% if add_generation_prompt %}<a>{% endif %}", null, "</s>");
        RenderedConversation rendered = AssistantSpans.find(template,
                List.of(ChatMessage.user("q"), ChatMessage.assistant("ab"), ChatMessage.user("r"),
                        ChatMessage.assistant("c")));
        // "<u>q</s><a>ab</s><u>r</s><a>c</s>": replies "ab</s>" at [11, 17) and "c</s>" at [28, 33).
        String text = rendered.text();
        int n = text.length();
        int[] ids = new int[n];
        String[] pieces = new String[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = text.charAt(i);
            pieces[i] = String.valueOf(text.charAt(i));
            starts[i] = i;
            ends[i] = i + 1;
        }
        boolean[] expected = new boolean[n];
        for (int i = 11; i < 17; i++) {
            expected[i] = true;
        }
        for (int i = 28; i < 33; i++) {
            expected[i] = true;
        }
        Encoding encoding = new Encoding(ids, pieces, starts, ends);
        assertArrayEquals(expected, AssistantMask.tokenMask(encoding, rendered.assistantSpans()));
    }
}
