package dev.rein.training.freezing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.autograd.LossFunctions;
import dev.rein.autograd.Variable;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.layout.ParameterLayout;
import dev.rein.formats.layout.ParameterRole;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.models.LanguageModel;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.testing.TinyLlama;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Selecting trainable weights by name, layer and role, and what the frozen rest costs: nothing. */
class TrainableSelectionTest {
    private static Path model;

    @BeforeAll
    static void writeModel(@TempDir Path dir) throws IOException {
        model = TinyLlama.write(dir.resolve("model"), 1);
    }

    private static List<String> selected(TrainableSelection selection) throws IOException {
        return ParameterLayout.of(ModelConfig.readFolder(model)).stream().filter(selection)
                .map(ParameterSpec::name).toList();
    }

    @Test
    void globsMatchWholeNamesWithStarsCrossingDots() throws IOException {
        assertEquals(List.of("lm_head.weight"), selected(TrainableSelection.names(List.of("lm_head.weight"))));
        assertEquals(List.of("model.layers.1.mlp.gate_proj.weight", "model.layers.1.mlp.up_proj.weight",
                "model.layers.1.mlp.down_proj.weight"), selected(TrainableSelection.names(List.of("*.1.mlp.*"))));
        assertEquals(List.of("model.layers.0.input_layernorm.weight", "model.layers.0.post_attention_layernorm.weight",
                        "model.layers.1.input_layernorm.weight", "model.layers.1.post_attention_layernorm.weight",
                        "model.norm.weight"),
                selected(TrainableSelection.names(List.of("*layernorm*", "model.norm.weigh?"))));
        assertEquals(List.of(), selected(TrainableSelection.names(List.of("lm_head"))), "a glob matches whole names");
        assertThrows(IllegalArgumentException.class, () -> TrainableSelection.names(List.of()));
    }

    @Test
    void regexLayerAndRoleSelectionsCombine() throws IOException {
        assertEquals(List.of("model.layers.0.self_attn.q_proj.weight", "model.layers.1.self_attn.q_proj.weight"),
                selected(TrainableSelection.matching(Pattern.compile(".*q_proj.*"))));
        assertEquals(9, selected(TrainableSelection.layers(1)).size());
        assertEquals(List.of("model.layers.1.self_attn.v_proj.weight"), selected(TrainableSelection.layers(1)
                .and(TrainableSelection.roles(ParameterRole.VALUE))));
        assertEquals(List.of("model.embed_tokens.weight", "model.norm.weight", "lm_head.weight"),
                selected(TrainableSelection.layers(0, 1).not()));
        assertEquals(List.of("model.layers.0.self_attn.v_proj.weight", "model.layers.1.self_attn.v_proj.weight",
                "lm_head.weight"), selected(TrainableSelection.roles(ParameterRole.VALUE)
                .or(TrainableSelection.roles(ParameterRole.LM_HEAD))));
        assertEquals("(layers [1]) and (roles [VALUE])",
                TrainableSelection.layers(1).and(TrainableSelection.roles(ParameterRole.VALUE)).toString());
    }

    @Test
    void frozenWeightsNeverGetAGradientAndTrainableOnesAreListedByName() throws IOException {
        TrainableSelection headAndLastNorm = TrainableSelection.names(List.of("lm_head.weight", "model.norm.weight"));
        try (LanguageModel loaded = LanguageModel.load(model, headAndLastNorm)) {
            List<NamedParameter> trainable = TrainableParameters.of(loaded.transformer().weights());
            assertEquals(List.of("model.norm.weight", "lm_head.weight"),
                    trainable.stream().map(NamedParameter::name).toList());
            assertEquals(32 + 64 * 32, TrainableParameters.count(trainable));

            int[] ids = {5, 9, 3, 7};
            Variable logits = loaded.transformer().forward(TokenBatch.of(ids));               // [1, 4, 64]
            LossFunctions.crossEntropy(logits.reshape(4, TinyLlama.VOCAB),
                    Tensor.ofLongs(new long[] {9, 3, 7, -100}, 4)).backward();
            for (Map.Entry<String, Variable> entry : loaded.transformer().weights().parameters().entrySet()) {
                if (headAndLastNorm.test(spec(loaded, entry.getKey()))) {
                    assertNotNull(entry.getValue().grad(), entry.getKey());
                } else {
                    assertFalse(entry.getValue().requiresGrad(), entry.getKey());
                    assertNull(entry.getValue().grad(), entry.getKey());
                }
            }
        }
    }

    private static ParameterSpec spec(LanguageModel loaded, String name) {
        return ParameterLayout.of(loaded.config()).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
