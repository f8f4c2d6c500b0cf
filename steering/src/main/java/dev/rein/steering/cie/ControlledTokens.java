package dev.rein.steering.cie;

import java.util.List;

/**
 * Token ids with their placeholders already replaced by a valid id, and the controls that go at those positions
 * (row 0, positions in {@code ids}).
 */
public record ControlledTokens(int[] ids, List<ControlPlacement> controls) {
    public ControlledTokens {
        ids = ids.clone();
        controls = List.copyOf(controls);
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }
}
