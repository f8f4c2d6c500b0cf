package dev.rein.cli;

import dev.rein.training.optim.Adam;
import dev.rein.training.optim.AdamSettings;
import dev.rein.training.optim.AdamW;
import dev.rein.training.optim.LaProp;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.Optimizer;
import dev.rein.training.optim.ParameterGroup;
import dev.rein.training.optim.Sgd;
import dev.rein.training.optim.SgdSettings;
import java.util.List;

/** The optimizers {@code --optimizer} names, with torch's default settings. */
enum OptimizerChoice {
    SGD, ADAM, ADAMW, LAPROP;

    /** This optimizer over one group of {@code parameters}. */
    Optimizer create(List<NamedParameter> parameters, double learningRate, double weightDecay) {
        List<ParameterGroup> groups = List.of(ParameterGroup.of("trainable", parameters, learningRate, weightDecay));
        return switch (this) {
            case SGD -> new Sgd(groups, SgdSettings.defaults());
            case ADAM -> new Adam(groups, AdamSettings.defaults());
            case ADAMW -> new AdamW(groups, AdamSettings.defaults());
            case LAPROP -> new LaProp(groups, AdamSettings.defaults());
        };
    }
}
