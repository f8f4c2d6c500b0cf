package dev.rein.training.adapters;

import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.formats.layout.ParameterLayout;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.models.transformer.LayerWeights;
import dev.rein.models.transformer.Linear;
import dev.rein.models.transformer.Projection;
import dev.rein.models.transformer.Transformer;
import dev.rein.models.transformer.TransformerWeights;
import dev.rein.tensor.DType;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * LoRA on a model: the chosen projections of a base {@link Transformer} wrapped in {@link LoraProjection}s, A
 * initialised as PEFT does (kaiming-uniform with a = sqrt(5), i.e. uniform in +-1/sqrt(in)) and B at zero, so the
 * adapted model starts equal to the base. {@link #model()} is the adapted model for training (its A and B are
 * parameters) and for generation; the base weights stay as loaded.
 *
 * <p>Files are PEFT's ({@code save_pretrained}/{@code from_pretrained}): {@code adapter_config.json} and
 * {@code adapter_model.safetensors} with tensors named {@code base_model.model.<module>.lora_A.weight} [r, in] and
 * {@code ...lora_B.weight} [out, r], where {@code <module>} is the Hugging Face module name, e.g.
 * {@code model.layers.0.self_attn.q_proj} or GPT-2's {@code transformer.h.0.attn.c_attn}. {@link #merge} folds the
 * update into new base weights.
 */
public final class LoraAdapter {
    /** PEFT's prefix of every tensor name: its PeftModel and LoraModel wrappers around the Hugging Face model. */
    static final String PEFT_PREFIX = "base_model.model.";
    private static final String WEIGHT_SUFFIX = ".weight";

    /** The dtype of merged weights. */
    public enum MergePrecision {
        /** F32, whatever the base weight was stored in. */
        F32,
        /** The dtype the base weight was stored in (BF16 stays BF16, rounded after adding the update in F32). */
        STORED
    }

    /** One targeted projection: its module name, stored weight and the base projection's sizes. */
    private record Site(String module, ParameterSpec spec, int in, int out) {
    }

    private final Transformer base;
    private final Transformer model;
    private final LoraConfig config;
    private final Map<String, LoraProjection> projections;      // by module name, in layout order
    private final Map<String, ParameterSpec> specs;             // by module name

    private LoraAdapter(Transformer base, LoraConfig config, List<Site> sites, Map<String, Variable> weights,
                        long seed) {
        this.base = base;
        this.config = config;
        Map<String, LoraProjection> built = new LinkedHashMap<>();
        Map<String, ParameterSpec> targeted = new LinkedHashMap<>();
        for (Site site : sites) {
            targeted.put(site.module(), site.spec());
        }
        this.model = base.withProjections((spec, projection) -> {
            String module = moduleName(spec);
            if (!targeted.containsKey(module)) {
                return projection;
            }
            LoraProjection lora = new LoraProjection(projection, weights.get(loraAName(module)),
                    weights.get(loraBName(module)), config.scaling(), new Dropout(config.dropout(), seed + built.size()));
            built.put(module, lora);
            return lora;
        });
        this.projections = Collections.unmodifiableMap(built);
        this.specs = Collections.unmodifiableMap(targeted);
    }

    /**
     * A fresh adapter on {@code base}: A drawn from {@code seed}, B zero.
     *
     * @throws IllegalArgumentException when a layer of the config is outside the model or the targets match no
     *                                  projection
     */
    public static LoraAdapter create(Transformer base, LoraConfig config, long seed) {
        List<Site> sites = targetedSites(base, config);
        TensorRandom random = new TensorRandom(seed);
        Map<String, Variable> weights = new LinkedHashMap<>();
        for (Site site : sites) {
            float bound = (float) (1 / Math.sqrt(site.in()));
            weights.put(loraAName(site.module()), Variable.parameter(random.uniform(-bound, bound, config.rank(),
                    site.in())));
            weights.put(loraBName(site.module()), Variable.parameter(Tensor.zeros(site.out(), config.rank())));
        }
        return new LoraAdapter(base, config, sites, weights, seed);
    }

    /**
     * Loads a PEFT LoRA adapter folder onto {@code base}. Its A and B become parameters (training can go on); the
     * dropout of further training draws from {@code seed}.
     *
     * @throws FormatException when the config is malformed or unsupported, targets nothing or layers this model
     *                         lacks, or the tensors are not exactly the ones it implies
     */
    public static LoraAdapter load(Path folder, Transformer base, long seed) throws IOException {
        Path configFile = folder.resolve(PeftLoraFiles.CONFIG_FILE);
        LoraConfig config = PeftLoraFiles.readConfig(configFile);
        String layerProblem = layerProblem(base, config);
        if (layerProblem != null) {
            throw new FormatException(configFile, "layers_to_transform", layerProblem);
        }
        List<Site> sites;
        try {
            sites = targetedSites(base, config);
        } catch (IllegalArgumentException e) {
            throw new FormatException(configFile, "target_modules", e.getMessage(), e);
        }
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (Site site : sites) {
            shapes.put(loraAName(site.module()), new int[] {config.rank(), site.in()});
            shapes.put(loraBName(site.module()), new int[] {site.out(), config.rank()});
        }
        Map<String, Variable> weights = new LinkedHashMap<>();
        ParameterFiles.readTensors(folder.resolve(PeftLoraFiles.WEIGHTS_FILE), shapes)
                .forEach((name, tensor) -> weights.put(name, Variable.parameter(tensor)));
        return new LoraAdapter(base, config, sites, weights, seed);
    }

    /**
     * Writes {@code adapter_config.json} and {@code adapter_model.safetensors} (F32) into {@code folder}, as PEFT's
     * {@code save_pretrained} does.
     *
     * @param baseModelNameOrPath written as base_model_name_or_path (the Hub id or folder of the base model); may
     *                            be null
     */
    public void save(Path folder, String baseModelNameOrPath) throws IOException {
        boolean fanInFanOut = specs.values().stream().anyMatch(ParameterSpec::transposed);
        ParameterFiles.write(folder, PeftLoraFiles.CONFIG_FILE,
                PeftLoraFiles.configJson(config, baseModelNameOrPath, fanInFanOut), PeftLoraFiles.WEIGHTS_FILE,
                parameters());
    }

    /** The adapted model: the base with LoRA on the targeted projections. */
    public Transformer model() {
        return model;
    }

    public Transformer base() {
        return base;
    }

    public LoraConfig config() {
        return config;
    }

    /** The LoRA projections by Hugging Face module name, in the model's order. */
    public Map<String, LoraProjection> projections() {
        return projections;
    }

    /** A and B of every projection by their PEFT tensor names, in the model's order: what an optimizer updates. */
    public Map<String, Variable> parameters() {
        Map<String, Variable> parameters = new LinkedHashMap<>();
        projections.forEach((module, lora) -> {
            parameters.put(loraAName(module), lora.a());
            parameters.put(loraBName(module), lora.b());
        });
        return parameters;
    }

    /** Switches dropout on, for training (PyTorch's {@code model.train()}). */
    public void train() {
        projections.values().forEach(lora -> lora.dropout().train());
    }

    /** Switches dropout off, for evaluation and generation: the state of a new adapter ({@code model.eval()}). */
    public void eval() {
        projections.values().forEach(lora -> lora.dropout().eval());
    }

    /**
     * The base model with the updates folded in: every targeted weight becomes {@code W + scaling * B A}, computed
     * in F32 and stored in {@code precision}, as a constant; GPT-2's Conv1D weights are stored transposed again, so
     * {@code weights().parameters()} holds the merged checkpoint under the Hugging Face names, ready for
     * {@code CheckpointWriter}. The result no longer depends on this adapter's parameters.
     *
     * @throws IllegalStateException when a base projection is not a plain {@link Linear} (already wrapped by
     *                               something else), which has no single weight to merge into
     */
    public Transformer merge(MergePrecision precision) {
        Map<String, Variable> parameters = new LinkedHashMap<>(base.weights().parameters());
        Transformer merged = base.withProjections((spec, projection) -> {
            LoraProjection lora = projections.get(moduleName(spec));
            if (lora == null) {
                return projection;
            }
            if (!(projection instanceof Linear linear)) {
                throw new IllegalStateException("cannot merge into " + spec.name() + ": its base projection is a "
                        + projection.getClass().getSimpleName() + ", not a Linear");
            }
            Tensor weight = linear.weight().value();                            // [out, in]
            Tensor sum = weight.to(DType.F32).add(lora.delta());
            DType dtype = precision == MergePrecision.F32 ? DType.F32 : weight.dtype();
            Variable stored = Variable.constant((spec.transposed() ? sum.mT() : sum).contiguous().to(dtype));
            parameters.put(spec.name(), stored);
            return new Linear(spec.transposed() ? stored.mT() : stored, linear.bias());
        });
        TransformerWeights w = merged.weights();
        return new Transformer(base.config(), new TransformerWeights(w.tokenEmbedding(), w.positionEmbedding(),
                w.layers(), w.finalNorm(), w.lmHead(), parameters));
    }

    /** The projections of {@code base} that {@code config} targets, in layout order. */
    private static List<Site> targetedSites(Transformer base, LoraConfig config) {
        String layerProblem = layerProblem(base, config);
        if (layerProblem != null) {
            throw new IllegalArgumentException(layerProblem);
        }
        List<Site> sites = new ArrayList<>();
        TreeSet<String> available = new TreeSet<>();
        for (ParameterSpec spec : ParameterLayout.of(base.config())) {
            if (spec.layer() < 0 || !LayerWeights.PROJECTION_ROLES.contains(spec.role())) {
                continue;
            }
            String module = moduleName(spec);
            available.add(module.substring(module.lastIndexOf('.') + 1));
            if (config.targets(module, spec.layer())) {
                Projection p = base.weights().layers().get(spec.layer()).projection(spec.role());
                sites.add(new Site(module, spec, p.inFeatures(), p.outFeatures()));
            }
        }
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("LoRA target modules " + config.targetModules()
                    + " match no projection of this " + base.config().modelType() + " model; its projections are "
                    + available);
        }
        return sites;
    }

    /** What is wrong with the config's layers for this model, or null when they all exist. */
    private static String layerProblem(Transformer base, LoraConfig config) {
        int layers = base.config().numLayers();
        return config.layers().stream().filter(layer -> layer >= layers).findFirst()
                .map(layer -> "LoRA layer " + layer + " is outside this " + layers + "-layer model").orElse(null);
    }

    /** The Hugging Face module name of a projection's weight: its name without ".weight". */
    private static String moduleName(ParameterSpec spec) {
        return spec.name().substring(0, spec.name().length() - WEIGHT_SUFFIX.length());
    }

    static String loraAName(String module) {
        return PEFT_PREFIX + module + ".lora_A.weight";
    }

    static String loraBName(String module) {
        return PEFT_PREFIX + module + ".lora_B.weight";
    }
}
