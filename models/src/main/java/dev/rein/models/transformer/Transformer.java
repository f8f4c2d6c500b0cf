package dev.rein.models.transformer;

import dev.rein.autograd.AttentionFunctions;
import dev.rein.autograd.IndexingFunctions;
import dev.rein.autograd.MatrixFunctions;
import dev.rein.autograd.Variable;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.layout.ParameterLayout;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.models.hooks.HookPoint.Kind;
import dev.rein.models.hooks.ModelHookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder-only transformer of every supported family, one token ids batch to logits. Family differences are
 * data, decided once when the model is built: the {@link Embedding}, one {@link DecoderBlock} per layer (its weights,
 * norms, heads, attention spec, rotary frequencies, activation) and the {@link OutputHead}, which other backends
 * (the TornadoVM decoder) build from too. A reader can follow one token from here to its logits:
 * <pre>
 * x = embed(ids) [* sqrt(H) for Gemma] [+ position table for GPT-2]             [B, T, H]
 * per block:  a = attention(norm(x))  [-> post norm, Gemma 2/3];  x = x + a
 *             m = mlp(norm(x))        [-> post norm, Gemma 2/3];  x = x + m
 * logits = head(finalNorm(x)) [-> softcap, Gemma 2]                               [B, T, V]
 * </pre>
 * The forward is written with autograd variables: with constant weights nothing is recorded and it is plain
 * inference; with parameter weights (training) or a trainable hook edit, gradients flow back through it. Passing a
 * {@link KvCache} processes only new positions after the cached ones (inference only: cached keys and values are
 * constants). Hooks read and edit activations at the points of {@link ModelHookPoints}, built once per model.
 */
public final class Transformer {
    private final ModelConfig config;
    private final TransformerWeights weights;
    private final Embedding embedding;
    private final List<DecoderBlock> blocks;
    private final OutputHead outputHead;
    private final ModelHookPoints points;

    public Transformer(ModelConfig config, TransformerWeights weights) {
        this.config = config;
        this.weights = weights;
        this.embedding = Embedding.of(config, weights);
        List<DecoderBlock> built = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            built.add(DecoderBlock.of(config, i, weights.layers().get(i)));
        }
        this.blocks = List.copyOf(built);
        this.outputHead = OutputHead.of(config, weights);
        this.points = ModelHookPoints.of(config);
    }

    public ModelConfig config() {
        return config;
    }

    public TransformerWeights weights() {
        return weights;
    }

    /** How token ids become the residual stream (token table, scale, learned positions). */
    public Embedding embedding() {
        return embedding;
    }

    /** The decoder blocks, in order: everything each computes, as data. */
    public List<DecoderBlock> blocks() {
        return blocks;
    }

    /** The final norm, the LM head and the final softcap. */
    public OutputHead outputHead() {
        return outputHead;
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
        return points.names();
    }

    /** Every hook point of this model as a typed value, built once ({@link ModelHookPoints}). */
    public ModelHookPoints points() {
        return points;
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
            hooks.checkPoints(points.names());
        }
        ForwardPass pass = ForwardPass.of(batch, cache, hooks);
        int start = pass.start();
        Variable x = embed(pass);                                            // [B, T, H]
        for (DecoderBlock block : blocks) {
            x = block(block, x, pass);                                       // [B, T, H]
        }
        if (cache != null) {
            cache.advance(batch.length());
        }
        Variable normed = hooks.run(points.at(Kind.FINAL_NORMALIZED, -1), start, finalNorm(x));
        if (logits == Logits.LAST_POSITION) {
            normed = normed.narrow(1, batch.length() - 1, 1);                // [B, 1, H]
        }
        return hooks.run(points.at(Kind.LOGITS, -1), start, head(normed));        // [B, T', V]
    }

    /**
     * The logits [B, T, V] the model would give if a residual stream [B, T, H] were its last: final norm, LM head
     * and final softcap, as at the end of {@link #forward}. Applied to an earlier block's {@code hook_resid_post}
     * this is the logit lens: what the model "thinks" part-way through.
     */
    public Variable unembed(Variable residual) {
        return head(finalNorm(residual));
    }

    /** ids [B, T] -> x [B, T, H]: token rows times the embedding scale, plus learned position rows (GPT-2). */
    private Variable embed(ForwardPass pass) {
        TokenBatch batch = pass.batch();
        Hooks hooks = pass.hooks();
        int start = pass.start();
        Variable x = IndexingFunctions.embedding(embedding.tokens(), batch.ids());
        if (embedding.scale() != 1f) {
            x = x.mul(embedding.scale());
        }
        x = hooks.run(points.at(Kind.EMBED, -1), start, x);
        if (embedding.positions() != null) {
            checkLearnedPositions(batch);
            Variable positions = IndexingFunctions.embedding(embedding.positions(), batch.positions());
            x = x.add(hooks.run(points.at(Kind.POS_EMBED, -1), start, positions));
        }
        return x;
    }

    /** x [B, T, H] -> x + attention branch, then + MLP branch: [B, T, H]. */
    private Variable block(DecoderBlock block, Variable x, ForwardPass pass) {
        int i = block.layer();
        Hooks hooks = pass.hooks();
        int start = pass.start();
        AttentionWeights attentionWeights = block.weights().attention();
        MlpWeights mlpWeights = block.weights().mlp();
        x = hooks.run(points.at(Kind.RESID_PRE, i), start, x);
        Variable attention = attention(block, block.norm().apply(x, attentionWeights.norm()), pass);
        if (attentionWeights.postNorm() != null) {
            attention = block.norm().apply(attention, attentionWeights.postNorm());
        }
        attention = hooks.run(points.at(Kind.ATTN_OUT, i), start, attention);
        x = hooks.run(points.at(Kind.RESID_MID, i), start, x.add(attention));
        Variable mlp = FeedForward.apply(block.norm().apply(x, mlpWeights.norm()), mlpWeights, block.activation());
        if (mlpWeights.postNorm() != null) {
            mlp = block.norm().apply(mlp, mlpWeights.postNorm());
        }
        mlp = hooks.run(points.at(Kind.MLP_OUT, i), start, mlp);
        return hooks.run(points.at(Kind.RESID_POST, i), start, x.add(mlp));
    }

    /** Self-attention of a block on its normed input a [B, T, H] -> [B, T, H]. */
    private Variable attention(DecoderBlock block, Variable a, ForwardPass pass) {
        int i = block.layer();
        Hooks hooks = pass.hooks();
        int start = pass.start();
        HeadProjections projected = headProjections(i, a);
        Variable q = hooks.run(points.at(Kind.QUERY, i), start, projected.queries());       // [B, Hq, T, D]
        Variable k = hooks.run(points.at(Kind.KEY, i), start, projected.keys());            // [B, Hkv, T, D]
        Variable v = hooks.run(points.at(Kind.VALUE, i), start, projected.values());        // [B, Hkv, T, D]
        if (block.rotary() != null) {
            q = block.rotary().apply(q, pass.batch().positions());
            k = block.rotary().apply(k, pass.batch().positions());
            q = hooks.run(points.at(Kind.ROTATED_QUERY, i), start, q);
            k = hooks.run(points.at(Kind.ROTATED_KEY, i), start, k);
        }
        if (pass.cache() != null) {
            Tensor[] all = pass.cache().store(i, k.value(), v.value());
            k = Variable.constant(all[0]);                                               // [B, Hkv, Tk, D]
            v = Variable.constant(all[1]);
        }
        Variable z = hooks.has(points.at(Kind.PATTERN, i))
                ? AttentionPattern.attend(q, k, v, block.attention(), points.at(Kind.PATTERN, i), pass)
                : AttentionFunctions.attention(q, k, v, pass.paddingMask(), block.attention());
        z = hooks.run(points.at(Kind.Z, i), start, z);                                     // [B, Hq, T, D]
        int b = z.size(0);
        int t = z.size(2);
        Variable merged = z.transpose(1, 2).reshape(b, t, block.heads().queryWidth());   // [B, T, Hq * D]
        return block.weights().attention().output().apply(merged);
    }

    /**
     * The queries, keys and values block {@code layer} computes from {@code input} [B, T, H], its attention input
     * (already normed), split into heads, after q/k norms and before rotary embedding. Adapters that attend with a
     * layer's own projections (a gated prefix, for example) get them here, whatever the family's layout: GPT-2's
     * fused projection, biases and q/k norms included.
     */
    public HeadProjections headProjections(int layer, Variable input) {
        DecoderBlock block = blocks.get(layer);
        HeadLayout heads = block.heads();
        AttentionWeights w = block.weights().attention();
        Variable qOut;
        Variable kOut;
        Variable vOut;
        switch (w.queryKeyValue()) {
            case QueryKeyValue.Fused fused -> {
                Variable all = fused.all().apply(input);                           // [B, T, (Hq + 2 Hkv) * D]
                qOut = all.narrow(2, 0, heads.queryWidth());
                kOut = all.narrow(2, heads.keyOffset(), heads.kvWidth());
                vOut = all.narrow(2, heads.valueOffset(), heads.kvWidth());
            }
            case QueryKeyValue.Separate separate -> {
                qOut = separate.query().apply(input);                              // [B, T, Hq * D]
                kOut = separate.key().apply(input);                                // [B, T, Hkv * D]
                vOut = separate.value().apply(input);
            }
        }
        Variable q = splitHeads(qOut, heads.heads(), heads.headDim());            // [B, Hq, T, D]
        Variable k = splitHeads(kOut, heads.kvHeads(), heads.headDim());          // [B, Hkv, T, D]
        Variable v = splitHeads(vOut, heads.kvHeads(), heads.headDim());          // [B, Hkv, T, D]
        if (w.queryKeyNorms() != null) {
            q = block.norm().apply(q, w.queryKeyNorms().query());
            k = block.norm().apply(k, w.queryKeyNorms().key());
        }
        return new HeadProjections(q, k, v);
    }

    /** [B, T, heads * D] -> [B, heads, T, D]. */
    private static Variable splitHeads(Variable x, int heads, int headDim) {
        return x.view(x.size(0), x.size(1), heads, headDim).transpose(1, 2);
    }

    /** The final norm of the last residual stream [B, T, H]. */
    private Variable finalNorm(Variable residual) {
        return outputHead.norm().apply(residual, outputHead.finalNorm());
    }

    /** The LM head on the final normed state [B, T, H] -> [B, T, V], then Gemma 2's final softcap. */
    private Variable head(Variable normed) {
        Variable logits = MatrixFunctions.linear(normed, outputHead.weight(), null);
        if (outputHead.softcap() > 0f) {
            logits = logits.softcap(outputHead.softcap());
        }
        return logits;
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
