package dev.rein.training.checkpoints;

import dev.rein.formats.FormatException;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.formats.safetensors.SafetensorsFile;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.Optimizer;
import dev.rein.training.optim.ParameterGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contents of one resumable checkpoint folder: the model as a Hugging Face model folder ({@link ModelFolder}),
 * trained tensors that are not model weights (an adapter's, a head's) in {@value #EXTRA_FILE}, the optimizer's
 * state ({@link OptimizerFiles}) and the trainer's ({@link TrainerState}). Restoring copies the saved values back
 * into the optimizer's parameters by name; frozen weights never change, so they come from the model the run was
 * started from.
 */
public final class TrainingCheckpoint {
    /** Trained tensors that are not weights of the model, by their parameter names. */
    public static final String EXTRA_FILE = "extra_parameters.safetensors";

    private TrainingCheckpoint() {
    }

    /** Writes everything into {@code folder}. */
    public static void write(Path folder, Transformer model, Path filesFrom, Optimizer optimizer, TrainerState state)
            throws IOException {
        ModelFolder.write(folder, model, filesFrom);
        Map<String, Tensor> extra = new LinkedHashMap<>();
        for (NamedParameter parameter : parameters(optimizer)) {
            if (!model.weights().parameters().containsKey(parameter.name())) {
                extra.put(parameter.name(), parameter.variable().value());
            }
        }
        if (!extra.isEmpty()) {
            SafetensorsWriter.write(folder.resolve(EXTRA_FILE), extra, Map.of());
        }
        OptimizerFiles.write(folder.resolve(OptimizerFiles.FILE_NAME), optimizer.state());
        state.write(folder);
    }

    /**
     * Puts the checkpoint's values into the optimizer's parameters (matched by name) and its state into the
     * optimizer, and returns the trainer's state.
     *
     * @throws FormatException when a trained tensor is missing from the checkpoint or has another shape
     */
    public static TrainerState restore(Path folder, Optimizer optimizer) throws IOException {
        TrainerState state = TrainerState.read(folder);
        Path extraFile = folder.resolve(EXTRA_FILE);
        try (Checkpoint weights = Checkpoint.open(folder);
             SafetensorsFile extra = Files.exists(extraFile) ? SafetensorsFile.open(extraFile) : null) {
            for (NamedParameter parameter : parameters(optimizer)) {
                Tensor saved;
                if (weights.contains(parameter.name())) {
                    saved = weights.tensor(parameter.name());
                } else if (extra != null && extra.contains(parameter.name())) {
                    saved = extra.tensor(parameter.name());
                } else {
                    throw new FormatException(folder, parameter.name(), "missing: this run trains it, the "
                            + "checkpoint does not hold it");
                }
                Tensor live = parameter.variable().value();
                if (!Arrays.equals(saved.shape(), live.shape())) {
                    throw new FormatException(folder, parameter.name(), "expected shape "
                            + Arrays.toString(live.shape()) + ", found " + Arrays.toString(saved.shape()));
                }
                live.copyFrom(saved);
            }
        }
        optimizer.loadState(OptimizerFiles.read(folder.resolve(OptimizerFiles.FILE_NAME)));
        return state;
    }

    private static List<NamedParameter> parameters(Optimizer optimizer) {
        return optimizer.groups().stream().map(ParameterGroup::parameters).flatMap(List::stream).toList();
    }
}
