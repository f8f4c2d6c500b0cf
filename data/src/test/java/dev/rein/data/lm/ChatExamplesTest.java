package dev.rein.data.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.tensor.testing.SharedData;
import dev.rein.text.chat.ChatMessage;
import dev.rein.text.chat.ChatTemplate;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conversations labelled on the assistant's replies, through the chat template and the tokenizer's offsets. */
class ChatExamplesTest {
    /** ChatML, as METHODS.md 3.3 gives it for Direct Preference Heads. */
    private static final String CHATML = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n"
            + "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

    @Test
    void onlyTheRepliesAndTheirEndOfTurnMarkersAreLabelled() {
        Tokenizer qwen = Tokenizer.load(SharedData.path("tokenizers/qwen3"));
        ChatExamples examples = new ChatExamples(ChatTemplate.of(CHATML, null, "<|im_end|>"), qwen, null);
        LmExample example = examples.encode(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi!"),
                ChatMessage.assistant("Hello there."), ChatMessage.user("Bye."), ChatMessage.assistant("Bye!")));

        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi!<|im_end|>\n"
                + "<|im_start|>assistant\nHello there.<|im_end|>\n<|im_start|>user\nBye.<|im_end|>\n"
                + "<|im_start|>assistant\nBye!<|im_end|>\n", qwen.decode(example.ids()));
        assertEquals(List.of("Hello there.<|im_end|>", "Bye!<|im_end|>"), labelledRuns(qwen, example));
    }

    /** The decoded text of each run of consecutive labelled tokens. */
    private static List<String> labelledRuns(Tokenizer tokenizer, LmExample example) {
        List<String> runs = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        for (int t = 0; t <= example.length(); t++) {
            if (t < example.length() && example.label(t) != -100) {
                assertEquals(example.id(t), example.label(t), "a labelled token's label is its id");
                run.add(example.id(t));
            } else if (!run.isEmpty()) {
                runs.add(tokenizer.decode(run.stream().mapToInt(Integer::intValue).toArray()));
                run.clear();
            }
        }
        return runs;
    }
}
