package dev.rein.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.models.LanguageModel;
import org.junit.jupiter.api.Test;

/**
 * A bounded load: 32 clients x 8 requests at once on 127.0.0.1 against the embedded model. Every request is answered
 * in full and the batch is shared; the speed is measured by {@code rein bench serve}, not asserted.
 */
class LoadTest {

    @Test
    void thirtyTwoClientsOfEightRequestsAreAllAnsweredInSharedBatches() throws Exception {
        try (LanguageModel model = LanguageModel.loadDefault();
             ReinServer server = ReinServer.start(model, "default",
                     ServerSettings.defaults().withAddress("127.0.0.1", 0), new ServerAssets(model))) {
            LoadRun run = LoadRun.measure("127.0.0.1", server.port(), 32, 8,
                    LoadRun.Bodies.sampled("Once upon a time", 8));
            assertEquals(256, run.requests());
            assertEquals(0, run.failed());
            assertTrue(run.completionTokens() > 256 && run.completionTokens() <= 256 * 8, run.toString());
            assertTrue(server.peakBatchRows() > 1, "peak batch " + server.peakBatchRows());
            System.out.printf("32 x 8 requests: %.1f tokens/s, peak batch %d%n", run.tokensPerSecond(),
                    server.peakBatchRows());
        }
    }

    @Test
    void onlyLoopbackIsATarget() {
        assertThrows(IllegalArgumentException.class, () -> LoadRun.measure("10.0.0.1", 80, 1, 1,
                LoadRun.Bodies.sampled("a", 1)));
    }
}
