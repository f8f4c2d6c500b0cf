package dev.rein.training.testing;

import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.data.batch.BatchSource;
import dev.rein.data.batch.DataPosition;
import dev.rein.data.batch.TrainingBatch;
import java.util.SplittableRandom;

/**
 * Learnable synthetic batches for trainer tests: every row counts up by one from a start drawn from the seed, the
 * epoch and the batch index ({@code s, s+1, s+2, ...} modulo the vocabulary), so a batch is a function of its
 * position alone, as the data module's sources are.
 */
public final class CountingBatches implements BatchSource {
    private final int batchSize;
    private final int length;
    private final int vocab;
    private final int batchesPerEpoch;
    private final long seed;
    private DataPosition position = DataPosition.START;

    public CountingBatches(int batchSize, int length, int vocab, int batchesPerEpoch, long seed) {
        this.batchSize = batchSize;
        this.length = length;
        this.vocab = vocab;
        this.batchesPerEpoch = batchesPerEpoch;
        this.seed = seed;
    }

    @Override
    public TrainingBatch next() {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + position.epoch() * 1_009L + position.batch());
        long[] ids = new long[batchSize * length];
        long[] positions = new long[batchSize * length];
        for (int row = 0; row < batchSize; row++) {
            int start = random.nextInt(vocab);
            for (int t = 0; t < length; t++) {
                ids[row * length + t] = (start + t) % vocab;
                positions[row * length + t] = t;
            }
        }
        position = position.next(batchesPerEpoch);
        Tensor tokens = Tensor.ofLongs(ids, batchSize, length);
        return new TrainingBatch(new TokenBatch(tokens, Tensor.ofLongs(positions, batchSize, length), null),
                Tensor.ofLongs(ids, batchSize, length));
    }

    @Override
    public DataPosition position() {
        return position;
    }

    @Override
    public void seek(DataPosition target) {
        position = target;
    }

    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }
}
