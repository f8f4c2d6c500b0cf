package dev.rein.cli;

import dev.rein.formats.gguf.GgufFile;
import dev.rein.models.ModelReference;
import dev.rein.tensor.Backends;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rein info}: the backend, vector width, cores and memory Rein sees on this machine; {@code rein info MODEL}:
 * what a checkpoint holds (architecture, parameters by dtype, tensors). With no argument it describes the machine,
 * not the default model: {@code rein info default} describes that.
 */
@Command(name = "info", description = {"Show the compute backend and what Rein sees of this machine,",
        "or, given a model (a folder, a .safetensors or .gguf file, `default` for the embedded model or a Hub id), "
                + "what it holds."})
final class InfoCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    @Parameters(arity = "0..1", paramLabel = "MODEL",
            description = "A Hugging Face model folder (config.json + safetensors), one .safetensors or .gguf file, "
                    + "`default` (the embedded model) or a Hugging Face Hub id org/name[@revision].")
    private String checkpoint;

    @Option(names = "--all-tensors", description = "List every tensor instead of one line per kind of layer tensor.")
    private boolean allTensors;

    @Option(names = "--json", description = "With MODEL: print one JSON object (config, parameters, every tensor).")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        backend.install();
        if (checkpoint != null) {
            Path path = ModelReference.parse(checkpoint).resolve();
            if (GgufFile.isGgufFile(path)) {
                GgufReport.print(path, System.out, allTensors, json);
                return 0;
            }
            CheckpointReport report = CheckpointReport.read(path);
            if (json) {
                System.out.println(report.toJson().toPrettyString());
            } else {
                report.print(System.out, allTensors);
            }
            return 0;
        }
        Runtime rt = Runtime.getRuntime();
        System.out.println("backend      " + Backends.current().name());
        System.out.println("cores        " + rt.availableProcessors());
        System.out.println("max heap     " + rt.maxMemory() / (1 << 20) + " MiB");
        System.out.println("java         " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        return 0;
    }
}
