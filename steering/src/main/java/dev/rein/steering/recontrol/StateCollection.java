package dev.rein.steering.recontrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.eval.PredictionRows;
import dev.rein.formats.FormatException;
import dev.rein.formats.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link StateCollector} gathered: the trajectories of states and the responses they produced, row for row. On
 * disk it is a folder: {@value #STATES_FILE} ({@link Trajectories}), {@value #RESPONSES_FILE} (one
 * {@link CollectedResponse} per line, same order) and {@value #DESCRIPTION_FILE} (the model, prompts and decoding
 * settings, as the caller describes them), written in that order, each atomically, so a description on disk always
 * has its data. Reward labels go beside them ({@link RewardLabels#FILE}).
 */
public record StateCollection(Trajectories trajectories, List<CollectedResponse> responses) {
    public static final String STATES_FILE = "states.safetensors";
    public static final String RESPONSES_FILE = "responses.jsonl";
    public static final String DESCRIPTION_FILE = "collection.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException when the rows disagree in number or in steps */
    public StateCollection {
        responses = List.copyOf(responses);
        if (responses.size() != trajectories.rows()) {
            throw new IllegalArgumentException(trajectories.rows() + " trajectories but " + responses.size()
                    + " responses");
        }
        for (int row = 0; row < responses.size(); row++) {
            if (responses.get(row).responseIds().length != trajectories.validSteps(row)) {
                throw new IllegalArgumentException("response " + row + " has " + responses.get(row).responseIds().length
                        + " tokens but " + trajectories.validSteps(row) + " valid steps");
            }
        }
    }

    /** Writes the folder (created if needed); {@code description} becomes {@value #DESCRIPTION_FILE}. */
    public void write(Path folder, JsonNode description) throws IOException {
        Files.createDirectories(folder);
        trajectories.write(folder.resolve(STATES_FILE));
        StringBuilder lines = new StringBuilder();
        for (CollectedResponse response : responses) {
            ObjectNode line = JSON.createObjectNode()
                    .put("prompt_index", response.prompt())
                    .put("sample", response.sample())
                    .put("prompt", response.promptText())
                    .put("response", response.response())
                    .put("steps", response.responseIds().length)
                    .put("finish_reason", response.finishReason());
            ArrayNode promptIds = line.putArray("prompt_ids");
            for (int id : response.promptIds()) promptIds.add(id);
            ArrayNode responseIds = line.putArray("response_ids");
            for (int id : response.responseIds()) responseIds.add(id);
            lines.append(JSON.writeValueAsString(line)).append('\n');
        }
        AtomicFiles.write(folder.resolve(RESPONSES_FILE), lines.toString().getBytes(StandardCharsets.UTF_8));
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(description) + "\n";
        AtomicFiles.write(folder.resolve(DESCRIPTION_FILE), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The trajectories of a collection folder.
     *
     * @throws FormatException when {@value #STATES_FILE} is malformed
     */
    public static Trajectories readTrajectories(Path folder) throws IOException {
        return Trajectories.read(folder.resolve(STATES_FILE));
    }

    /**
     * The rows of {@value #RESPONSES_FILE} (fields {@code prompt}, {@code response}, …), for reward labelling.
     *
     * @throws FormatException when the file is not JSON Lines of objects
     */
    public static PredictionRows readResponses(Path folder) throws IOException {
        return PredictionRows.read(folder.resolve(RESPONSES_FILE));
    }
}
