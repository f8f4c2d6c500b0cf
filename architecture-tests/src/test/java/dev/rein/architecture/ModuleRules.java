package dev.rein.architecture;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rein's modules and which may depend on which: the table of docs/architecture.md, the one source of both the class
 * rules ({@link LayerRules}) and the pom rules ({@link PomRules}).
 */
final class ModuleRules {
    /** Every module of the reactor, the tornado profile's included, lowest first. */
    static final List<ReinModule> MODULES = List.of(
            module("tensor", "rein-tensor", "tensor"),
            module("autograd", "rein-autograd", "autograd", "tensor"),
            module("formats", "rein-formats", "formats", "tensor"),
            module("text", "rein-text", "text", "formats"),
            module("models", "rein-models", "models", "autograd", "text"),
            module("data", "rein-data", "data", "models"),
            module("training", "rein-training", "training", "data"),
            module("eval", "rein-eval", "eval", "training"),
            module("steering", "rein-steering", "steering", "eval"),
            module("tensor-tornado", "rein-tensor-tornado", "tensor.tornado", "models"),
            module("bench", "rein-bench", "bench", "steering"),
            module("serve", "rein-serve", "serve", "steering"),
            module("lab", "rein-lab", "lab", "serve"),
            module("spark", "rein-spark", "spark", "steering"),
            module("cli", "rein-cli", "cli", "bench", "serve", "lab", "spark", "tensor-tornado"),
            module("library", "rein", null, "steering"),
            module("architecture-tests", "rein-architecture-tests", null, "library", "cli"));

    private ModuleRules() {
    }

    private static ReinModule module(String folder, String artifactId, String pkg, String... uses) {
        return new ReinModule(folder, artifactId, pkg, List.of(uses));
    }

    /** The module in {@code folder}. */
    static ReinModule named(String folder) {
        return MODULES.stream().filter(m -> m.folder().equals(folder)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Rein module " + folder));
    }

    /** The module whose artifact is {@code artifactId}, if it is one of Rein's. */
    static Optional<ReinModule> byArtifact(String artifactId) {
        return MODULES.stream().filter(m -> m.artifactId().equals(artifactId)).findFirst();
    }

    /** The modules {@code module} may depend on: those it names, and theirs, all the way down. */
    static Set<ReinModule> allowed(ReinModule module) {
        Set<ReinModule> allowed = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(module.uses());
        while (!pending.isEmpty()) {
            ReinModule next = named(pending.pop());
            if (allowed.add(next)) {
                pending.addAll(next.uses());
            }
        }
        return allowed;
    }

    /**
     * The module that owns {@code packageName} below {@code root}: the one whose package is the longest prefix of it;
     * empty when none does.
     */
    static Optional<ReinModule> owner(String root, String packageName) {
        ReinModule owner = null;
        for (ReinModule module : MODULES) {
            if (module.hasCode() && within(packageName, root + "." + module.pkg())
                    && (owner == null || module.pkg().length() > owner.pkg().length())) {
                owner = module;
            }
        }
        return Optional.ofNullable(owner);
    }

    private static boolean within(String packageName, String prefix) {
        return packageName.equals(prefix) || packageName.startsWith(prefix + ".");
    }
}
