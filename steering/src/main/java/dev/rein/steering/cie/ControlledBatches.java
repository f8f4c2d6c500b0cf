package dev.rein.steering.cie;

import dev.rein.data.batch.BatchSource;
import dev.rein.data.batch.DataPosition;
import dev.rein.data.batch.TrainingBatch;
import dev.rein.data.lm.RowBatches;
import dev.rein.data.lm.RowOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Right-padded training batches of controlled examples ({@link RowBatches}, one example per row) that place each
 * batch's controls in the injection as the batch is handed out, so the forward pass that follows injects them.
 * The trainer must run each batch right after reading it: use it with no gradient accumulation (a larger batch
 * gives the same gradient).
 */
public final class ControlledBatches implements BatchSource {
    private final List<ControlledExample> examples;
    private final int batchSize;
    private final RowOrder order;
    private final RowBatches rows;
    private final ControlInjection injection;

    public ControlledBatches(List<ControlledExample> examples, int batchSize, int padId, RowOrder order,
                             ControlInjection injection) {
        this.examples = List.copyOf(examples);
        this.batchSize = batchSize;
        this.order = order;
        this.rows = new RowBatches(examples.stream().map(ControlledExample::example).toList(), batchSize, padId,
                order);
        this.injection = injection;
    }

    @Override
    public TrainingBatch next() {
        DataPosition at = rows.position();
        TrainingBatch batch = rows.next();
        int[] epochOrder = order.of(examples.size(), at.epoch());              // as RowBatches orders its rows
        int first = at.batch() * batchSize;
        List<ControlPlacement> placements = new ArrayList<>();
        for (int row = 0; first + row < Math.min(first + batchSize, examples.size()); row++) {
            for (ControlPlacement control : examples.get(epochOrder[first + row]).controls()) {
                placements.add(control.moved(row, 0));
            }
        }
        injection.place(placements);
        return batch;
    }

    @Override
    public DataPosition position() {
        return rows.position();
    }

    @Override
    public void seek(DataPosition position) {
        rows.seek(position);
    }

    @Override
    public int batchesPerEpoch() {
        return rows.batchesPerEpoch();
    }
}
