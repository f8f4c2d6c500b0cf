package dev.rein.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.eval.PredictionRows;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.tokenizer.Tokenizer;
import dev.rein.steering.recontrol.StateCollection;
import dev.rein.steering.recontrol.StateCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein recontrol collect}: generates responses and records their states ({@link StateCollector}). */
@Command(name = "collect", description = {"Generate a response to every prompt and record the model's state at every "
        + "step (the final normed state at the last position): OUT/states.safetensors (states [N, T, H], mask "
        + "[N, T]), OUT/responses.jsonl and OUT/collection.json.",
        "Step t is the state whose LM-head output chose token t+1; the mask covers steps 0 to the one that chose the "
        + "last token (EOS included). Give --greedy or --sample: RE-Control's results depend on it."})
final class RecontrolCollectCommand implements Callable<Integer> {
    private static final String PLACEHOLDER = "{text}";

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model folder (with tokenizer.json).")
    private Path modelPath;

    @Option(names = "--prompts", required = true, paramLabel = "FILE",
            description = "JSON Lines file of prompts, e.g. ../shared/data/re_control/test_dataset_shp.json.")
    private Path prompts;

    @Option(names = "--prompt-field", paramLabel = "NAME", defaultValue = "prompt",
            description = "The field holding each prompt (default: ${DEFAULT-VALUE}; SHP: history).")
    private String promptField;

    @Option(names = "--prompt-format", paramLabel = "TEXT", defaultValue = PLACEHOLDER,
            description = "The prompt text, with " + PLACEHOLDER + " for the field, e.g. $'User: {text}\\nAssistant:' "
                    + "(default: the field as it is).")
    private String promptFormat;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N prompts.")
    private Integer limit;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "8",
            description = "Prompts generated together (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--hook-point", paramLabel = "POINT", defaultValue = HookPoints.FINAL_NORMALIZED,
            description = "Where the states are read (default: ${DEFAULT-VALUE}, RE-Control's).")
    private String hookPoint;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty).")
    private Path out;

    @Mixin
    private DecodingOptions decoding;

    @Override
    public Integer call() throws IOException {
        checkArguments();
        List<String> texts = promptTexts();
        try (LanguageModel model = LanguageModel.load(modelPath)) {
            Tokenizer tokenizer = model.tokenizer().orElseThrow(() -> new UserError("--model " + modelPath
                    + ": no " + Tokenizer.FILE_NAME + " beside the weights, so prompts cannot be encoded"));
            if (!model.transformer().hookPoints().contains(hookPoint)) {
                throw new UserError("--hook-point " + hookPoint + ": the model has no such point; see rein info "
                        + "or docs/hooks.md for the names");
            }
            SamplingSettings settings = decoding.settings(model);
            StateCollector collector = new StateCollector(model.transformer(), tokenizer, hookPoint);
            int rows = texts.size() * settings.numReturnSequences();
            StateCollection collection = collector.collect(texts, settings, batchSize,
                    done -> System.err.printf(Locale.ROOT, "\rcollected %d/%d responses", done, rows));
            System.err.println();
            collection.write(out, description(model, settings, texts.size(), collection));
            System.out.printf(Locale.ROOT, "%d responses, states [%d, %d, %d] at %s; %d ended by a stop token%n",
                    rows, rows, collection.trajectories().steps(), collection.trajectories().width(), hookPoint,
                    collection.responses().stream().filter(r -> r.finishReason().equals("stop_token")).count());
            System.out.println("wrote " + out);
        }
        return 0;
    }

    private void checkArguments() throws IOException {
        if (!Files.isDirectory(modelPath) && !Files.isRegularFile(modelPath)) {
            throw new UserError("--model " + modelPath + ": no such folder");
        }
        if (!Files.isRegularFile(prompts)) {
            throw new UserError("--prompts " + prompts + ": no such file");
        }
        if (!promptFormat.contains(PLACEHOLDER)) {
            throw new UserError("--prompt-format must contain " + PLACEHOLDER + ", where each prompt goes");
        }
        if (batchSize < 1 || (limit != null && limit < 1)) {
            throw new UserError("--batch-size and --limit must be at least 1");
        }
        if (!decoding.choseSampling()) {
            throw new UserError("give --greedy or --sample (with --seed): RE-Control leaves the choice to each "
                    + "checkpoint's generation_config.json, which makes runs differ silently");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> children = Files.list(out)) {
                if (children.findAny().isPresent()) {
                    throw new UserError("--out " + out + " is not empty; choose a new folder");
                }
            }
        }
    }

    private List<String> promptTexts() throws IOException {
        List<String> fields = PredictionRows.read(prompts).strings(promptField);
        if (limit != null && limit < fields.size()) {
            fields = fields.subList(0, limit);
        }
        return fields.stream().map(field -> promptFormat.replace(PLACEHOLDER, field)).toList();
    }

    private ObjectNode description(LanguageModel model, SamplingSettings settings, int promptCount,
                                   StateCollection collection) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("model", modelPath.toString())
                .put("model_type", model.config().modelType())
                .put("hook_point", hookPoint)
                .put("hidden_size", collection.trajectories().width())
                .put("responses", collection.trajectories().rows())
                .put("steps", collection.trajectories().steps())
                .put("step_definition", "states[n, t] is the state at the last position of the pass whose logits "
                        + "chose generated token t+1 (t = 0: the last prompt token); mask[n, t] is true from t = 0 "
                        + "to the step that chose the response's last token, EOS included")
                .put("prompts", prompts.toString())
                .put("prompt_field", promptField)
                .put("prompt_format", promptFormat)
                .put("prompt_count", promptCount)
                .put("batch_size", batchSize);
        ObjectNode decodingJson = json.putObject("decoding")
                .put("do_sample", settings.doSample())
                .put("temperature", settings.temperature())
                .put("top_k", settings.topK())
                .put("top_p", settings.topP())
                .put("min_p", settings.minP())
                .put("typical_p", settings.typicalP())
                .put("repetition_penalty", settings.repetitionPenalty())
                .put("no_repeat_ngram_size", settings.noRepeatNgramSize())
                .put("min_new_tokens", settings.minNewTokens())
                .put("seed", settings.seed())
                .put("num_return_sequences", settings.numReturnSequences());
        settings.maxNewTokens().ifPresent(max -> decodingJson.put("max_new_tokens", max));
        settings.maxLength().ifPresent(max -> decodingJson.put("max_length", max));
        if (settings.maxNewTokens().isEmpty() && settings.maxLength().isEmpty()) {
            decodingJson.put("max_new_tokens", SamplingSettings.DEFAULT_MAX_NEW_TOKENS);
        }
        settings.stopTokenIds().stream().sorted().forEach(decodingJson.putArray("stop_token_ids")::add);
        settings.stopStrings().forEach(decodingJson.putArray("stop_strings")::add);
        return json;
    }
}
