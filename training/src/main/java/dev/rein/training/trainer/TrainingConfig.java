package dev.rein.training.trainer;

/**
 * How a {@link CausalLmTrainer} runs. A step is one optimizer update, taken after {@code accumulation}
 * micro-batches.
 *
 * @param steps           optimizer updates in the whole run (a resumed run continues up to this count)
 * @param accumulation    micro-batches whose gradients are summed before each update (1: none)
 * @param clipNorm        the largest global L2 norm of the gradients; larger ones are scaled down to it (0: no
 *                        clipping, the norm is still logged)
 * @param evalEvery       evaluate on the held-out batches every this many steps and after the last (0: after the
 *                        last only); ignored without held-out batches
 * @param saveEvery       write a resumable checkpoint every this many steps and after the last (0: none)
 * @param keepCheckpoints how many of the newest checkpoints to keep
 * @param seed            the seed the data order was drawn with, recorded in checkpoints so that a resumed run can
 *                        refuse different data
 * @param progress        show a progress bar on the terminal (only when stderr is one)
 */
public record TrainingConfig(long steps, int accumulation, double clipNorm, int evalEvery, int saveEvery,
                             int keepCheckpoints, long seed, boolean progress) {

    public TrainingConfig {
        positive("steps", steps);
        positive("accumulation", accumulation);
        positive("keepCheckpoints", keepCheckpoints);
        if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clipNorm must be a finite number >= 0 (0: off), got " + clipNorm);
        }
        if (evalEvery < 0 || saveEvery < 0) {
            throw new IllegalArgumentException("evalEvery and saveEvery must be >= 0 (0: only after the last step), "
                    + "got " + evalEvery + " and " + saveEvery);
        }
    }

    /**
     * {@code steps} updates without accumulation, clipping or checkpoints, evaluating after the last step, with
     * seed 0 and no progress bar; change them with the {@code with} methods.
     */
    public static TrainingConfig of(long steps) {
        return new TrainingConfig(steps, 1, 0, 0, 0, 1, 0, false);
    }

    /** The updates that cover {@code epochs} passes over data of {@code batchesPerEpoch} micro-batches. */
    public static long stepsForEpochs(int epochs, int batchesPerEpoch, int accumulation) {
        positive("epochs", epochs);
        return Math.ceilDiv((long) epochs * batchesPerEpoch, accumulation);
    }

    public TrainingConfig withAccumulation(int microBatches) {
        return new TrainingConfig(steps, microBatches, clipNorm, evalEvery, saveEvery, keepCheckpoints, seed, progress);
    }

    public TrainingConfig withClipNorm(double maxNorm) {
        return new TrainingConfig(steps, accumulation, maxNorm, evalEvery, saveEvery, keepCheckpoints, seed, progress);
    }

    public TrainingConfig withEvalEvery(int every) {
        return new TrainingConfig(steps, accumulation, clipNorm, every, saveEvery, keepCheckpoints, seed, progress);
    }

    public TrainingConfig withCheckpoints(int every, int keep) {
        return new TrainingConfig(steps, accumulation, clipNorm, evalEvery, every, keep, seed, progress);
    }

    public TrainingConfig withSeed(long dataSeed) {
        return new TrainingConfig(steps, accumulation, clipNorm, evalEvery, saveEvery, keepCheckpoints, dataSeed,
                progress);
    }

    /** Shows a progress bar on the terminal (only when stderr is one); {@link #of} shows none. */
    public TrainingConfig withProgressBar() {
        return new TrainingConfig(steps, accumulation, clipNorm, evalEvery, saveEvery, keepCheckpoints, seed, true);
    }

    /** Whether step {@code step} (1-based) is followed by an evaluation. */
    boolean evaluatesAfter(long step) {
        return step == steps || evalEvery > 0 && step % evalEvery == 0;
    }

    /** Whether step {@code step} (1-based) is followed by a checkpoint. */
    boolean savesAfter(long step) {
        return saveEvery > 0 && (step == steps || step % saveEvery == 0);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
