package dev.rein.steering.ctrl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.data.stories.StoryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled JSONL for tests: the sentences of the story corpus's first tales, labelled in turn (toxic, nontoxic; pos,
 * neu, neg), every fifth row marked strip. The labels say nothing true about the sentences; training only has to
 * read them.
 */
final class LabelledData {
    private LabelledData() {
    }

    /** Writes {@code rows} labelled sentences to {@code file} and returns it. */
    static Path write(Path file, int rows) throws IOException {
        List<String> lines = new ArrayList<>();
        for (long seed = 0; lines.size() < rows; seed++) {
            for (String sentence : StoryGenerator.story(seed).text().split("(?<=\\.) ")) {
                if (lines.size() == rows) {
                    break;
                }
                int i = lines.size();
                ObjectNode row = JsonNodeFactory.instance.objectNode().put("text", sentence)
                        .put("toxicity", ControlToken.Attribute.TOXICITY.tokens().get(i % 2).label())
                        .put("sentiment", ControlToken.Attribute.SENTIMENT.tokens().get(i % 3).label())
                        .put("source", "stories");
                if (i % 5 == 4) {
                    row.put("strip", true);
                }
                lines.add(row.toString());
            }
        }
        return Files.write(file, lines);
    }
}
