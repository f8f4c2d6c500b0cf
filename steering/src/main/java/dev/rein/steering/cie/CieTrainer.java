package dev.rein.steering.cie;

import dev.rein.data.lm.RowOrder;
import dev.rein.models.LanguageModel;
import dev.rein.models.transformer.Transformer;
import dev.rein.training.adapters.LoraAdapter;
import dev.rein.training.freezing.TrainableParameters;
import dev.rein.training.optim.AdamSettings;
import dev.rein.training.optim.AdamW;
import dev.rein.training.optim.LearningRateSchedules;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.ParameterGroup;
import dev.rein.training.trainer.CausalLmTrainer;
import dev.rein.training.trainer.TrainingConfig;
import dev.rein.training.trainer.TrainingOutput;
import dev.rein.training.trainer.TrainingSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains a model with CIE controls ({@link CausalLmTrainer} with the injection's hooks): all trainable weights of
 * the model, or a LoRA adapter on it, and the control tables always. The trained model goes to {@code out/final}
 * as the trainer writes it, and the tables beside it ({@link ControlTableFiles}); with LoRA the adapter and the
 * tables go to {@code out/}{@value #ADAPTER_FOLDER}.
 *
 * <p>With {@link CieTrainingSettings#withCheckpoints} the trainer writes {@code out/checkpoint-<step>} folders, and
 * {@link #resume} continues a killed run from the newest: the tables (and an adapter) are optimizer parameters that
 * are not model weights, so each checkpoint holds them as extra parameters, with their AdamW moments, the step and
 * the data position; the resumed run takes the same steps as one never interrupted.
 */
public final class CieTrainer {
    /** The folder under the output that holds a LoRA run's adapter and tables. */
    public static final String ADAPTER_FOLDER = "adapter";
    private static final String TABLE_PREFIX = "control_embeds.";

    /** What a run produced: the trained model to generate with, where its tables were saved, the summary. */
    public record Result(Transformer model, Path tables, TrainingSummary summary) {
    }

    private CieTrainer() {
    }

    /**
     * Trains on {@code examples} (made by {@code control}) with the controls of {@code injection} (no table for the
     * prompt and no-control baselines); the folder of tables records the control's method and template.
     *
     * @param model a model loaded with its weights trainable ({@code LanguageModel.load(folder, selection)}) for
     *              full fine-tuning; any model for LoRA
     * @throws IllegalArgumentException for gradient accumulation other than 1, or full fine-tuning of a model with
     *                                  no trainable weight
     */
    public static Result train(LanguageModel model, LengthControl control, ControlInjection injection,
                               List<ControlledExample> examples, CieTrainingSettings settings, Path out)
            throws IOException {
        return run(model, control, injection, examples, settings, out, false);
    }

    /**
     * As {@link #train}, continuing from the newest checkpoint in {@code out} (the model's trained weights or
     * adapter, the tables, the optimizer's state, the step and the data position), or from the start when there is
     * none. Give the same examples and settings as the run that wrote it.
     *
     * @throws IllegalArgumentException as {@link #train}, and when the checkpoint was made with another seed or
     *                                  number of batches per epoch
     */
    public static Result resume(LanguageModel model, LengthControl control, ControlInjection injection,
                                List<ControlledExample> examples, CieTrainingSettings settings, Path out)
            throws IOException {
        return run(model, control, injection, examples, settings, out, true);
    }

    private static Result run(LanguageModel model, LengthControl control, ControlInjection injection,
                              List<ControlledExample> examples, CieTrainingSettings settings, Path out,
                              boolean resume) throws IOException {
        if (settings.accumulation() != 1) {
            throw new IllegalArgumentException("CIE training places each batch's controls as the batch is read, so "
                    + "gradient accumulation must be 1, not " + settings.accumulation()
                    + ": raise the batch size instead (the same gradient)");
        }
        LoraAdapter adapter = settings.lora() == null ? null
                : LoraAdapter.create(model.transformer(), settings.lora(), settings.seed());
        Transformer trained = adapter == null ? model.transformer() : adapter.model();
        List<NamedParameter> parameters = adapter == null ? TrainableParameters.of(model.transformer().weights())
                : adapter.parameters().entrySet().stream().map(e -> new NamedParameter(e.getKey(), e.getValue()))
                .toList();
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("the model has no trainable weight: load it with "
                    + "LanguageModel.load(folder, TrainableSelection.all()) for full fine-tuning, or train LoRA");
        }
        List<NamedParameter> tableParameters = new ArrayList<>();
        for (Map.Entry<String, ControlTable> table : injection.tables().entrySet()) {
            tableParameters.add(new NamedParameter(TABLE_PREFIX + table.getKey(), table.getValue().table()));
        }
        int padId = model.config().specialTokens().eos().getFirst();
        ControlledBatches batches = new ControlledBatches(examples, settings.batchSize(), padId,
                RowOrder.shuffled(settings.seed()), injection);
        TrainingConfig config = TrainingConfig.of(settings.steps()).withClipNorm(settings.clipNorm())
                .withSeed(settings.seed()).withCheckpoints(settings.saveEvery(), settings.keep());
        long warmup = LearningRateSchedules.warmupSteps(settings.warmupRatio(), settings.steps());
        AdamW optimizer = adamW(parameters, tableParameters, settings);
        CausalLmTrainer trainer = new CausalLmTrainer(trained, injection.hooks(), optimizer,
                LearningRateSchedules.cosine(warmup, settings.steps()), config);
        TrainingOutput output = new TrainingOutput(out, model.source());
        TrainingSummary summary = resume ? trainer.resume(batches, null, output)
                : trainer.train(batches, null, output);
        String base = String.valueOf(model.source());
        List<ControlTable> tables = List.copyOf(injection.tables().values());
        Path folder = output.finalModel();
        if (adapter != null) {
            folder = out.resolve(ADAPTER_FOLDER);
            adapter.save(folder, base);
        }
        ControlTableFiles.save(folder, new ControlTableFiles.Saved(control.method(), control.template().kind(), tables,
                base), model.config().hiddenSize());
        return new Result(trained, folder, summary);
    }

    /**
     * AdamW with decay on matrices (tables included) and none on vectors, as Hugging Face's Trainer groups them; the
     * tables (if any) in a group of their own at {@link CieTrainingSettings#tableLearningRate()}. The first group is
     * the backbone's, whose rate the trainer logs.
     */
    private static AdamW adamW(List<NamedParameter> parameters, List<NamedParameter> tables,
                               CieTrainingSettings settings) {
        List<ParameterGroup> groups = new ArrayList<>(ParameterGroup.decayOnMatrices(parameters,
                settings.learningRate(), settings.weightDecay()));
        if (!tables.isEmpty()) {
            groups.add(ParameterGroup.of("control_tables", tables, settings.tableLearningRate(),
                    settings.weightDecay()));
        }
        return new AdamW(groups, AdamSettings.defaults());
    }
}
