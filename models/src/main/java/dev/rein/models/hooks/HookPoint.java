package dev.rein.models.hooks;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One place where a forward pass can be read and edited: its name (the public spelling, TransformerLens's, e.g.
 * {@code blocks.6.hook_resid_post}), the block it belongs to (-1 outside the blocks) and its {@link Kind}, which
 * gives the activation's shape and the axis of its positions. A model builds its points once
 * ({@link ModelHookPoints}), so a pass names no point by string concatenation.
 */
public record HookPoint(String name, int layer, Kind kind) {
    private static final Pattern BLOCK_POINT = Pattern.compile("blocks\\.(\\d+)\\.(.+)");

    /** What a point holds; shapes with B the batch, T this pass's positions, Tk those attended to (cache too). */
    public enum Kind {
        EMBED("hook_embed", "[B, T, H]"),
        POS_EMBED("hook_pos_embed", "[B, T, H]"),
        RESID_PRE("hook_resid_pre", "[B, T, H]"),
        QUERY("attn.hook_q", "[B, Hq, T, D]"),
        KEY("attn.hook_k", "[B, Hkv, T, D]"),
        VALUE("attn.hook_v", "[B, Hkv, T, D]"),
        ROTATED_QUERY("attn.hook_rot_q", "[B, Hq, T, D]"),
        ROTATED_KEY("attn.hook_rot_k", "[B, Hkv, T, D]"),
        PATTERN("attn.hook_pattern", "[B, Hq, T, Tk]"),
        Z("attn.hook_z", "[B, Hq, T, D]"),
        ATTN_OUT("hook_attn_out", "[B, T, H]"),
        RESID_MID("hook_resid_mid", "[B, T, H]"),
        MLP_OUT("hook_mlp_out", "[B, T, H]"),
        RESID_POST("hook_resid_post", "[B, T, H]"),
        FINAL_NORMALIZED("ln_final.hook_normalized", "[B, T, H]"),
        LOGITS("logits", "[B, T', V]");

        private final String suffix;
        private final String shape;

        Kind(String suffix, String shape) {
            this.suffix = suffix;
            this.shape = shape;
        }

        /** The name's part after {@code blocks.{i}.}, or the whole name of a point outside the blocks. */
        public String suffix() {
            return suffix;
        }

        /** The activation's shape, e.g. {@code [B, Hq, T, D]}. */
        public String shape() {
            return shape;
        }

        /** The axis of the activation that runs over the positions of the pass. */
        public int positionAxis() {
            return suffix.startsWith("attn.") ? 2 : 1;
        }

        /** Whether the point is one per block (named {@code blocks.{i}.<suffix>}). */
        public boolean perBlock() {
            return this != EMBED && this != POS_EMBED && this != FINAL_NORMALIZED && this != LOGITS;
        }
    }

    public HookPoint {
        if (kind.perBlock() != layer >= 0) {
            throw new IllegalArgumentException(kind + (kind.perBlock() ? " needs a block index, got " + layer
                    : " belongs to no block, got layer " + layer));
        }
    }

    /** The point of {@code kind} in block {@code layer}, or outside the blocks when {@code layer} is -1. */
    public static HookPoint of(Kind kind, int layer) {
        String name = kind.perBlock() ? "blocks." + layer + "." + kind.suffix() : kind.suffix();
        return new HookPoint(name, layer, kind);
    }

    /**
     * The point a name spells, e.g. {@code blocks.6.hook_resid_post} or {@code hook_embed}.
     *
     * @throws IllegalArgumentException naming the text and the forms a point name takes
     */
    public static HookPoint parse(String name) {
        Matcher block = BLOCK_POINT.matcher(name);
        for (Kind kind : Kind.values()) {
            if (!kind.perBlock() && kind.suffix().equals(name)) {
                return new HookPoint(name, -1, kind);
            }
            if (kind.perBlock() && block.matches() && kind.suffix().equals(block.group(2))) {
                return new HookPoint(name, Integer.parseInt(block.group(1)), kind);
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not a hook point name: expected one of "
                + Arrays.stream(Kind.values()).map(k -> k.perBlock() ? "blocks.{i}." + k.suffix() : k.suffix())
                .toList());
    }

    /** The axis of the activation that runs over the positions of the pass. */
    public int positionAxis() {
        return kind.positionAxis();
    }

    @Override
    public String toString() {
        return name;
    }
}
