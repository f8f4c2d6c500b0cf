package dev.rein.steering.cie;

import dev.rein.data.lm.LmExample;
import java.util.List;

/** A training example whose placeholders are already replaced, with the controls at their positions (row 0). */
public record ControlledExample(LmExample example, List<ControlPlacement> controls) {
    public ControlledExample {
        controls = List.copyOf(controls);
    }
}
