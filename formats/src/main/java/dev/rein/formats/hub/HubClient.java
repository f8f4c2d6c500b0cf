package dev.rein.formats.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The three calls to the Hub that a download makes, over the JDK's {@link HttpClient}, as huggingface_hub makes
 * them: the repository's info ({@code GET /api/models/{id}/revision/{revision}}), a file's metadata
 * ({@code HEAD /{id}/resolve/{commit}/{file}}, following only relative redirects, as a renamed repository gives,
 * so that an LFS file's redirect to its CDN is read rather than followed) and its content (a {@code GET}, from a byte
 * offset to resume). The token goes only to the endpoint's host, never to a CDN a redirect leads to.
 */
final class HubClient {
    /** How long to wait for a connection and for a response's headers; a body may take as long as it takes. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REDIRECTS = 10;
    /** What an ETag must look like to name a file in the cache (hex digests; nothing that could leave blobs/). */
    private static final Pattern SAFE_ETAG = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final String USER_AGENT = "rein (java " + Runtime.version().feature() + ")";

    /** Which redirects a request follows. */
    private enum Redirects { ALL, RELATIVE }

    private final HubSettings settings;
    private final HttpClient http;

    HubClient(HubSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER) // followed here, to keep the token off other hosts
                .connectTimeout(TIMEOUT)
                .build();
    }

    /** How long a download may go without a byte ({@link HubSettings#downloadTimeout}). */
    Duration downloadTimeout() {
        return settings.downloadTimeout();
    }

    /**
     * The commit {@code repo}'s revision names and its files.
     *
     * @throws HubException for an HTTP error the repository causes (401, 403, 404, ...)
     * @throws IOException  when the Hub cannot be reached or fails (HTTP 5xx), so that the cache may serve instead
     */
    RepoListing listing(HubRepo repo) throws IOException {
        URI uri = URI.create(settings.endpoint() + "/api/models/" + repo.id() + "/revision/" + encode(repo.revision()));
        HttpResponse<byte[]> response = send("GET", uri, Map.of(), Redirects.ALL,
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 500) {
            throw new IOException("HTTP " + response.statusCode() + " from " + response.uri());
        }
        requireSuccess(repo, null, response);
        return RepoListing.parse(repo, response.body());
    }

    /** The metadata of {@code file} at {@code commit} of {@code repo}. */
    FileMetadata metadata(HubRepo repo, String commit, String file) throws IOException {
        URI uri = URI.create(settings.endpoint() + "/" + repo.id() + "/resolve/" + commit + "/" + encodePath(file));
        HttpResponse<Void> response = send("HEAD", uri, Map.of(), Redirects.RELATIVE,
                HttpResponse.BodyHandlers.discarding());
        requireSuccess(repo, file, response);
        HttpHeaders headers = response.headers();
        boolean redirected = isRedirect(response.statusCode());
        String etag = headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag"))
                .map(FileMetadata::normalizeEtag).orElse(null);
        if (etag == null || !SAFE_ETAG.matcher(etag).matches()) {
            throw new HubException(repo, file, "the Hub sent " + (etag == null ? "no ETag" : "the ETag '" + etag
                    + "', which cannot name a cached file") + "; is HF_ENDPOINT a Hugging Face Hub?");
        }
        Optional<String> size = headers.firstValue("X-Linked-Size")
                .or(() -> redirected ? Optional.empty() : headers.firstValue("Content-Length"));
        long bytes = size.map(HubClient::parseSize).orElse(-1L);
        if (bytes < 0) {
            throw new HubException(repo, file, "the Hub sent no size (X-Linked-Size or Content-Length)"
                    + size.map(s -> " but '" + s + "'").orElse("") + "; is HF_ENDPOINT a Hugging Face Hub?");
        }
        URI location = redirected ? response.uri().resolve(headers.firstValue("Location").orElseThrow())
                : response.uri();
        return new FileMetadata(etag, bytes, location);
    }

    /**
     * Starts downloading {@code location} from byte {@code offset} on (a {@code Range} request when it is not 0).
     * The answer is 206 when the server resumes, 200 when it sends the whole content again.
     *
     * @throws HubException for an HTTP error
     */
    HttpResponse<InputStream> download(HubRepo repo, String file, URI location, long offset) throws IOException {
        Map<String, String> range = offset > 0 ? Map.of("Range", "bytes=" + offset + "-") : Map.of();
        HttpResponse<InputStream> response = send("GET", location, range, Redirects.ALL,
                HttpResponse.BodyHandlers.ofInputStream());
        requireSuccess(repo, file, response);
        return response;
    }

    /**
     * Sends a body-less request, following redirects as {@code redirects} says; the token goes only to the
     * endpoint's host. The bodies of redirects and errors are discarded (null in the response returned).
     */
    private <T> HttpResponse<T> send(String method, URI first, Map<String, String> headers, Redirects redirects,
            HttpResponse.BodyHandler<T> body) throws IOException {
        HttpResponse.BodyHandler<T> successBody = info -> info.statusCode() / 100 == 2
                ? body.apply(info)
                : HttpResponse.BodySubscribers.replacing(null);
        URI uri = first;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .timeout(TIMEOUT)
                    .header("User-Agent", USER_AGENT);
            headers.forEach(request::header);
            if (settings.token() != null && sameHost(uri, settings.endpoint())) {
                request.header("Authorization", "Bearer " + settings.token());
            }
            HttpResponse<T> response;
            try {
                response = http.send(request.build(), successBody);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while asking " + uri);
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (!isRedirect(response.statusCode()) || location.isEmpty() || hop >= MAX_REDIRECTS
                    || (redirects == Redirects.RELATIVE && URI.create(location.get()).getHost() != null)) {
                return response;
            }
            uri = uri.resolve(location.get());
        }
    }

    private void requireSuccess(HubRepo repo, String file, HttpResponse<?> response) {
        if (response.statusCode() >= 400) {
            throw HttpErrors.of(repo, file, response, settings);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameHost(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    /** A byte count from a header, or -1 when it is not one. */
    private static long parseSize(String value) {
        try {
            long size = Long.parseLong(value.strip());
            return size >= 0 ? size : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One URL path segment, as Python's {@code quote(text, safe="")} gives it (a revision such as refs/pr/1). */
    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A file's path in the repository, each segment encoded and the slashes kept. */
    private static String encodePath(String path) {
        return String.join("/", Arrays.stream(path.split("/", -1)).map(HubClient::encode).toList());
    }
}
