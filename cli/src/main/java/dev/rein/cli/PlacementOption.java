package dev.rein.cli;

import dev.rein.steering.ctrl.Placement;
import picocli.CommandLine.Option;

/**
 * {@code --control-placement start|after-prompt}: where {@code rein generate --control-tokens} and
 * {@code rein ctrl eval} put the control tokens ({@link Placement}).
 */
final class PlacementOption {
    @Option(names = "--control-placement", defaultValue = "start", paramLabel = "start|after-prompt",
            description = "Where the control tokens go: start (before the prompt, right after BOS, where rein ctrl "
                    + "train puts them) or after-prompt (after it, as the seed's evaluation) (default: "
                    + "${DEFAULT-VALUE}).")
    private String name;

    /** The placement named; an unknown name is a user error. */
    Placement placement() {
        try {
            return Placement.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UserError("--control-placement: " + e.getMessage());
        }
    }
}
