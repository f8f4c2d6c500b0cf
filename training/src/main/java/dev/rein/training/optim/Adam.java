package dev.rein.training.optim;

import java.util.List;

/**
 * Adam as torch.optim.Adam (Kingma and Ba): weight decay is an L2 penalty added to the gradient,
 * {@code g + wd·p}, before the moments. See {@link AdamFamily} for the update.
 */
public final class Adam extends AdamFamily {
    /** The kind recorded in {@link OptimizerState}. */
    public static final String KIND = "adam";

    public Adam(List<ParameterGroup> groups, AdamSettings settings) {
        super(KIND, groups, settings, false);
    }
}
