package dev.rein.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.models.LanguageModel;
import dev.rein.steering.recontrol.StateCollection;
import dev.rein.steering.recontrol.StateCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * RE-Control's state collection over one partition: its good rows go through {@link StateCollector} with their own
 * seeds, and the result is written as one collection folder, {@code part-NNNNN} under the output folder, each file
 * atomically, so a retried task rewrites the same files with the same bytes. collection.json records the model, hook
 * point, sampling, every row's key and seed, and each skipped row with its reason.
 */
final class CollectPartition implements MapPartitionsFunction<Row, StateShard> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelRef model;
    private final SamplingSpec sampling;
    private final String hookPoint;
    private final String output;
    private final RowKeys keys;
    private final int keyField;
    private final int batchSize;

    CollectPartition(ModelRef model, SamplingSpec sampling, String hookPoint, String output, RowKeys keys,
                     int keyField, int batchSize) {
        this.model = model;
        this.sampling = sampling;
        this.hookPoint = hookPoint;
        this.output = output;
        this.keys = keys;
        this.keyField = keyField;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<StateShard> call(Iterator<Row> rows) throws Exception {
        int partition = TaskContext.getPartitionId();
        LanguageModel loaded = ExecutorModels.get(model);
        PromptCheck check = new PromptCheck(loaded, sampling.settings(), Controls.none());
        ObjectNode description = JSON.createObjectNode().put("model", model.reference()).put("hook_point", hookPoint)
                .put("partition", partition).put("job_seed", sampling.jobSeed());
        ArrayNode collected = description.putArray("rows");
        ArrayNode skipped = description.putArray("skipped");
        List<String> prompts = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            PromptRow prompt = keys.read(row);
            String key = row.isNullAt(keyField) ? null : String.valueOf(row.get(keyField));
            String error = check.encode(prompt).error();
            if (error != null) {
                skipped.addObject().put("key", key).put("error", error);
            } else {
                collected.addObject().put("key", key).put("seed", prompt.seed());
                prompts.add(prompt.prompt());
                seeds.add(prompt.seed());
            }
        }
        if (prompts.isEmpty()) {
            return List.of(new StateShard(partition, null, 0, skipped.size())).iterator();
        }
        StateCollection collection = new StateCollector(loaded.transformer(), loaded.tokenizer(), hookPoint)
                .collect(prompts, seeds.stream().mapToLong(Long::longValue).toArray(), sampling.settings(),
                        batchSize, done -> { });
        Path folder = Path.of(output, String.format(Locale.ROOT, "part-%05d", partition));
        collection.write(folder, description);
        return List.of(new StateShard(partition, folder.toString(), collection.responses().size(), skipped.size()))
                .iterator();
    }
}
