package dev.rein.data;

import dev.rein.text.tokenizer.DecodeOption;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.data.stories.StoryChecker;
import dev.rein.data.stories.StoryTokenizer;
import dev.rein.models.DefaultModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default model: it loads from the jar, uses the corpus's tokenizer, and writes the corpus's tales. */
class DefaultModelTest {
    @TempDir
    Path dir;

    @Test
    void itsTokenizerIsTheStoryCorpussTokenizer() throws IOException {
        StoryTokenizer.write(Files.createDirectories(dir.resolve("tokenizer")));
        Path copied = DefaultModel.copyTo(dir.resolve("model"));
        assertEquals(Files.readString(dir.resolve("tokenizer/tokenizer.json")),
                Files.readString(copied.resolve("tokenizer.json")));
    }

    @Test
    void sampledGenerationsAreGrammaticalTalesOfTheCorpus() {
        try (LanguageModel model = DefaultModel.load()) {
            Tokenizer tokenizer = model.tokenizer();
            SamplingSettings sampling = SamplingSettings.builder(model.generationConfig(),
                    model.config().specialTokens())
                    .sample().temperature(0.8).seed(3).numReturnSequences(16).build();
            List<GeneratedSequence> tales = new Generator(model.transformer())
                    .generate(tokenizer.encode(""), sampling, GenerationOptions.NONE);
            int sentences = 0;
            int grammatical = 0;
            int wholeTales = 0;
            for (GeneratedSequence tale : tales) {
                StoryChecker.Report report = StoryChecker.checkIgnoringTruncatedEnd(tokenizer.decode(tale.newIds(),
                        DecodeOption.SKIP_SPECIAL_TOKENS));
                sentences += report.sentences().size();
                grammatical += report.grammatical();
                wholeTales += report.isTale() ? 1 : 0;
            }
            // measured: every sentence of these 16 is one the grammar writes, and all 16 are whole tales
            assertTrue(grammatical >= 0.95 * sentences,
                    grammatical + " of " + sentences + " sentences are grammatical");
            assertTrue(wholeTales >= 14, wholeTales + " of 16 generations are whole tales");
        }
    }
}
