package dev.rein.steering.cie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.data.lm.LmExample;
import dev.rein.eval.length.LengthRow;
import dev.rein.eval.length.LengthTarget;
import dev.rein.models.DefaultModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-prompt baseline's text, the tables' own learning rate and scale, the responder's one-sequence rule. */
class CieBaselinesTest {
    @Test
    void theInPromptBaselineAppendsTheRequestAndCarriesNoControl() throws Exception {
        assertEquals("Tell a tale. Answer using 42 words.", InPromptLength.request("Tell a tale.", 42));
        try (LanguageModel model = LanguageModel.load(DefaultModel.unpacked())) {
            CieTemplate template = CieTemplate.of(model);
            InPromptLength baseline = new InPromptLength(template);
            ControlledExample example = baseline.example(new CieRow("Tell a tale.", "Tom ran.", 2), "row");
            LmExample expected = template.example("Tell a tale. Answer using 2 words.", "Tom ran.");
            assertArrayEquals(expected.ids(), example.example().ids());
            assertArrayEquals(expected.labels(), example.example().labels());
            assertTrue(example.controls().isEmpty());
            assertArrayEquals(template.prompt("Tell a tale. Answer using 9 words."),
                    baseline.prompt("Tell a tale.", 9.4, "prompt").ids());
        }
    }

    @Test
    void theTablesLearnAtAFactorOfTheLearningRateOneByDefault() {
        CieTrainingSettings settings = CieTrainingSettings.defaults(10).withLearningRate(1e-3);
        assertEquals(1e-3, settings.tableLearningRate(), 1e-15);
        assertEquals(3e-2, settings.withTableFactor(30).tableLearningRate(), 1e-15);
        assertEquals(30, settings.withTableFactor(30).withBatchSize(2).tableFactor());
        assertThrows(IllegalArgumentException.class, () -> settings.withTableFactor(0));
    }

    @Test
    void aTableLikeTheEmbeddingsHasTheirScale() {
        float[] values = new float[4 * 256];
        java.util.Arrays.fill(values, 0.5f);
        ControlTable table = ControlTable.initializedLike(ControlSignal.length(),
                Variable.constant(Tensor.of(values, 4, 256)), 3);
        float[] drawn = table.table().value().toFloatArray();
        double squares = 0;
        for (float v : drawn) {
            squares += v * v;
        }
        assertEquals(256, table.hidden());
        assertEquals(0.5, Math.sqrt(squares / drawn.length), 0.05);
    }

    @Test
    void aResponderGivesOneResponsePerRowInOrder() throws Exception {
        try (LanguageModel model = LanguageModel.load(DefaultModel.unpacked())) {
            ControlSignal length = ControlSignal.length();
            ControlInjection injection = new ControlInjection(List.of(ControlTable.initialized(length,
                    model.config().hiddenSize(), 1)));
            CieExamples examples = new CieExamples(CieTemplate.of(model),
                    PlaceholderTokens.add(model.tokenizer(), List.of(length)), length);
            SamplingSettings greedy = SamplingSettings.builder().greedy().maxNewTokens(4).build();
            ControlledLengthResponder responder = new ControlledLengthResponder("cie",
                    new ControlledGeneration(model.transformer(), injection)::generate, model.tokenizer(),
                    row -> examples.prompt(row.instruction(), row.value(), "row"), greedy, 1);
            List<LengthRow> rows = List.of(new LengthRow(1, "Tom ran.", new LengthTarget.Exact(10)),
                    new LengthRow(2, "Lily sang a song.", new LengthTarget.Exact(90)));
            List<String> responses = responder.respond(rows);
            assertEquals("cie", responder.name());
            assertEquals(2, responses.size());
            assertEquals(responder.respond(rows.subList(1, 2)).getFirst(), responses.get(1));
        }
    }

    @Test
    void bucketsCoverTheRangeAndTheirTokenIsAControlAtItsMaximum() throws Exception {
        LengthBuckets buckets = new LengthBuckets(20, 70);
        assertEquals(List.of("<len_1-20>", "<len_21-40>", "<len_41-60>", "<len_61-80>"),
                buckets.signals().stream().map(ControlSignal::placeholder).toList());
        assertEquals("length_1-20", buckets.bucketOf(0).name());
        assertEquals("length_21-40", buckets.bucketOf(21).name());
        assertEquals("length_61-80", buckets.bucketOf(500).name());
        assertThrows(IllegalArgumentException.class, () -> new LengthBuckets(0, 70));
        try (LanguageModel model = LanguageModel.load(DefaultModel.unpacked())) {
            CieTemplate template = CieTemplate.of(model);
            PlaceholderTokens placeholders = PlaceholderTokens.add(model.tokenizer(), buckets.signals());
            BucketTokens tokens = new BucketTokens(buckets, template, placeholders);
            ControlledExample example = tokens.example(new CieRow("Go.", "Tom ran.", 30), "r");
            assertEquals(1, example.controls().size());
            assertEquals("length_21-40", example.controls().getFirst().signal());
            assertEquals(1.0, buckets.bucketOf(30).weight(example.controls().getFirst().value()));
            assertEquals(example.controls(), tokens.prompt("Go.", 25, "p").controls());
        }
    }
}
