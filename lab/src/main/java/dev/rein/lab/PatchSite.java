package dev.rein.lab;

import dev.rein.models.hooks.HookPoints;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Where activation patching copies the clean run into the corrupted one: the residual stream entering a block, the
 * attention or MLP branch's output at one position, or one head's output ({@code hook_z}) at every position.
 */
public enum PatchSite {
    RESID_PRE(HookPoints::residPre),
    ATTN_OUT(HookPoints::attnOut),
    MLP_OUT(HookPoints::mlpOut),
    Z(HookPoints::z);

    private final IntFunction<String> point;

    PatchSite(IntFunction<String> point) {
        this.point = point;
    }

    /** The hook point at {@code layer}, e.g. {@code blocks.2.hook_attn_out}. */
    public String point(int layer) {
        return point.apply(layer);
    }

    /** The name the API uses: resid_pre, attn_out, mlp_out, z. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a column is a head (z) rather than a position. */
    public boolean perHead() {
        return this == Z;
    }

    /** The site named {@code id}; an unknown name is refused naming the known ones. */
    public static PatchSite parse(String id) {
        return Arrays.stream(values()).filter(site -> site.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown patch site '" + id + "'; expected one of "
                        + Arrays.stream(values()).map(PatchSite::id).toList()));
    }
}
