package dev.rein.cli;

import dev.rein.models.generation.SamplingSettings;
import dev.rein.steering.cogsteer.CogSteerSampling;
import dev.rein.steering.ctrl.CtrlSampling;

/**
 * A method's decoding as one name ({@code --preset}), set over the model's generation_config.json and under the
 * explicit decoding flags.
 */
enum DecodingPreset {
    /** The control-token seed's evaluation sampling ({@link CtrlSampling}). */
    CTRL,
    /** CogSteer's toxicity evaluation sampling ({@link CogSteerSampling}). */
    COGSTEER;

    /** {@code builder} with this preset's settings. */
    void apply(SamplingSettings.Builder builder) {
        switch (this) {
            case CTRL -> CtrlSampling.apply(builder);
            case COGSTEER -> CogSteerSampling.apply(builder);
        }
    }
}
