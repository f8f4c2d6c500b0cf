package dev.rein.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.LossFunctions;
import dev.rein.autograd.Variable;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.init.RandomCheckpoint;
import dev.rein.formats.layout.ParameterRole;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WeightLoader#loadTrainable}: the selected tensors become F32 parameters copied out of the checkpoint, the
 * others stay constants in their stored dtype and never receive a gradient.
 */
class TrainableWeightsTest {
    private static final int[] IDS = {3, 17, 99, 5, 42, 7};

    @TempDir
    Path dir;

    @Test
    void selectedWeightsAreF32ParametersAndTheRestStayFrozen() throws IOException {
        RandomCheckpoint.forConfig(SharedData.path("reference/models/random-llama-gqa-rope-llama3/config.json"))
                .write(dir, 3, DType.BF16);
        try (LanguageModel model = LanguageModel.load(dir, spec -> spec.role() == ParameterRole.LM_HEAD
                || spec.layer() == 1);
             Checkpoint stored = Checkpoint.open(dir)) {
            Map<String, Variable> parameters = model.transformer().weights().parameters();
            Variable head = parameters.get("lm_head.weight");
            assertTrue(head.requiresGrad());
            assertEquals(DType.F32, head.value().dtype());
            assertArrayEquals(stored.tensor("lm_head.weight").to(DType.F32).toFloatArray(),
                    head.value().toFloatArray(), "BF16 widened exactly");
            Variable embedding = parameters.get("model.embed_tokens.weight");
            assertFalse(embedding.requiresGrad());
            assertEquals(DType.BF16, embedding.value().dtype(), "a frozen weight stays a view in its stored dtype");

            Variable loss = causalLmLoss(model.transformer());
            loss.backward();
            for (Map.Entry<String, Variable> entry : parameters.entrySet()) {
                boolean trainable = entry.getKey().equals("lm_head.weight")
                        || entry.getKey().startsWith("model.layers.1.");
                assertEquals(trainable, entry.getValue().requiresGrad(), entry.getKey());
                if (trainable) {
                    assertNotNull(entry.getValue().grad(), entry.getKey());
                } else {
                    assertNull(entry.getValue().grad(), entry.getKey() + " is frozen: no gradient buffer");
                }
            }
        }
    }

    @Test
    void anF32ParameterIsACopyThatCanBeUpdatedInPlace() throws IOException {
        RandomCheckpoint.forConfig(SharedData.path("reference/models/random-llama-gqa-rope-llama3/config.json"))
                .write(dir, 3, DType.F32);
        try (Checkpoint stored = Checkpoint.open(dir)) {
            TransformerWeights weights = WeightLoader.loadTrainable(ModelConfig.readFolder(dir), stored, spec -> true);
            Tensor norm = weights.parameters().get("model.norm.weight").value();
            assertNotSame(stored.tensor("model.norm.weight").storage(), norm.storage());
            norm.setFloat(5f, 0);
            assertEquals(1f, stored.tensor("model.norm.weight").getFloat(0), "the checkpoint is untouched");
        }
    }

    private static Variable causalLmLoss(Transformer transformer) {
        Variable logits = transformer.forward(TokenBatch.of(IDS));                      // [1, T, V]
        int t = IDS.length - 1;
        long[] targets = new long[t];
        for (int i = 0; i < t; i++) {
            targets[i] = IDS[i + 1];
        }
        return LossFunctions.crossEntropy(logits.narrow(1, 0, t).reshape(t, transformer.config().vocabSize()),
                Tensor.ofLongs(targets, t));
    }
}
