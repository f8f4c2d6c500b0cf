package dev.rein.steering.cie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rein.models.DefaultModel;
import dev.rein.models.LanguageModel;
import dev.rein.training.freezing.TrainableSelection;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two CIE trainings with the same seed in one process end with the same table and weights, to the bit. The first
 * runs while the kernels are still being compiled, the second after: the order in which a norm's or a softmax's
 * lanes were added used to change when the JIT compiled a kernel (the tensor module's VectorMath.sum, whose own
 * test pins the order), so that the two, and runs in two processes, drifted apart from the first update on. Whether
 * this test saw the old drift depended on when the JIT compiled what; with the fixed order it must always pass.
 */
class CieRepeatTest {
    private static final List<CieRow> ROWS = List.of(new CieRow("Tom had a ball.", "He played with it all day.", 6),
            new CieRow("Sue saw a cat.", "The cat was big and it ran away fast.", 9),
            new CieRow("Tom had a ball.", "He played.", 2),
            new CieRow("Lily sang a song.", "It was a happy song and her mom liked it a lot.", 11),
            new CieRow("Sue saw a cat.", "The cat ran.", 3));

    @TempDir
    Path out;

    @Test
    void twoTrainingsWithTheSameSeedGiveTheSameTableAndWeights() throws Exception {
        Map<String, float[]> first = trained(out.resolve("first"));
        Map<String, float[]> second = trained(out.resolve("second"));
        for (String name : first.keySet()) {
            assertArrayEquals(first.get(name), second.get(name), name);
        }
    }

    private static Map<String, float[]> trained(Path folder) throws Exception {
        try (LanguageModel model = LanguageModel.load(DefaultModel.unpacked(), TrainableSelection.all())) {
            ControlSignal length = new ControlSignal("length", ControlSignal.DEFAULT_PLACEHOLDER, 1, 20);
            ControlInjection injection = new ControlInjection(ControlTableInit.EMBEDDINGS.tables(List.of(length),
                    model.transformer().embedding().tokens(), 3));
            CieExamples examples = new CieExamples(CieTemplate.of(model),
                    PlaceholderTokens.add(model.tokenizer(), List.of(length)), length);
            CieTrainer.Result result = CieTrainer.train(model, examples, injection, ROWS.stream()
                    .map(r -> examples.example(r, "row")).toList(), CieTrainingSettings.defaults(6).withBatchSize(2)
                    .withLearningRate(1e-3).withTableFactor(10).withSeed(11), folder);
            Map<String, float[]> values = new LinkedHashMap<>();
            values.put("table", injection.tables().get("length").table().value().toFloatArray());
            result.model().weights().parameters().forEach((name, w) -> values.put(name, w.value().toFloatArray()));
            return values;
        }
    }
}
