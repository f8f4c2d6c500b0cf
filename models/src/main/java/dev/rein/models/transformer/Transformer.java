package dev.rein.models.transformer;

import dev.rein.autograd.AttentionFunctions;
import dev.rein.autograd.IndexingFunctions;
import dev.rein.autograd.MatrixFunctions;
import dev.rein.autograd.Variable;
import dev.rein.formats.config.LayerType;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.config.PositionEncoding;
import dev.rein.formats.layout.ParameterLayout;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder-only transformer of every supported family, one token ids batch to logits. Family differences are
 * data ({@link ModelConfig}, the weights present in {@link LayerWeights}) and two small strategies
 * ({@link Normalization}, {@link FeedForward}); a reader can follow one token from here to its logits:
 * <pre>
 * x = embed(ids) [* sqrt(H) for Gemma] [+ position table for GPT-2]             [B, T, H]
 * per block:  a = attention(norm(x))  [-> post norm, Gemma 2/3];  x = x + a
 *             m = mlp(norm(x))        [-> post norm, Gemma 2/3];  x = x + m
 * logits = head(finalNorm(x)) [-> softcap, Gemma 2]                               [B, T, V]
 * </pre>
 * The forward is written with autograd variables: with constant weights nothing is recorded and it is plain
 * inference; with parameter weights (training) or a trainable hook edit, gradients flow back through it. Passing a
 * {@link KvCache} processes only new positions after the cached ones (inference only: cached keys and values are
 * constants). Hooks read and edit activations at the points of {@link HookPoints}.
 */
public final class Transformer {
    private final ModelConfig config;
    private final TransformerWeights weights;
    private final Normalization norm;
    private final float embedScale;
    private final Tensor[] inverseFrequencies;     // per layer [D/2]; null entries for GPT-2
    private final AttentionSpec[] attentionSpecs;  // per layer
    private final List<String> hookPoints;

    public Transformer(ModelConfig config, TransformerWeights weights) {
        this.config = config;
        this.weights = weights;
        this.norm = Normalization.of(config);
        this.embedScale = config.family().isGemma() ? (float) Math.sqrt(config.hiddenSize()) : 1f;
        int layers = config.numLayers();
        this.inverseFrequencies = new Tensor[layers];
        this.attentionSpecs = new AttentionSpec[layers];
        var attention = config.attention();
        for (int i = 0; i < layers; i++) {
            LayerType type = attention.layerTypes().get(i);
            if (config.positions() instanceof PositionEncoding.Rotary rotary) {
                inverseFrequencies[i] = RotaryFrequencies.of(rotary.forLayer(type), attention.headDim());
            }
            attentionSpecs[i] = new AttentionSpec((float) (1 / Math.sqrt(attention.queryPreAttnScalar())), true,
                    type == LayerType.SLIDING ? attention.slidingWindow().orElseThrow() : 0,
                    (float) attention.logitSoftcapping().orElse(0));
        }
        this.hookPoints = HookPoints.all(layers, weights.positionEmbedding() != null,
                config.positions() instanceof PositionEncoding.Rotary);
    }

    public ModelConfig config() {
        return config;
    }

    public TransformerWeights weights() {
        return weights;
    }

    /** The attention scale of every layer's softmax (1 / sqrt of query_pre_attn_scalar, the head width by default). */
    public float attentionScale(int layer) {
        return attentionSpecs[layer].scale();
    }

    /** How block {@code layer} attends: scale, sliding window, score softcap (always causal). */
    public AttentionSpec attentionSpec(int layer) {
        return attentionSpecs[layer];
    }

    /** The rotary inverse frequencies [headDim / 2] of block {@code layer}, scaled; null with learned positions. */
    public Tensor inverseFrequencies(int layer) {
        return inverseFrequencies[layer];
    }

    /** The factor the token embeddings are multiplied by: sqrt(hidden) for Gemma, else 1. */
    public float embeddingScale() {
        return embedScale;
    }

    /**
     * This model with some projections of its layers replaced: {@code wrapper} sees every projection of every layer,
     * named by its stored weight (see {@link ParameterLayout}), and returns it or a projection built around it. The
     * config, the other weights and {@link TransformerWeights#parameters()} stay this model's; nothing is copied.
     *
     * @throws IllegalArgumentException when a replacement is null or changes a projection's in or out features
     */
    public Transformer withProjections(ProjectionWrapper wrapper) {
        List<LayerWeights> layers = new ArrayList<>(weights.layers());
        for (ParameterSpec site : ParameterLayout.of(config)) {
            if (site.layer() < 0 || !LayerWeights.PROJECTION_ROLES.contains(site.role())) {
                continue;
            }
            LayerWeights layer = layers.get(site.layer());
            Projection base = layer.projection(site.role());
            Projection replacement = wrapper.wrap(site, base);
            if (replacement == null || replacement.inFeatures() != base.inFeatures()
                    || replacement.outFeatures() != base.outFeatures()) {
                throw new IllegalArgumentException("the replacement of " + site.name() + " must map "
                        + base.inFeatures() + " -> " + base.outFeatures() + " features, got " + (replacement == null
                        ? "null" : replacement.inFeatures() + " -> " + replacement.outFeatures()));
            }
            layers.set(site.layer(), layer.withProjection(site.role(), replacement));
        }
        return new Transformer(config, new TransformerWeights(weights.tokenEmbedding(), weights.positionEmbedding(),
                layers, weights.finalNorm(), weights.lmHead(), weights.parameters()));
    }

    /** Every hook point of this model, in the order a forward pass reaches them. */
    public List<String> hookPoints() {
        return hookPoints;
    }

    /** Logits [B, T, V] at every position, no cache, no hooks. */
    public Variable forward(TokenBatch batch) {
        return forward(batch, null, Hooks.none(), Logits.ALL_POSITIONS);
    }

    /** Logits [B, T, V] at every position, no cache, with hooks. */
    public Variable forward(TokenBatch batch, Hooks hooks) {
        return forward(batch, null, hooks, Logits.ALL_POSITIONS);
    }

    /**
     * One forward pass.
     *
     * @param cache  null for a full forward; else the keys and values of earlier positions, extended by this pass
     * @param logits the positions to compute logits for: [B, T, V] at all, or [B, 1, V] at the last (generation)
     */
    public Variable forward(TokenBatch batch, KvCache cache, Hooks hooks, Logits logits) {
        if (!hooks.isEmpty()) {
            hooks.checkPoints(hookPoints);
        }
        int start = cache == null ? 0 : cache.length();
        Tensor additiveMask = PaddingMask.of(batch, start);                  // [B, 1, T, Tk] or null
        Variable x = embed(batch, hooks, start);                             // [B, T, H]
        for (int i = 0; i < config.numLayers(); i++) {
            x = block(i, x, batch, cache, additiveMask, hooks, start);
        }
        if (cache != null) {
            cache.advance(batch.length());
        }
        Variable normed = hooks.run(HookPoints.FINAL_NORMALIZED, -1, start, finalNorm(x));
        if (logits == Logits.LAST_POSITION) {
            normed = normed.narrow(1, batch.length() - 1, 1);
        }
        return hooks.run(HookPoints.LOGITS, -1, start, head(normed));                // [B, T', V]
    }

    /**
     * The logits [B, T, V] the model would give if a residual stream [B, T, H] were its last: final norm, LM head
     * and final softcap, as at the end of {@link #forward}. Applied to an earlier block's {@code hook_resid_post}
     * this is the logit lens: what the model "thinks" part-way through.
     */
    public Variable unembed(Variable residual) {
        return head(finalNorm(residual));
    }

    private Variable finalNorm(Variable residual) {
        return norm.apply(residual, weights.finalNorm());
    }

    /** The LM head on the final normed state, then Gemma 2's final softcap. */
    private Variable head(Variable normed) {
        Variable logits = MatrixFunctions.linear(normed, weights.lmHead(), null);
        if (config.finalLogitSoftcapping().isPresent()) {
            logits = logits.softcap((float) config.finalLogitSoftcapping().getAsDouble());
        }
        return logits;
    }

    private Variable embed(TokenBatch batch, Hooks hooks, int start) {
        Variable x = IndexingFunctions.embedding(weights.tokenEmbedding(), batch.ids());
        if (embedScale != 1f) {
            x = x.mul(embedScale);
        }
        x = hooks.run(HookPoints.EMBED, -1, start, x);
        if (weights.positionEmbedding() != null) {
            checkLearnedPositions(batch);
            Variable positions = IndexingFunctions.embedding(weights.positionEmbedding(), batch.positions());
            x = x.add(hooks.run(HookPoints.POS_EMBED, -1, start, positions));
        }
        return x;
    }

    private Variable block(int i, Variable x, TokenBatch batch, KvCache cache, Tensor mask, Hooks hooks, int start) {
        LayerWeights w = weights.layers().get(i);
        x = hooks.run(HookPoints.residPre(i), i, start, x);
        Variable attention = attention(i, w, norm.apply(x, w.attention().norm()), batch, cache, mask, hooks, start);
        if (w.attention().postNorm() != null) {
            attention = norm.apply(attention, w.attention().postNorm());
        }
        x = hooks.run(HookPoints.residMid(i), i, start, x.add(hooks.run(HookPoints.attnOut(i), i, start, attention)));
        Variable mlp = FeedForward.apply(norm.apply(x, w.mlp().norm()), w.mlp(), config.activation());
        if (w.mlp().postNorm() != null) {
            mlp = norm.apply(mlp, w.mlp().postNorm());
        }
        return hooks.run(HookPoints.residPost(i), i, start, x.add(hooks.run(HookPoints.mlpOut(i), i, start, mlp)));
    }

    /**
     * The queries, keys and values block {@code layer} computes from {@code input} [B, T, H], its attention input
     * (already normed), split into heads, after q/k norms and before rotary embedding. Adapters that attend with a
     * layer's own projections (a gated prefix, for example) get them here, whatever the family's layout: GPT-2's
     * fused projection, biases and q/k norms included.
     */
    public HeadProjections headProjections(int layer, Variable input) {
        var settings = config.attention();
        AttentionWeights w = weights.layers().get(layer).attention();
        Variable qOut;
        Variable kOut;
        Variable vOut;
        switch (w.queryKeyValue()) {
            case QueryKeyValue.Fused fused -> {
                Variable all = fused.all().apply(input);                           // [B, T, (Hq + 2 Hkv) * D]
                int qWidth = settings.numHeads() * settings.headDim();
                int kvWidth = settings.numKvHeads() * settings.headDim();
                qOut = all.narrow(2, 0, qWidth);
                kOut = all.narrow(2, qWidth, kvWidth);
                vOut = all.narrow(2, qWidth + kvWidth, kvWidth);
            }
            case QueryKeyValue.Separate separate -> {
                qOut = separate.query().apply(input);
                kOut = separate.key().apply(input);
                vOut = separate.value().apply(input);
            }
        }
        Variable q = heads(qOut, settings.numHeads());                             // [B, Hq, T, D]
        Variable k = heads(kOut, settings.numKvHeads());                           // [B, Hkv, T, D]
        Variable v = heads(vOut, settings.numKvHeads());                           // [B, Hkv, T, D]
        if (w.queryKeyNorms() != null) {
            q = norm.apply(q, w.queryKeyNorms().query());
            k = norm.apply(k, w.queryKeyNorms().key());
        }
        return new HeadProjections(q, k, v);
    }

    /** Self-attention of block i on the normed input a [B, T, H] -> [B, T, H]. */
    private Variable attention(int i, LayerWeights w, Variable a, TokenBatch batch, KvCache cache, Tensor mask,
                               Hooks hooks, int start) {
        HeadProjections projected = headProjections(i, a);
        Variable q = hooks.run(HookPoints.query(i), i, start, projected.queries());
        Variable k = hooks.run(HookPoints.key(i), i, start, projected.keys());
        Variable v = hooks.run(HookPoints.value(i), i, start, projected.values());
        if (inverseFrequencies[i] != null) {
            q = AttentionFunctions.rope(q, batch.positions(), inverseFrequencies[i], RopeConvention.HALF_SPLIT);
            k = AttentionFunctions.rope(k, batch.positions(), inverseFrequencies[i], RopeConvention.HALF_SPLIT);
            q = hooks.run(HookPoints.rotatedQuery(i), i, start, q);
            k = hooks.run(HookPoints.rotatedKey(i), i, start, k);
        }
        if (cache != null) {
            Tensor[] all = cache.store(i, k.value(), v.value());
            k = Variable.constant(all[0]);                                          // [B, Hkv, Tk, D]
            v = Variable.constant(all[1]);
        }
        Variable z = hooks.has(HookPoints.pattern(i))
                ? AttentionPattern.attend(q, k, v, mask, attentionSpecs[i], hooks, HookPoints.pattern(i), i, start)
                : AttentionFunctions.attention(q, k, v, mask, attentionSpecs[i]);
        z = hooks.run(HookPoints.z(i), i, start, z);                               // [B, Hq, T, D]
        int b = z.size(0);
        int t = z.size(2);
        var settings = config.attention();
        return w.attention().output().apply(z.transpose(1, 2).reshape(b, t, settings.numHeads() * settings.headDim()));
    }

    /** [B, T, heads * D] -> [B, heads, T, D]. */
    private Variable heads(Variable x, int heads) {
        return x.view(x.size(0), x.size(1), heads, config.attention().headDim()).transpose(1, 2);
    }

    private void checkLearnedPositions(TokenBatch batch) {
        long[] positions = batch.positions().toLongArray();
        for (long p : positions) {
            if (p < 0 || p >= config.maxPositions()) {
                throw new IllegalArgumentException("position " + p + " is outside the learned position table of "
                        + config.maxPositions() + " (n_positions); shorten the input");
            }
        }
    }
}
