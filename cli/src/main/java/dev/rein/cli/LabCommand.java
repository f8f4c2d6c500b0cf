package dev.rein.cli;

import dev.rein.lab.LabServer;
import dev.rein.models.LanguageModel;
import dev.rein.serve.ServerAssets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein lab}: the browser workbench ({@link LabServer}) over a model, with saved steering vectors, RE-Control
 * value models and CIE folders loaded at start as {@code rein serve} loads them. Runs until interrupted (Ctrl-C).
 */
@Command(name = "lab", description = {"Open a browser workbench on a model: tokens and predictions, logit lens,",
        "attention heads, activation patching and a steering playground, with its JSON API (docs/lab.md)."})
final class LabCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    private String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8081", description = "Port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--steering-vector", paramLabel = "NAME=FILE", description = "A saved steering vector (rein steer "
            + "build) the playground offers (repeatable; more can be loaded from the page).")
    private Map<String, Path> steeringVectors = new LinkedHashMap<>();

    @Option(names = "--value-model", paramLabel = "NAME=DIR", description = "A RE-Control value model (rein "
            + "recontrol train) the playground offers (repeatable).")
    private Map<String, Path> valueModels = new LinkedHashMap<>();

    @Option(names = "--cie", paramLabel = "NAME=DIR", description = "CIE control tables (rein cie train) the "
            + "playground offers (repeatable).")
    private Map<String, Path> cie = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        backend.install();
        if (port < 0 || port > 65535) throw new UserError("--port " + port + ": must be in 0..65535");
        try (LanguageModel model = modelOption.load()) {
            if (!model.hasTokenizer()) {
                throw new UserError("--model " + modelOption.name() + ": no tokenizer.json beside the weights; the "
                        + "lab shows tokens as text");
            }
            ServerAssets assets = new ServerAssets(model);
            ServeCommand.load(steeringVectors, "--steering-vector", assets::addSteeringVector);
            ServeCommand.load(valueModels, "--value-model", assets::addValueModel);
            ServeCommand.load(cie, "--cie", assets::addCie);
            LabServer server = LabServer.start(model, modelOption.name(), assets, host, port);
            System.err.printf("rein lab on %s: open http://%s:%d/ (Ctrl-C stops)%n", modelOption.name(), host,
                    server.port());
            UntilStopped.await(server::close);
        }
        return 0;
    }
}
