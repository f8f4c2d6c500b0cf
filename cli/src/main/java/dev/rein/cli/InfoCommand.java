package dev.rein.cli;

import dev.rein.tensor.Backends;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rein info}: the backend, vector width, cores and memory Rein sees on this machine. */
@Command(name = "info", description = "Show the compute backend and what Rein sees of this machine.")
final class InfoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Runtime rt = Runtime.getRuntime();
        System.out.println("backend      " + Backends.current().name());
        System.out.println("cores        " + rt.availableProcessors());
        System.out.println("max heap     " + rt.maxMemory() / (1 << 20) + " MiB");
        System.out.println("java         " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        return 0;
    }
}
