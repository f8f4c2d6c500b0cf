package dev.rein.training.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.Tensor;
import dev.rein.data.batch.DataPosition;
import dev.rein.training.freezing.TrainableParameters;
import dev.rein.training.freezing.TrainableSelection;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.Optimizer;
import dev.rein.training.optim.ParameterGroup;
import dev.rein.training.optim.Sgd;
import dev.rein.training.optim.SgdSettings;
import dev.rein.training.testing.TinyLlama;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint restores trained model weights, trained tensors outside the model, and the optimizer's state. */
class TrainingCheckpointTest {
    private static final TrainerState STATE = new TrainerState(7, new DataPosition(1, 2), 3, 1, 4, 10, "sgd",
            "constant");

    @TempDir
    Path dir;

    @Test
    void savedValuesComeBackIntoTheLiveParameters() throws IOException {
        Path model = TinyLlama.write(dir.resolve("model"), 1);
        try (LanguageModel loaded = LanguageModel.load(model, TrainableSelection.names(List.of("model.norm.weight")))) {
            NamedParameter norm = TrainableParameters.of(loaded.transformer().weights()).getFirst();
            NamedParameter adapter = new NamedParameter("adapter.up", Variable.parameter(Tensor.of(new float[] {1, 2}, 2)));
            Optimizer sgd = optimizer(norm, adapter);
            norm.variable().value().setFloat(5f, 0);
            adapter.variable().value().setFloat(9f, 1);
            adapter.variable().backward(Tensor.ones(2));
            sgd.step(1);                                                       // a momentum buffer to restore
            float[] savedAdapter = adapter.variable().value().toFloatArray();
            Path checkpoint = dir.resolve("checkpoint-7");
            Files.createDirectories(checkpoint);
            TrainingCheckpoint.write(checkpoint, loaded.transformer(), model, sgd, STATE);
            assertTrue(Files.isRegularFile(checkpoint.resolve(TrainingCheckpoint.EXTRA_FILE)));

            norm.variable().value().setFloat(0f, 0);
            adapter.variable().value().copyFrom(Tensor.zeros(2));
            Optimizer fresh = optimizer(norm, adapter);
            assertEquals(STATE, TrainingCheckpoint.restore(checkpoint, fresh));
            assertEquals(5f, norm.variable().value().getFloat(0));
            assertArrayEquals(savedAdapter, adapter.variable().value().toFloatArray());
            assertEquals(1, fresh.steps());
            assertArrayEquals(sgd.state().tensors().get("momentum_buffer/adapter.up").toFloatArray(),
                    fresh.state().tensors().get("momentum_buffer/adapter.up").toFloatArray());
        }
    }

    @Test
    void aParameterTheCheckpointLacksIsNamed() throws IOException {
        Path model = TinyLlama.write(dir.resolve("model"), 1);
        try (LanguageModel loaded = LanguageModel.load(model, TrainableSelection.names(List.of("model.norm.weight")))) {
            NamedParameter norm = TrainableParameters.of(loaded.transformer().weights()).getFirst();
            Path checkpoint = Files.createDirectories(dir.resolve("checkpoint-7"));
            TrainingCheckpoint.write(checkpoint, loaded.transformer(), model, optimizer(norm), STATE);
            NamedParameter head = new NamedParameter("head.weight", Variable.parameter(Tensor.zeros(3)));
            FormatException missing = assertThrows(FormatException.class,
                    () -> TrainingCheckpoint.restore(checkpoint, optimizer(norm, head)));
            assertEquals(checkpoint + ": head.weight: missing: this run trains it, the checkpoint does not hold it",
                    missing.getMessage());
        }
    }

    private static Optimizer optimizer(NamedParameter... parameters) {
        return new Sgd(List.of(ParameterGroup.of("all", new ArrayList<>(List.of(parameters)), 0.1, 0)),
                SgdSettings.momentum(0.9));
    }
}
