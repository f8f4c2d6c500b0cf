package dev.rein.training.heads;

import static dev.rein.training.adapters.TinyModels.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.autograd.Gradcheck;
import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import dev.rein.training.adapters.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pooled head on a tiny random Llama: scoring, gradients, files and settings. */
class PooledHeadTest {
    private static final int END = 7;
    private static final int[] IDS = {3, 17, END, 5, 9, END, 28};

    @TempDir
    static Path folder;
    static LanguageModel llama;

    @BeforeAll
    static void load() {
        llama = TinyModels.llama(folder);
    }

    @AfterAll
    static void close() {
        llama.close();
    }

    private static HeadConfig swiglu(String point) {
        return new HeadConfig(point, new Pooling.LastToken(END), HeadConfig.PoolerKind.SWIGLU_TANH, 32, 48, 2, true,
                0.3);
    }

    @Test
    void scoringTheModelEqualsTheHeadOnTheStatesAtItsHookPoint() {
        for (String point : List.of(HookPoints.FINAL_NORMALIZED, HookPoints.residPost(0))) {
            PooledHead head = PooledHead.create(swiglu(point), 1);
            Tensor scores = head.score(llama.transformer(), TokenBatch.of(IDS)).value();
            assertArrayEquals(new int[] {1, 2}, scores.shape());
            ActivationCache cache = new ActivationCache();
            llama.transformer().forward(TokenBatch.of(IDS), new Hooks().cache(cache, point));
            Tensor atEnd = cache.get(point).narrow(1, 5, 1).reshape(1, 32);       // the last END
            Tensor expected = head.head().apply(head.pooler().apply(Variable.constant(atEnd))).value();
            assertTrue(maxAbsDiff(expected, scores) < 1e-6f, point);
        }
    }

    @Test
    void scoringIsTheHeadOnTheModelsPooledStates() {
        PooledHead head = PooledHead.create(swiglu(HookPoints.FINAL_NORMALIZED), 3);
        Variable pooled = head.pooled(llama.transformer(), TokenBatch.of(IDS));
        assertArrayEquals(new int[] {1, 32}, pooled.shape());
        ActivationCache cache = new ActivationCache();
        llama.transformer().forward(TokenBatch.of(IDS), new Hooks().cache(cache, HookPoints.FINAL_NORMALIZED));
        Tensor atEnd = cache.get(HookPoints.FINAL_NORMALIZED).narrow(1, 5, 1).reshape(1, 32);
        assertTrue(maxAbsDiff(atEnd, pooled.value()) < 1e-6f);
        assertTrue(maxAbsDiff(head.score(llama.transformer(), TokenBatch.of(IDS)).value(),
                head.fromPooled(pooled).value()) < 1e-6f);
    }

    @Test
    void trainingAHeadOnAFrozenModelGivesGradientsToTheHeadOnly() {
        PooledHead head = PooledHead.create(HeadConfig.reward(HookPoints.FINAL_NORMALIZED, new Pooling.LastReal(), 32)
                .withPooler(HeadConfig.PoolerKind.LINEAR_TANH, 0), 2);
        Variable reward = head.score(llama.transformer(), TokenBatch.of(IDS));
        assertArrayEquals(new int[] {1, 1}, reward.shape());
        reward.sum().backward();
        head.parameters().forEach((name, p) -> assertTrue(p.grad().abs().sum().item() > 0f, name));
        assertEquals(List.of("pooler.dense.weight", "pooler.dense.bias", "head.weight"),
                List.copyOf(head.parameters().keySet()));
        assertTrue(llama.transformer().weights().parameters().values().stream().noneMatch(Variable::requiresGrad));
    }

    @Test
    void theWholeHeadPassesGradcheckInItsInput() {
        HeadConfig config = new HeadConfig(HookPoints.FINAL_NORMALIZED, new Pooling.Mean(),
                HeadConfig.PoolerKind.SWIGLU_TANH, 4, 3, 2, true, 0.5);
        PooledHead head = PooledHead.create(config, 3);
        Gradcheck.check("pooled head", v -> head.apply(v.get(0), TokenBatch.of(1, 2, 3)),
                new TensorRandom(4).normal(0f, 1f, 1, 3, 4));
    }

    @Test
    void aSavedHeadLoadsBackEqual() throws IOException {
        for (HeadConfig config : List.of(swiglu(HookPoints.residPost(1)),
                HeadConfig.reward(HookPoints.FINAL_NORMALIZED, new Pooling.Mean(), 32))) {
            PooledHead saved = PooledHead.create(config, 5);
            Path dir = folder.resolve("head-" + config.pooler());
            saved.save(dir);
            PooledHead loaded = PooledHead.load(dir);
            assertEquals(config, loaded.config());
            assertEquals(saved.parameters().keySet(), loaded.parameters().keySet());
            saved.parameters().forEach((name, p) ->
                    assertEquals(0f, maxAbsDiff(p.value(), loaded.parameters().get(name).value()), name));
            assertEquals(0f, maxAbsDiff(saved.score(llama.transformer(), TokenBatch.of(IDS)).value(),
                    loaded.score(llama.transformer(), TokenBatch.of(IDS)).value()));
        }
    }

    @Test
    void aMalformedDescriptionNamesItsField() throws IOException {
        Path dir = folder.resolve("head-bad");
        PooledHead.create(swiglu(HookPoints.FINAL_NORMALIZED), 6).save(dir);
        Path file = dir.resolve("pooled_head.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode description = (ObjectNode) json.readTree(file.toFile());
        ((ObjectNode) description.get("pooling")).put("kind", "first");
        Files.writeString(file, description.toString());
        FormatException kind = assertThrows(FormatException.class, () -> PooledHead.load(dir));
        assertEquals("pooling.kind", kind.field());

        ((ObjectNode) description.get("pooling")).put("kind", "last_token");
        description.put("intermediate_size", 40);
        Files.writeString(file, description.toString());
        FormatException shape = assertThrows(FormatException.class, () -> PooledHead.load(dir));
        assertEquals("pooler.value.weight", shape.field());
        assertTrue(shape.getMessage().contains("expected shape [40, 32], found [48, 32]"), shape.getMessage());
    }

    @Test
    void badSettingsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> HeadConfig.reward(HookPoints.z(0), new Pooling.Mean(), 32));
        assertThrows(IllegalArgumentException.class, () -> HeadConfig.reward(HookPoints.LOGITS, new Pooling.Mean(), 32));
        assertThrows(IllegalArgumentException.class, () -> HeadConfig.reward(HookPoints.FINAL_NORMALIZED,
                new Pooling.Mean(), 32).withPooler(HeadConfig.PoolerKind.SWIGLU_TANH, 0));
        assertThrows(IllegalArgumentException.class, () -> HeadConfig.reward(HookPoints.FINAL_NORMALIZED,
                new Pooling.Mean(), 32).withOutputs(0));
        PooledHead wide = PooledHead.create(HeadConfig.reward(HookPoints.FINAL_NORMALIZED, new Pooling.Mean(), 64), 0);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> wide.score(llama.transformer(), TokenBatch.of(IDS)));
        assertTrue(size.getMessage().contains("[B, T, 64]"), size.getMessage());
        PooledHead elsewhere = PooledHead.create(HeadConfig.reward(HookPoints.residPost(5), new Pooling.Mean(), 32), 0);
        assertThrows(IllegalArgumentException.class, () -> elsewhere.score(llama.transformer(), TokenBatch.of(IDS)));
    }
}
