package dev.rein.cli;

import dev.rein.steering.ctrl.ControlToken;
import java.util.ArrayList;
import java.util.List;

/** The control tokens of {@code --control-tokens} (nontoxic, pos, or {@code <|nontoxic|>}, ...), parsed. */
final class ControlTokenNames {
    private ControlTokenNames() {
    }

    /** The tokens named; an unknown name is a user error saying which names there are. */
    static List<ControlToken> parse(List<String> names) {
        List<ControlToken> tokens = new ArrayList<>();
        for (String name : names) {
            try {
                tokens.add(ControlToken.parse(name));
            } catch (IllegalArgumentException e) {
                throw new UserError("--control-tokens: " + e.getMessage());
            }
        }
        return tokens;
    }
}
