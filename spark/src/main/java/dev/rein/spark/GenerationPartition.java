package dev.rein.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Generation over one partition: rows are read {@code batchSize} at a time and decoded in one batch by the
 * executor's shared model ({@link ExecutorModels}); every input row comes out with its values and what generation
 * adds ({@link OutputColumns#GENERATED}), once per sample.
 */
final class GenerationPartition implements MapPartitionsFunction<Row, Row> {
    private final ModelRef model;
    private final SamplingSpec sampling;
    private final Controls controls;
    private final RowKeys keys;
    private final int batchSize;

    GenerationPartition(ModelRef model, SamplingSpec sampling, Controls controls, RowKeys keys, int batchSize) {
        this.model = model;
        this.sampling = sampling;
        this.controls = controls;
        this.keys = keys;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws Exception {
        RowGenerator generator = new RowGenerator(ExecutorModels.get(model), sampling, controls);
        return Chunks.flatMap(rows, batchSize, chunk -> {
            List<PromptRow> prompts = chunk.stream().map(keys::read).toList();
            List<List<GeneratedRow>> generated = generator.generate(prompts);
            List<Row> out = new ArrayList<>();
            for (int r = 0; r < chunk.size(); r++) {
                for (GeneratedRow g : generated.get(r)) {
                    out.add(row(chunk.get(r), prompts.get(r).seed(), g));
                }
            }
            return out;
        });
    }

    /** {@code input}'s values, then the columns of {@link OutputColumns#GENERATED} in order. */
    private static Row row(Row input, long seed, GeneratedRow g) {
        int width = input.size();
        Object[] values = new Object[width + OutputColumns.GENERATED.size()];
        for (int i = 0; i < width; i++) {
            values[i] = input.get(i);
        }
        Object[] added = {g.text(), g.promptTokens(), g.generatedTokens(), g.finishReason(), seed, g.sample(),
                g.error()};
        System.arraycopy(added, 0, values, width, added.length);
        return RowFactory.create(values);
    }
}
