package dev.rein.steering.cogsteer;

import dev.rein.tensor.Tensor;

/**
 * The edit of the plain pass's per-head attention output at the last position (METHODS.md 4.3 step 2): per row and
 * head, δ = a_adapter − a_base, s = (1 + ‖δ‖₂)^p, a' = a_base − s·δ; renormalised, each row's a' over (heads, d_h)
 * is rescaled to the norm a_base had. Earlier positions are left as they are (they were edited when they were last).
 */
final class HeadSteering {
    private HeadSteering() {
    }

    /** base, adapted [B, H, T, D] -> base with its last position edited. */
    static Tensor steer(Tensor base, Tensor adapted, SteeringSettings settings) {
        int[] shape = base.shape();
        int rows = shape[0];
        int heads = shape[1];
        int positions = shape[2];
        int width = shape[3];
        float[] a = base.contiguous().toFloatArray();
        float[] t = adapted.contiguous().toFloatArray();
        int last = positions - 1;
        for (int b = 0; b < rows; b++) {
            double before = 0;
            double after = 0;
            for (int h = 0; h < heads; h++) {
                int at = ((b * heads + h) * positions + last) * width;
                double norm = 0;
                for (int k = 0; k < width; k++) norm += Math.pow(t[at + k] - a[at + k], 2);
                double scale = Math.pow(1 + Math.sqrt(norm), settings.normExponent());
                for (int k = 0; k < width; k++) {
                    before += (double) a[at + k] * a[at + k];
                    a[at + k] = (float) (a[at + k] - scale * (t[at + k] - a[at + k]));
                    after += (double) a[at + k] * a[at + k];
                }
            }
            if (settings.norm() == SteeringSettings.Norm.RENORMALISED && after > 0) {
                float ratio = (float) Math.sqrt(before / after);
                for (int h = 0; h < heads; h++) {
                    int at = ((b * heads + h) * positions + last) * width;
                    for (int k = 0; k < width; k++) a[at + k] *= ratio;
                }
            }
        }
        return Tensor.of(a, shape);
    }
}
