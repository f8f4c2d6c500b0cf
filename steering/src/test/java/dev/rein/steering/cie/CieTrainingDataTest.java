package dev.rein.steering.cie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.data.batch.TrainingBatch;
import dev.rein.data.lm.LmExample;
import dev.rein.formats.FormatException;
import dev.rein.models.LanguageModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIE training data: the JSONL reader, the plain template's labels, the placeholder taken out, no accumulation. */
class CieTrainingDataTest {
    private static final ControlSignal LENGTH = ControlSignal.length();

    @TempDir
    Path folder;

    @Test
    void readsRowsAndCountsMissingLengthsInWords() throws Exception {
        Path file = folder.resolve("data.jsonl");
        Files.writeString(file, """
                {"instruction": "Tell a tale.", "answer": "Tom ran. Lily didn't.", "ans_len": 7}

                {"instruction": "Tell a tale.", "answer": "Tom ran. Lily didn't.", "dataset": "x"}
                """);
        assertEquals(List.of(new CieRow("Tell a tale.", "Tom ran. Lily didn't.", 7),
                new CieRow("Tell a tale.", "Tom ran. Lily didn't.", 5)), CieRows.read(file));
    }

    @Test
    void badRowsAreOneLineErrorsNamingFileLineAndField() throws Exception {
        Path file = folder.resolve("bad.jsonl");
        Files.writeString(file, "{\"instruction\": \"a\", \"answer\": \"b\"}\n{\"instruction\": \"a\"}\n");
        FormatException missing = assertThrows(FormatException.class, () -> CieRows.read(file));
        assertTrue(missing.getMessage().contains("bad.jsonl") && missing.getMessage().contains("line 2 answer"),
                missing.getMessage());
        Files.writeString(file, "{\"instruction\": \"a\", \"answer\": \"b\", \"ans_len\": \"ten\"}\n");
        FormatException text = assertThrows(FormatException.class, () -> CieRows.read(file));
        assertTrue(text.getMessage().contains("line 1 ans_len") && !text.getMessage().contains("\n"),
                text.getMessage());
        Files.writeString(file, "{\"instruction\": \"a\", \"answer\": \"b\", \"ans_len\": 2.5}\n");
        assertThrows(FormatException.class, () -> CieRows.read(file));
    }

    @Test
    void plainTemplateLearnsTheAnswerAndEosOnlyWithThePlaceholderTakenOut() {
        try (LanguageModel model = LanguageModel.loadDefault()) {
            int eos = model.config().specialTokens().eos().getFirst();
            CieTemplate template = CieTemplate.of(model);
            assertEquals(TemplateKind.PLAIN, template.kind(), "the default model has no chat template");
            PlaceholderTokens placeholders = PlaceholderTokens.add(model.tokenizer(), List.of(LENGTH));
            CieExamples examples = new CieExamples(template, placeholders, LENGTH);
            ControlledExample example = examples.example(new CieRow("Tom had a dog.", "The dog ran.", 3), "row 1");
            ControlledTokens prompt = examples.prompt("Tom had a dog.", 3, "prompt");
            LmExample tokens = example.example();
            int[] promptIds = prompt.ids();
            assertArrayEquals(promptIds, Arrays.copyOf(tokens.ids(), promptIds.length), "the prompt is generated from");
            assertEquals(prompt.controls(), example.controls());
            assertEquals(List.of(new ControlPlacement(0, promptIds.length - 2, "length", 3)), example.controls());
            assertEquals(PlaceholderTokens.SUBSTITUTE_ID, tokens.id(promptIds.length - 2));
            for (int t = 0; t < tokens.length(); t++) {
                int expected = t < promptIds.length ? TrainingBatch.IGNORED : tokens.id(t);
                assertEquals(expected, tokens.label(t), "label " + t);
            }
            assertEquals(eos, tokens.id(tokens.length() - 1));
            assertTrue(Arrays.stream(tokens.ids()).allMatch(id -> id < model.config().vocabSize()));
        }
    }

    @Test
    void gradientAccumulationIsRefused() {
        try (LanguageModel model = LanguageModel.loadDefault()) {
            ControlInjection injection = new ControlInjection(List.of(ControlTable.initialized(LENGTH,
                    model.config().hiddenSize(), 1)));
            CieExamples examples = new CieExamples(CieTemplate.of(model), PlaceholderTokens.add(model.tokenizer(),
                    List.of(LENGTH)), LENGTH);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CieTrainer.train(
                    model, examples, injection, List.of(), CieTrainingSettings.defaults(10).withAccumulation(4),
                    folder));
            assertTrue(refused.getMessage().contains("accumulation must be 1"), refused.getMessage());
        }
    }
}
