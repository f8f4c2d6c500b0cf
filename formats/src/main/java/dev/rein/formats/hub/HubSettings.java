package dev.rein.formats.hub;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the Hub is, where its cache lies, the token to send and whether the network may be used, read from the
 * environment variables huggingface_hub reads (see its {@code constants.py}), so that Rein and the Python tools share
 * one cache and one login. {@link #fromEnvironment} reads the process environment; {@link #from} takes any map, so
 * that tests and embedding applications need not set real environment variables.
 *
 * @param endpoint        the Hub's base URL, without a trailing slash ({@code HF_ENDPOINT}, default {@value
 *                        #DEFAULT_ENDPOINT})
 * @param cache           the hub cache folder, holding {@code models--org--name} folders
 * @param token           the access token sent as {@code Authorization: Bearer}, or null for anonymous access
 * @param network         whether the Hub may be asked ({@code HF_HUB_OFFLINE})
 * @param downloadTimeout how long a download may go without receiving a byte before it is given up (and left to
 *                        resume); {@code HF_HUB_DOWNLOAD_TIMEOUT} in seconds, default 10
 */
public record HubSettings(URI endpoint, Path cache, String token, NetworkMode network, Duration downloadTimeout) {
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    /** huggingface_hub's default {@code HF_HUB_DOWNLOAD_TIMEOUT}. */
    public static final Duration DEFAULT_DOWNLOAD_TIMEOUT = Duration.ofSeconds(10);
    /** huggingface_hub's {@code ENV_VARS_TRUE_VALUES}, compared without case. */
    private static final Set<String> TRUE_VALUES = Set.of("1", "ON", "YES", "TRUE");

    public HubSettings {
        if (endpoint == null || cache == null || network == null || downloadTimeout == null) {
            throw new IllegalArgumentException("endpoint, cache, network and downloadTimeout are required");
        }
        if (downloadTimeout.isNegative() || downloadTimeout.isZero()) {
            throw new IllegalArgumentException("the download timeout must be positive, got " + downloadTimeout);
        }
        String base = endpoint.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        endpoint = URI.create(base);
        token = token == null || token.isBlank() ? null : token.strip();
    }

    /** Settings with the default download timeout. */
    public HubSettings(URI endpoint, Path cache, String token, NetworkMode network) {
        this(endpoint, cache, token, network, DEFAULT_DOWNLOAD_TIMEOUT);
    }

    /** The settings of this process's environment, in the user's home folder. */
    public static HubSettings fromEnvironment() {
        return from(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The settings {@code environment} gives, as huggingface_hub reads them:
     * <ul>
     *   <li>cache: {@code HF_HUB_CACHE}, else the older {@code HUGGINGFACE_HUB_CACHE}, else {@code $HF_HOME/hub},
     *       where {@code HF_HOME} defaults to {@code $XDG_CACHE_HOME/huggingface}, and that to
     *       {@code ~/.cache/huggingface};</li>
     *   <li>token: {@code HF_TOKEN}, else {@code HUGGING_FACE_HUB_TOKEN}, else the file {@code HF_TOKEN_PATH}, else
     *       {@code $HF_HOME/token} (which {@code hf auth login} writes);</li>
     *   <li>endpoint: {@code HF_ENDPOINT};</li>
     *   <li>offline: {@code HF_HUB_OFFLINE} or {@code TRANSFORMERS_OFFLINE} set to 1, ON, YES or TRUE;</li>
     *   <li>download timeout: {@code HF_HUB_DOWNLOAD_TIMEOUT}, in seconds.</li>
     * </ul>
     * A leading {@code ~} in a path stands for {@code home}.
     *
     * @throws FormatException          naming the token file when it exists but cannot be read
     * @throws IllegalArgumentException when HF_HUB_DOWNLOAD_TIMEOUT is not a positive number of seconds
     */
    public static HubSettings from(Map<String, String> environment, Path home) {
        Path xdgCache = path(environment, "XDG_CACHE_HOME", home, home.resolve(".cache"));
        Path hfHome = path(environment, "HF_HOME", home, xdgCache.resolve("huggingface"));
        Path cache = path(environment, "HF_HUB_CACHE", home,
                path(environment, "HUGGINGFACE_HUB_CACHE", home, hfHome.resolve("hub")));
        String token = firstSet(environment, "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN");
        if (token == null) {
            token = readToken(path(environment, "HF_TOKEN_PATH", home, hfHome.resolve("token")));
        }
        String endpoint = firstSet(environment, "HF_ENDPOINT");
        boolean offline = isTrue(environment.get("HF_HUB_OFFLINE")) || isTrue(environment.get("TRANSFORMERS_OFFLINE"));
        return new HubSettings(URI.create(endpoint == null ? DEFAULT_ENDPOINT : endpoint), cache, token,
                offline ? NetworkMode.OFFLINE : NetworkMode.ONLINE, seconds(environment, "HF_HUB_DOWNLOAD_TIMEOUT"));
    }

    public HubSettings withEndpoint(URI newEndpoint) {
        return new HubSettings(newEndpoint, cache, token, network, downloadTimeout);
    }

    public HubSettings withCache(Path newCache) {
        return new HubSettings(endpoint, newCache, token, network, downloadTimeout);
    }

    /** These settings with {@code newToken} (null for anonymous access). */
    public HubSettings withToken(String newToken) {
        return new HubSettings(endpoint, cache, newToken, network, downloadTimeout);
    }

    public HubSettings withNetwork(NetworkMode newNetwork) {
        return new HubSettings(endpoint, cache, token, newNetwork, downloadTimeout);
    }

    public HubSettings withDownloadTimeout(Duration newDownloadTimeout) {
        return new HubSettings(endpoint, cache, token, network, newDownloadTimeout);
    }

    /** The settings with the token left out, so that they can be logged. */
    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", cache=" + cache + ", token=" + (token == null ? "none" : "set")
                + ", network=" + network + ", downloadTimeout=" + downloadTimeout + "]";
    }

    private static Path path(Map<String, String> environment, String name, Path home, Path fallback) {
        String value = firstSet(environment, name);
        if (value == null) return fallback;
        if (value.equals("~")) return home;
        if (value.startsWith("~/")) return home.resolve(value.substring(2));
        return Path.of(value);
    }

    /** The value of the first of {@code names} set to something other than blanks, or null. */
    private static String firstSet(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) return value.strip();
        }
        return null;
    }

    /** A duration given in (possibly fractional) seconds, or the default when the variable is not set. */
    private static Duration seconds(Map<String, String> environment, String name) {
        String value = firstSet(environment, name);
        if (value == null) return DEFAULT_DOWNLOAD_TIMEOUT;
        try {
            double seconds = Double.parseDouble(value);
            if (seconds > 0 && seconds < 1e9) return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive number of seconds, got '" + value + "'");
    }

    private static boolean isTrue(String value) {
        return value != null && TRUE_VALUES.contains(value.strip().toUpperCase(Locale.ROOT));
    }

    /** The token a file holds (line breaks and surrounding blanks removed), or null when there is none. */
    private static String readToken(Path file) {
        try {
            String token = Files.readString(file).replace("\r", "").replace("\n", "").strip();
            return token.isEmpty() ? null : token;
        } catch (NoSuchFileException absent) {
            return null;
        } catch (IOException e) {
            throw new FormatException(file, null, "cannot read this Hugging Face token file: " + e.getMessage(), e);
        }
    }
}
