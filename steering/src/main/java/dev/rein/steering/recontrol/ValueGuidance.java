package dev.rein.steering.recontrol;

import dev.rein.autograd.Variable;
import dev.rein.models.hooks.Hook;
import dev.rein.models.hooks.HookContext;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.ReducedDim;
import dev.rein.tensor.Tensor;

/**
 * RE-Control's intervention: at every forward pass, each state h at the value function's hook point (RE-Control:
 * the final normed state, just before the LM head) is moved uphill on V by {@code steps} gradient-ascent steps,
 * {@code h ← h + stepSize · ∇_h V(h)}, before the model continues with it; with a finite {@code maxEditNorm} the
 * edit h − h₀ of each position is projected back onto the ball of that L2 radius after every step (RE-Control has
 * no bound; its step budget is the only limit). Only the value MLP is differentiated, never the language model,
 * and the edited state is a constant: no gradient flows back through the edit.
 *
 * <p>At the final normed state the edit changes only the logits: the KV cache and the layers below are untouched,
 * so in cached generation editing {@link Positions#ALL} positions (RE-Control's choice, which also edits the prompt
 * positions of the first pass) and only the {@link Positions#NEW} one choose the same tokens; NEW costs less. At
 * an earlier hook point the two differ, since edited prompt states reach later tokens through attention.
 *
 * @param value       the trained value function; its hook point is where the edit happens
 * @param steps       gradient-ascent steps per pass, at least 0 (0 leaves the model unchanged)
 * @param stepSize    α, the ascent step size, at least 0
 * @param maxEditNorm the largest L2 norm of the edit of one position, above 0; {@link #UNBOUNDED} for none
 * @param positions   which positions of each pass are edited
 */
public record ValueGuidance(ValueFunction value, int steps, float stepSize, double maxEditNorm, Positions positions)
        implements Hook {

    /** No bound on the edit's norm, as in RE-Control. */
    public static final double UNBOUNDED = Double.POSITIVE_INFINITY;

    /** Which positions of each forward pass are edited. */
    public enum Positions {
        /** Every position of every pass: the prompt in the first pass, then each new token. */
        ALL,
        /** The last position of each pass only: the last prompt token, then each new token. */
        NEW
    }

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public ValueGuidance {
        if (steps < 0) {
            throw new IllegalArgumentException("the number of ascent steps must be at least 0, got " + steps);
        }
        if (!(stepSize >= 0) || Float.isInfinite(stepSize)) {
            throw new IllegalArgumentException("the step size must be a finite number of at least 0, got " + stepSize);
        }
        if (!(maxEditNorm > 0)) {
            throw new IllegalArgumentException("the edit norm bound must be above 0, got " + maxEditNorm);
        }
    }

    /** Hooks holding this edit at the value function's hook point, for a forward pass or a generation. */
    public Hooks hooks() {
        return addTo(new Hooks());
    }

    /** Adds this edit at the value function's hook point to {@code hooks} (beside other edits); returns them. */
    public Hooks addTo(Hooks hooks) {
        return hooks.addTrainable(value.config().hookPoint(), positions == Positions.NEW ? onlyLastPosition() : this);
    }

    @Override
    public Variable apply(Variable activation, HookContext context) {
        if (steps == 0) {
            return activation;
        }
        return Variable.constant(edit(activation.value()));
    }

    /** states [..., H] -> the states after the ascent steps, each edit within the norm bound. */
    public Tensor edit(Tensor states) {
        Tensor start = states.contiguous();
        Tensor current = start;
        for (int step = 0; step < steps; step++) {
            current = current.add(value.inputGradient(current).mul(stepSize));
            if (Double.isFinite(maxEditNorm)) {
                current = start.add(bounded(current.sub(start)));
            }
        }
        return current;
    }

    /** Each position's edit [..., H] scaled down to the norm bound where it is longer: δ · R / max(‖δ‖, R). */
    private Tensor bounded(Tensor edit) {
        float radius = (float) maxEditNorm;
        Tensor norms = edit.mul(edit).sum(edit.rank() - 1, ReducedDim.KEEP).sqrt();      // [..., 1]
        return edit.mul(Tensor.scalar(radius).div(norms.maximum(Tensor.scalar(radius))));
    }
}
