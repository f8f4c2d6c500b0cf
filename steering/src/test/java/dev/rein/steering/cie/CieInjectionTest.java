package dev.rein.steering.cie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.autograd.Gradcheck;
import dev.rein.autograd.Variable;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.HookContext;
import dev.rein.models.hooks.HookPoint;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.testing.SharedData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CIE injection: the formula, where it goes, and that it agrees across full passes, the KV cache and autograd. */
class CieInjectionTest {
    private static final ControlSignal LENGTH = ControlSignal.length();
    private static LanguageModel model;

    @BeforeAll
    static void load() throws Exception {
        model = LanguageModel.load(SharedData.path("models/stories260K"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** A table [2, H] with rows far apart (std 1), so the control visibly changes the model's output. */
    private static ControlTable table(ControlSignal signal, int hidden, long seed) {
        TensorRandom random = new TensorRandom(seed);
        float[] values = new float[2 * hidden];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return new ControlTable(signal, Variable.parameter(Tensor.of(values, 2, hidden)));
    }

    @Test
    void weightIsClampedLinearInterpolation() {
        assertEquals(0, LENGTH.weight(1), 0);
        assertEquals(1, LENGTH.weight(200), 0);
        assertEquals(99.0 / 199, LENGTH.weight(100), 1e-12);
        assertEquals(0, LENGTH.weight(-5), 0);
        assertEquals(1, LENGTH.weight(1000), 0);
        assertEquals(0.5, new ControlSignal("s", "<s>", 10, 20).weight(15), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LENGTH.weight(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ControlSignal("s", "<s>", 5, 5));
    }

    @Test
    void replacesOnlyPlacedPositionsWithEachRowsValue() {
        int hidden = 4;
        ControlTable table = table(LENGTH, hidden, 1);
        ControlInjection injection = new ControlInjection(List.of(table));
        injection.place(List.of(new ControlPlacement(0, 1, "length", 1), new ControlPlacement(1, 3, "length", 150)));
        Tensor x = Tensor.full(7f, 2, 4, hidden);                                       // [B=2, T=4, H]
        HookContext context = new HookContext(HookPoint.parse(HookPoints.EMBED), 0);
        Tensor out = injection.apply(Variable.constant(x), context).value();
        Tensor e = table.table().value();
        double c = LENGTH.weight(150);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                for (int h = 0; h < hidden; h++) {
                    float expected = b == 0 && t == 1 ? e.getFloat(1, h)
                            : b == 1 && t == 3 ? (float) (c * e.getFloat(0, h) + (1 - c) * e.getFloat(1, h)) : 7f;
                    assertEquals(expected, out.getFloat(b, t, h), 1e-6, "row " + b + " position " + t);
                }
            }
        }
        Variable later = Variable.constant(Tensor.full(7f, 2, 1, hidden));               // a decoding step
        HookContext step = new HookContext(HookPoint.parse(HookPoints.EMBED), 4);
        assertEquals(later, injection.apply(later, step));
    }

    @Test
    void cachedGenerationEqualsFullForwardWithTheControl() {
        int hidden = model.config().hiddenSize();
        ControlInjection injection = new ControlInjection(List.of(table(LENGTH, hidden, 2)));
        PlaceholderTokens placeholders = PlaceholderTokens.add(model.tokenizer(), List.of(LENGTH));
        List<ControlledTokens> prompts = List.of(
                placeholders.take(model.tokenizer().encode("Once upon a time<embedding>"), Map.of("length", 5.0),
                        "prompt 0"),
                placeholders.take(model.tokenizer().encode("Tom<embedding>"), Map.of("length", 180.0), "prompt 1"));
        SamplingSettings greedy = SamplingSettings.builder().greedy().maxNewTokens(8).build();
        List<GeneratedSequence> generated = new ControlledGeneration(model.transformer(), injection)
                .generate(prompts, greedy);
        for (int p = 0; p < prompts.size(); p++) {
            int[] prompt = prompts.get(p).ids();
            int[] all = concat(prompt, generated.get(p).newIds());
            injection.place(prompts.get(p).controls());
            Tensor logits = model.transformer().forward(TokenBatch.of(all), injection.hooks()).value();    // [1,T,V]
            int[] greedyNext = new int[generated.get(p).newIds().length];
            for (int i = 0; i < greedyNext.length; i++) {
                greedyNext[i] = argmax(logits, prompt.length - 1 + i);
            }
            assertArrayEquals(generated.get(p).newIds(), greedyNext, "prompt " + p);
        }
    }

    @Test
    void theControlChangesWhatIsGenerated() {
        int hidden = model.config().hiddenSize();
        ControlInjection injection = new ControlInjection(List.of(table(LENGTH, hidden, 3)));
        PlaceholderTokens placeholders = PlaceholderTokens.add(model.tokenizer(), List.of(LENGTH));
        int[] ids = model.tokenizer().encode("Once upon a time<embedding>");
        ControlledTokens low = placeholders.take(ids, Map.of("length", 1.0), "low");
        ControlledTokens high = placeholders.take(ids, Map.of("length", 200.0), "high");
        injection.place(low.controls());
        Tensor lowLogits = model.transformer().forward(TokenBatch.of(low.ids()), injection.hooks()).value();
        injection.place(high.controls());
        Tensor highLogits = model.transformer().forward(TokenBatch.of(high.ids()), injection.hooks()).value();
        int last = ids.length - 1;
        assertEquals(lowLogits.getFloat(0, 0, 5), highLogits.getFloat(0, 0, 5), 0, "before the placeholder");
        assertThrows(AssertionError.class,
                () -> assertEquals(lowLogits.getFloat(0, last, 5), highLogits.getFloat(0, last, 5), 1e-4));
    }

    @Test
    void tableGradientMatchesFiniteDifferences() {
        int hidden = model.config().hiddenSize();
        PlaceholderTokens placeholders = PlaceholderTokens.add(model.tokenizer(), List.of(LENGTH));
        ControlledTokens prompt = placeholders.take(model.tokenizer().encode("Lily had<embedding> a cat"),
                Map.of("length", 60.0), "prompt");
        Tensor start = table(LENGTH, hidden, 4).table().value();          // std 1: smooth at eps 1e-2
        Gradcheck.check("cie table", parameters -> {
            ControlInjection injection = new ControlInjection(List.of(new ControlTable(LENGTH, parameters.getFirst())));
            injection.place(prompt.controls());
            Variable logits = model.transformer().forward(TokenBatch.of(prompt.ids()), injection.hooks());
            return logits.narrow(1, logits.size(1) - 1, 1).narrow(2, 5, 1).sum();
        }, start);
    }

    @Test
    void severalSignalsGoToTheirOwnPlaceholders() {
        ControlSignal tone = new ControlSignal("tone", "<tone>", 0, 1);
        PlaceholderTokens placeholders = PlaceholderTokens.add(model.tokenizer(), List.of(LENGTH, tone));
        int[] ids = model.tokenizer().encode("Tom<embedding> ran<tone>");
        ControlledTokens taken = placeholders.take(ids, Map.of("length", 20.0, "tone", 0.25), "two signals");
        assertEquals(List.of(new ControlPlacement(0, Arrays.stream(ids).boxed().toList()
                        .indexOf(placeholders.idOf(LENGTH)), "length", 20.0),
                new ControlPlacement(0, ids.length - 1, "tone", 0.25)), taken.controls());
        assertEquals(0, Arrays.stream(taken.ids()).filter(id -> id >= model.config().vocabSize()).count());
        int hidden = 3;
        ControlTable lengthTable = table(LENGTH, hidden, 5);
        ControlTable toneTable = table(tone, hidden, 6);
        ControlInjection injection = new ControlInjection(List.of(lengthTable, toneTable));
        injection.place(List.of(new ControlPlacement(0, 0, "length", 200), new ControlPlacement(0, 1, "tone", 0)));
        Tensor out = injection.apply(Variable.constant(Tensor.zeros(1, 2, hidden)),
                new HookContext(HookPoint.parse(HookPoints.EMBED), 0)).value();
        for (int h = 0; h < hidden; h++) {
            assertEquals(lengthTable.table().value().getFloat(0, h), out.getFloat(0, 0, h), 1e-6);
            assertEquals(toneTable.table().value().getFloat(1, h), out.getFloat(0, 1, h), 1e-6);
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> placeholders.take(model.tokenizer().encode("Tom ran"), Map.of("length", 3.0),
                        "data.jsonl row 7"));
        assertEquals("data.jsonl row 7: no placeholder of signal length in the text", missing.getMessage());
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static int argmax(Tensor logits, int position) {
        int best = 0;
        for (int v = 1; v < logits.size(2); v++) {
            best = logits.getFloat(0, position, v) > logits.getFloat(0, position, best) ? v : best;
        }
        return best;
    }
}
