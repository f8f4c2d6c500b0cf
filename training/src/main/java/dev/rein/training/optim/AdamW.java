package dev.rein.training.optim;

import java.util.List;

/**
 * AdamW as torch.optim.AdamW (Loshchilov and Hutter): weight decay is decoupled from the gradient and shrinks the
 * parameter before the Adam step, {@code p ← p·(1 − lr·wd)}. torch's default weight decay for AdamW is
 * {@link #TORCH_DEFAULT_WEIGHT_DECAY}; here each {@link ParameterGroup} states its own. See {@link AdamFamily}.
 */
public final class AdamW extends AdamFamily {
    /** The kind recorded in {@link OptimizerState}. */
    public static final String KIND = "adamw";
    /** torch.optim.AdamW's default {@code weight_decay}. */
    public static final double TORCH_DEFAULT_WEIGHT_DECAY = 0.01;

    public AdamW(List<ParameterGroup> groups, AdamSettings settings) {
        super(KIND, groups, settings, true);
    }
}
