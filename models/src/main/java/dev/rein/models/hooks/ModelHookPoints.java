package dev.rein.models.hooks;

import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.config.PositionEncoding;
import dev.rein.models.hooks.HookPoint.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every hook point of one model, built once from its config: the transformer asks here for the point it reaches
 * ({@code points.at(Kind.RESID_POST, i)}) instead of spelling its name on every pass. GPT-2-style learned positions
 * add {@code hook_pos_embed}; rotary positions add {@code attn.hook_rot_q} and {@code attn.hook_rot_k}.
 */
public final class ModelHookPoints {
    private final Map<Kind, HookPoint[]> byKind = new EnumMap<>(Kind.class);   // per kind, [layers] or [1]
    private final List<HookPoint> all;
    private final List<String> names;

    private ModelHookPoints(int layers, List<Kind> kinds) {
        List<HookPoint> ordered = new ArrayList<>();
        for (Kind kind : kinds) {
            byKind.put(kind, new HookPoint[kind.perBlock() ? layers : 1]);
        }
        for (Kind kind : kinds.stream().filter(k -> !k.perBlock() && k != Kind.FINAL_NORMALIZED
                && k != Kind.LOGITS).toList()) {
            ordered.add(put(HookPoint.of(kind, -1)));
        }
        for (int layer = 0; layer < layers; layer++) {
            for (Kind kind : kinds.stream().filter(Kind::perBlock).toList()) {
                ordered.add(put(HookPoint.of(kind, layer)));
            }
        }
        ordered.add(put(HookPoint.of(Kind.FINAL_NORMALIZED, -1)));
        ordered.add(put(HookPoint.of(Kind.LOGITS, -1)));
        this.all = List.copyOf(ordered);
        this.names = all.stream().map(HookPoint::name).toList();
    }

    /** The points of a model with this config, in the order a forward pass reaches them. */
    public static ModelHookPoints of(ModelConfig config) {
        boolean rotary = config.positions() instanceof PositionEncoding.Rotary;
        List<Kind> kinds = new ArrayList<>(List.of(Kind.values()));
        kinds.removeIf(kind -> rotary ? kind == Kind.POS_EMBED
                : kind == Kind.ROTATED_QUERY || kind == Kind.ROTATED_KEY);
        return new ModelHookPoints(config.numLayers(), kinds);
    }

    /**
     * The point of {@code kind} in block {@code layer} (any layer, e.g. -1, for the points outside the blocks).
     *
     * @throws IllegalArgumentException when this model has no such point
     */
    public HookPoint at(Kind kind, int layer) {
        HookPoint[] points = byKind.get(kind);
        if (points == null || (kind.perBlock() && (layer < 0 || layer >= points.length))) {
            throw new IllegalArgumentException("this model has no " + kind.suffix() + " point"
                    + (kind.perBlock() ? " in block " + layer + " (it has " + (points == null ? 0 : points.length)
                    + " blocks)" : ""));
        }
        return points[kind.perBlock() ? layer : 0];
    }

    /** Every point, in the order a forward pass reaches them. */
    public List<HookPoint> all() {
        return all;
    }

    /** Every point's name, in the same order. */
    public List<String> names() {
        return names;
    }

    private HookPoint put(HookPoint point) {
        byKind.get(point.kind())[Math.max(point.layer(), 0)] = point;
        return point;
    }
}
