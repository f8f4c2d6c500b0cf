package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.serve.ReinServer;
import dev.rein.serve.ServerAssets;
import dev.rein.serve.ServerSettings;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein serve}: the OpenAI API over a model ({@link ReinServer}), with the control assets loaded at start
 * under the names requests use in their {@code rein} object. Runs until interrupted (Ctrl-C).
 */
@Command(name = "serve", description = {"Serve a model with the OpenAI API: /v1/completions, /v1/chat/completions",
        "(stream: true for server-sent events), /v1/models, /health, /v1/rein/assets.",
        "Control methods are request options (\"rein\": {...}) naming the assets loaded here (docs/serve.md)."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    private String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--max-batch", paramLabel = "ROWS", defaultValue = "32",
            description = "Most sequences decoded together (default: ${DEFAULT-VALUE}).")
    private int maxBatch;

    @Option(names = "--max-queue", paramLabel = "N", defaultValue = "64",
            description = "Most requests waiting; more get 503 with Retry-After (default: ${DEFAULT-VALUE}).")
    private int maxQueue;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Longest a request may wait and decode (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--steering-vector", paramLabel = "NAME=FILE", description = "A steering vector (rein steer "
            + "build; direction.{layer} tensors) requests name in rein.steering_vectors (repeatable).")
    private Map<String, Path> steeringVectors = new LinkedHashMap<>();

    @Option(names = "--value-model", paramLabel = "NAME=DIR", description = "A RE-Control value model (rein "
            + "recontrol train) requests name in rein.recontrol.value_model (repeatable).")
    private Map<String, Path> valueModels = new LinkedHashMap<>();

    @Option(names = "--cogsteer", paramLabel = "NAME=DIR", description = "A CogSteer adapter (rein cogsteer train) "
            + "requests name in rein.cogsteer.adapter (repeatable).")
    private Map<String, Path> cogsteer = new LinkedHashMap<>();

    @Option(names = "--cie", paramLabel = "NAME=DIR", description = "CIE control tables (rein cie train) requests "
            + "name in rein.cie.tables (repeatable).")
    private Map<String, Path> cie = new LinkedHashMap<>();

    @Option(names = "--reward-head", paramLabel = "NAME=DIR", description = "DPH reward heads (rein dph train's "
            + "OUT/heads) requests name in rein.reward_head with rein.best_of (repeatable).")
    private Map<String, Path> rewardHeads = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        backend.install();
        ServerSettings settings;
        try {
            settings = ServerSettings.defaults().withAddress(host, port)
                    .withLimits(maxBatch, maxQueue, Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new UserError("--port, --max-batch, --max-queue, --timeout: " + e.getMessage());
        }
        try (LanguageModel model = modelOption.load()) {
            if (!model.hasTokenizer()) {
                throw new UserError("--model " + modelOption.name() + ": no tokenizer.json beside the weights; the "
                        + "server answers in text");
            }
            ServerAssets assets = new ServerAssets(model);
            load(steeringVectors, "--steering-vector", assets::addSteeringVector);
            load(valueModels, "--value-model", assets::addValueModel);
            load(cogsteer, "--cogsteer", assets::addCogSteer);
            load(rewardHeads, "--reward-head", assets::addRewardHead);
            load(cie, "--cie", assets::addCie);
            ReinServer server = ReinServer.start(model, modelOption.name(), settings, assets);
            System.err.printf("serving %s at http://%s:%d/v1 (Ctrl-C stops)%n", modelOption.name(), host,
                    server.port());
            UntilStopped.await(server::close);
        }
        return 0;
    }

    /** An asset loader of {@link ServerAssets}. */
    @FunctionalInterface
    interface AssetLoader {
        ServerAssets add(String name, Path path) throws IOException;
    }

    /** Adds every NAME=PATH of {@code option}; a missing or unfitting file is a user error naming it. */
    static void load(Map<String, Path> given, String option, AssetLoader loader) throws IOException {
        for (Map.Entry<String, Path> entry : given.entrySet()) {
            try {
                loader.add(entry.getKey(), entry.getValue());
            } catch (IllegalArgumentException | NoSuchFileException e) {
                throw new UserError(option + " " + entry.getKey() + "=" + entry.getValue() + ": " + e.getMessage());
            }
        }
    }
}
