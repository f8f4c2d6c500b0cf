package dev.rein.models.transformer;

import dev.rein.formats.config.LayerType;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.config.PositionEncoding;
import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.UnaryOp;

/**
 * One decoder block as data: everything a backend needs to run it, with each family's quirks already decided. It is
 * the one description of a block that {@link Transformer}'s forward and the TornadoVM decoder's device plans are
 * both built from, so that a new family or quirk is added here and in the weights, not in each implementation.
 * Bracketed steps happen where the family has them:
 * <pre>
 * h = norm(x)                                                              [B, T, H]
 * q, k, v = split into heads(query/key/value(h))                           [B, Hq or Hkv, T, D]
 *           [-> q/k norms] [-> rotary embedding of q and k]
 * x = x + [post norm](output(attend(q, k, v)))                             [B, T, H]
 * h = norm(x)
 * x = x + [post norm](down(act(gate(h)) * up(h)), or down(act(up(h))))     [B, T, H]
 * </pre>
 *
 * @param layer      the block's index, from 0
 * @param weights    its attention and MLP weights; the parts a family lacks are null there
 * @param norm       how its norms normalise (LayerNorm, or RMSNorm with a scale of w or 1 + w)
 * @param heads      its query and key/value heads
 * @param attention  how it attends: scale (from query_pre_attn_scalar), causal, sliding window (0 for none),
 *                   score softcap (0 for none)
 * @param rotary     its rotary embedding; null with learned positions (GPT-2)
 * @param activation the MLP's activation function (the config's, as the element-wise op every backend has)
 */
public record DecoderBlock(int layer, LayerWeights weights, Normalization norm, HeadLayout heads,
                           AttentionSpec attention, Rotary rotary, UnaryOp activation) {

    /** Block {@code layer} of a model with this config and these weights of the block. */
    static DecoderBlock of(ModelConfig config, int layer, LayerWeights weights) {
        var settings = config.attention();
        LayerType type = settings.layerTypes().get(layer);
        AttentionSpec attention = new AttentionSpec((float) (1 / Math.sqrt(settings.queryPreAttnScalar())), true,
                type == LayerType.SLIDING ? settings.slidingWindow().orElseThrow() : 0,
                (float) settings.logitSoftcapping().orElse(0));
        Rotary rotary = config.positions() instanceof PositionEncoding.Rotary rope
                ? new Rotary(RotaryFrequencies.of(rope.forLayer(type), settings.headDim()), RopeConvention.HALF_SPLIT)
                : null;
        return new DecoderBlock(layer, weights, Normalization.of(config), HeadLayout.of(config), attention, rotary,
                FeedForward.function(config.activation()));
    }
}
