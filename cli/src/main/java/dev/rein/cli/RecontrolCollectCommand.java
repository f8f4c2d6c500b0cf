package dev.rein.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.HookPoints;
import dev.rein.steering.recontrol.StateCollection;
import dev.rein.steering.recontrol.StateCollector;
import dev.rein.text.tokenizer.Tokenizer;
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
    @Mixin
    private ModelOption modelOption;

    @Mixin
    private PromptOptions prompts;

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
        List<String> texts = prompts.texts();
        try (LanguageModel model = modelOption.load()) {
            if (!model.hasTokenizer()) {
                throw new UserError("--model " + modelOption.name()
                        + ": no " + Tokenizer.FILE_NAME + " beside the weights, so prompts cannot be encoded");
            }
            Tokenizer tokenizer = model.tokenizer();
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
        if (batchSize < 1) {
            throw new UserError("--batch-size must be at least 1");
        }
        decoding.requireSamplingChoice();
        if (Files.isDirectory(out)) {
            try (Stream<Path> children = Files.list(out)) {
                if (children.findAny().isPresent()) {
                    throw new UserError("--out " + out + " is not empty; choose a new folder");
                }
            }
        }
    }

    private ObjectNode description(LanguageModel model, SamplingSettings settings, int promptCount,
                                   StateCollection collection) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("model", modelOption.name())
                .put("model_type", model.config().modelType())
                .put("hook_point", hookPoint)
                .put("hidden_size", collection.trajectories().width())
                .put("responses", collection.trajectories().rows())
                .put("steps", collection.trajectories().steps())
                .put("step_definition", "states[n, t] is the state at the last position of the pass whose logits "
                        + "chose generated token t+1 (t = 0: the last prompt token); mask[n, t] is true from t = 0 "
                        + "to the step that chose the response's last token, EOS included");
        prompts.describe(json);
        json.put("prompt_count", promptCount).put("batch_size", batchSize);
        json.set("decoding", DecodingOptions.describe(settings));
        return json;
    }
}
