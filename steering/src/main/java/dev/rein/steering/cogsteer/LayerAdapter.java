package dev.rein.steering.cogsteer;

import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Transformer;
import dev.rein.training.adapters.BottleneckAdapter;
import dev.rein.training.adapters.BottleneckConfig;
import dev.rein.training.adapters.GatedPrefixAdapter;
import dev.rein.training.adapters.GatedPrefixConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CogSteer's adapter at one layer L, either kind ({@link AdapterKind}), over the training module's adapters: a
 * {@link BottleneckAdapter} in layer L only, both sublayers, reduction 16, both weights drawn normal(0, 0.02) as
 * the {@code adapters} library's default "bert" initialisation draws them (so W_up is not zero); or a
 * {@link GatedPrefixAdapter} of 10 positions. It also says where steering reads its effect
 * ({@link #steeredLayer}, METHODS.md 4.3). The seed's "full" run, a bottleneck in every layer ({@link
 * #inEveryLayer}), is one too: it has no head contrast, only the logit contrast.
 */
public final class LayerAdapter {
    /** CogSteer's reduction factor (1280 → 80 for GPT-2-large). */
    public static final int REDUCTION_FACTOR = 16;
    /** CogSteer's adapter_len. */
    public static final int PREFIX_LENGTH = 10;
    /** {@link #layer()} of an adapter in every layer. */
    public static final int EVERY_LAYER = -1;

    private final AdapterKind kind;
    private final int layer;
    private final BottleneckAdapter bottleneck;
    private final GatedPrefixAdapter prefix;

    private LayerAdapter(AdapterKind kind, int layer, BottleneckAdapter bottleneck, GatedPrefixAdapter prefix) {
        this.kind = kind;
        this.layer = layer;
        this.bottleneck = bottleneck;
        this.prefix = prefix;
    }

    /**
     * A fresh adapter of {@code kind} at {@code layer} of {@code model}, drawn from {@code seed}.
     *
     * @throws IllegalArgumentException when the layer is outside the model
     */
    public static LayerAdapter create(Transformer model, AdapterKind kind, int layer, long seed) {
        checkLayer(model, layer);
        return switch (kind) {
            case BOTTLENECK -> new LayerAdapter(kind, layer, BottleneckAdapter.create(model,
                    BottleneckConfig.afterBothSublayers(REDUCTION_FACTOR, layer)
                            .withInit(BottleneckConfig.Init.BERT, BottleneckConfig.DEFAULT_INIT_STD), seed), null);
            case PREFIX -> new LayerAdapter(kind, layer, null,
                    GatedPrefixAdapter.create(model, GatedPrefixConfig.of(layer, PREFIX_LENGTH), seed));
        };
    }

    /** A fresh bottleneck in every layer of {@code model} (the seed's "full" run), drawn from {@code seed}. */
    public static LayerAdapter inEveryLayer(Transformer model, long seed) {
        return new LayerAdapter(AdapterKind.BOTTLENECK, EVERY_LAYER, BottleneckAdapter.create(model,
                BottleneckConfig.afterBothSublayers(REDUCTION_FACTOR)
                        .withInit(BottleneckConfig.Init.BERT, BottleneckConfig.DEFAULT_INIT_STD), seed), null);
    }

    /**
     * The adapter saved in {@code folder} by {@link #save}, for {@code model}.
     *
     * @throws FormatException when the folder holds no adapter, one in some layers but not one or all, or one for
     *                         another model
     */
    public static LayerAdapter load(Path folder, Transformer model) throws IOException {
        if (Files.isRegularFile(folder.resolve(BottleneckAdapter.CONFIG_FILE))) {
            BottleneckAdapter adapter = BottleneckAdapter.load(folder, model);
            List<Integer> layers = adapter.config().layers();
            if (layers.isEmpty() || layers.size() == model.config().numLayers()) {
                return new LayerAdapter(AdapterKind.BOTTLENECK, EVERY_LAYER, adapter, null);
            }
            if (layers.size() != 1) {
                throw new FormatException(folder.resolve(BottleneckAdapter.CONFIG_FILE), "layers",
                        "CogSteer steers with an adapter in one layer or in all, this one has " + layers);
            }
            return new LayerAdapter(AdapterKind.BOTTLENECK, layers.getFirst(), adapter, null);
        }
        if (Files.isRegularFile(folder.resolve(GatedPrefixAdapter.CONFIG_FILE))) {
            GatedPrefixAdapter adapter = GatedPrefixAdapter.load(folder, model);
            return new LayerAdapter(AdapterKind.PREFIX, adapter.config().layer(), null, adapter);
        }
        throw new FormatException(folder, null, "holds no bottleneck_adapter.json or gated_prefix_adapter.json; "
                + "rein cogsteer train writes one");
    }

    /** Writes the adapter's files into {@code folder}. */
    public void save(Path folder) throws IOException {
        if (bottleneck != null) bottleneck.save(folder);
        else prefix.save(folder);
    }

    public AdapterKind kind() {
        return kind;
    }

    /** L, the layer the adapter sits in; {@link #EVERY_LAYER} for one in every layer. */
    public int layer() {
        return layer;
    }

    /**
     * The layer whose attention heads show the adapter's effect: L + 1 for a bottleneck (it acts after L's
     * sublayers, so the heads of L do not see it), L for a prefix (it adds to L's heads before they merge). A
     * bottleneck in the last layer has no next layer, and one in every layer no single layer: -1, steering only by
     * the logit contrast.
     */
    public int steeredLayer(Transformer model) {
        if (kind == AdapterKind.PREFIX) return layer;
        return layer != EVERY_LAYER && layer + 1 < model.config().numLayers() ? layer + 1 : -1;
    }

    /**
     * Whether steering contrasts the logits, logits − w·logits_adapter (METHODS.md 4.3 step 3): for an adapter in
     * the last layer and for one in every layer.
     */
    public boolean contrastsLogits(Transformer model) {
        return layer == EVERY_LAYER || layer == model.config().numLayers() - 1;
    }

    /** "bottleneck 2", "prefix 0", "bottleneck all": the kind and the layer, for tables. */
    public String describe() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + (layer == EVERY_LAYER ? "all" : String.valueOf(layer));
    }

    /** New hooks holding the adapter. */
    public Hooks hooks() {
        return bottleneck != null ? bottleneck.hooks() : prefix.hooks();
    }

    /** What an optimizer updates, by file name. */
    public Map<String, Variable> parameters() {
        return bottleneck != null ? bottleneck.parameters() : prefix.parameters();
    }

    /** @throws IllegalArgumentException naming the range when {@code layer} is outside {@code model} */
    public static void checkLayer(Transformer model, int layer) {
        int layers = model.config().numLayers();
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("layer " + layer + " is outside this " + layers + "-layer model (0 to "
                    + (layers - 1) + ")");
        }
    }
}
