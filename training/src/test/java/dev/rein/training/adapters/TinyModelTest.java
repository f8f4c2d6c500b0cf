package dev.rein.training.adapters;

import dev.rein.autograd.LossFunctions;
import dev.rein.autograd.Variable;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Base of the adapter tests: the tiny random Llama, Qwen2 and GPT-2 of {@link TinyModels}, loaded once per class. */
abstract class TinyModelTest {
    @TempDir
    static Path folder;
    static LanguageModel llama;
    static LanguageModel qwen2;
    static LanguageModel gpt2;

    @BeforeAll
    static void load() {
        llama = TinyModels.llama(folder);
        qwen2 = TinyModels.qwen2(folder);
        gpt2 = TinyModels.gpt2(folder);
    }

    @AfterAll
    static void close() {
        llama.close();
        qwen2.close();
        gpt2.close();
    }

    /** The mean cross-entropy of predicting each of {@code ids} from the ones before it. */
    static Variable nextTokenLoss(Transformer model, Hooks hooks, int[] ids) {
        Variable logits = model.forward(TokenBatch.of(ids), hooks);                        // [1, T, V]
        int t = ids.length - 1;
        long[] targets = new long[t];
        for (int i = 0; i < t; i++) {
            targets[i] = ids[i + 1];
        }
        return LossFunctions.crossEntropy(logits.narrow(1, 0, t).reshape(t, -1), Tensor.ofLongs(targets, t));
    }
}
