package dev.rein.formats.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSettingsTest {
    @TempDir
    Path home;

    @Test
    void withoutVariablesTheCacheIsInTheHomeFolder() {
        HubSettings settings = HubSettings.from(Map.of(), home);

        assertEquals(home.resolve(".cache/huggingface/hub"), settings.cache());
        assertEquals(URI.create("https://huggingface.co"), settings.endpoint());
        assertNull(settings.token());
        assertEquals(NetworkMode.ONLINE, settings.network());
    }

    @Test
    void hfHubCacheWinsOverTheLegacyVariableAndHfHome() {
        Path hfHome = home.resolve("hf");
        assertEquals(hfHome.resolve("hub"), HubSettings.from(Map.of("HF_HOME", hfHome.toString()), home).cache());
        assertEquals(home.resolve("xdg/huggingface/hub"),
                HubSettings.from(Map.of("XDG_CACHE_HOME", home.resolve("xdg").toString()), home).cache());
        assertEquals(Path.of("/legacy"), HubSettings.from(Map.of("HF_HOME", hfHome.toString(),
                "HUGGINGFACE_HUB_CACHE", "/legacy"), home).cache());
        assertEquals(Path.of("/wins"), HubSettings.from(Map.of("HF_HOME", hfHome.toString(),
                "HUGGINGFACE_HUB_CACHE", "/legacy", "HF_HUB_CACHE", "/wins"), home).cache());
        assertEquals(home.resolve("models"), HubSettings.from(Map.of("HF_HUB_CACHE", "~/models"), home).cache());
    }

    @Test
    void theTokenComesFromHfTokenElseTheTokenFile() throws IOException {
        Path hfHome = Files.createDirectories(home.resolve("hf"));
        Files.writeString(hfHome.resolve("token"), "hf_from_file\n");

        assertEquals("hf_from_file", HubSettings.from(Map.of("HF_HOME", hfHome.toString()), home).token());
        assertEquals("hf_from_env", HubSettings.from(Map.of("HF_HOME", hfHome.toString(),
                "HF_TOKEN", "hf_from_env"), home).token());
        assertEquals("hf_legacy", HubSettings.from(Map.of("HUGGING_FACE_HUB_TOKEN", "hf_legacy"), home).token());
        Path elsewhere = Files.writeString(home.resolve("my-token"), "  hf_elsewhere  ");
        assertEquals("hf_elsewhere", HubSettings.from(Map.of("HF_TOKEN_PATH", elsewhere.toString()), home).token());
        assertNull(HubSettings.from(Map.of("HF_TOKEN", " "), home).token(), "a blank token is none");
    }

    @Test
    void offlineAndEndpointAreReadAsHuggingfaceHubReadsThem() {
        for (String on : new String[] {"1", "true", "YES", "On"}) {
            assertEquals(NetworkMode.OFFLINE, HubSettings.from(Map.of("HF_HUB_OFFLINE", on), home).network(), on);
        }
        for (String off : new String[] {"0", "false", ""}) {
            assertEquals(NetworkMode.ONLINE, HubSettings.from(Map.of("HF_HUB_OFFLINE", off), home).network(), off);
        }
        assertEquals(NetworkMode.OFFLINE, HubSettings.from(Map.of("TRANSFORMERS_OFFLINE", "1"), home).network());
        assertEquals(URI.create("https://hf-mirror.com"),
                HubSettings.from(Map.of("HF_ENDPOINT", "https://hf-mirror.com/"), home).endpoint());
    }

    @Test
    void theDownloadTimeoutIsInSeconds() {
        assertEquals(Duration.ofSeconds(10), HubSettings.from(Map.of(), home).downloadTimeout());
        assertEquals(Duration.ofMillis(2500), HubSettings.from(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "2.5"), home)
                .downloadTimeout());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> HubSettings.from(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "soon"), home));
        assertEquals("HF_HUB_DOWNLOAD_TIMEOUT must be a positive number of seconds, got 'soon'", wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HubSettings.from(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "0"),
                home));
    }

    @Test
    void theTokenIsNotPrinted() {
        String printed = HubSettings.from(Map.of("HF_TOKEN", "hf_secret"), home).toString();
        assertFalse(printed.contains("hf_secret"), printed);
        assertTrue(printed.contains("token=set"), printed);
    }
}
