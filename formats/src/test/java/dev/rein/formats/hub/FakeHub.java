package dev.rein.formats.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Hugging Face Hub on 127.0.0.1 for tests, serving one repository's files from a folder the way huggingface.co
 * does: {@code GET /api/models/{id}/revision/{revision}} (sha and siblings), {@code HEAD}/{@code GET
 * /{id}/resolve/{revision}/{file}} with {@code X-Repo-Commit}; small files are served directly with their git blob
 * sha1 as ETag, {@code *.safetensors} (LFS) files redirect to {@code /lfs/{sha256}} with {@code X-Linked-Etag} (the
 * sha256) and {@code X-Linked-Size}; ranges are honoured. Errors carry the Hub's {@code X-Error-Code}. It can require a
 * token (a gated repository), cut LFS downloads short, stall them, or corrupt them; it records every request.
 */
public final class FakeHub implements AutoCloseable {
    /** One request as the server saw it; {@code range} and {@code authorization} are null when absent. */
    public record Request(String method, String path, String range, String authorization) {
    }

    private final String repoId;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> commits = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile String requiredToken;
    private volatile long cutAfterBytes;
    private final AtomicInteger cutsLeft = new AtomicInteger();
    private final AtomicInteger corruptionsLeft = new AtomicInteger();
    private final AtomicInteger stallsLeft = new AtomicInteger();

    private FakeHub(String repoId, Path folder) throws IOException {
        this.repoId = repoId;
        try (Stream<Path> listing = Files.list(folder)) {
            for (Path file : listing.sorted().toList()) {
                if (Files.isRegularFile(file)) files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        commits.put("main", sha1Hex(("commit main of " + repoId).getBytes(StandardCharsets.UTF_8)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves the files of {@code folder} as the repository {@code repoId}, with a branch {@code main}. */
    public static FakeHub serving(String repoId, Path folder) throws IOException {
        return new FakeHub(repoId, folder);
    }

    /** The URL to give as HF_ENDPOINT. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds a branch or tag {@code revision} naming a commit of its own, with the same files; returns the commit. */
    public String addRevision(String revision) {
        String commit = sha1Hex(("commit " + revision + " of " + repoId).getBytes(StandardCharsets.UTF_8));
        commits.put(revision, commit);
        return commit;
    }

    /** The commit sha of a branch or tag. */
    public String commit(String revision) {
        return commits.get(revision);
    }

    /** Adds a file to the repository (a decoy the client must not download, or a file it must). */
    public FakeHub withFile(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    /** Makes the repository gated: every API and resolve request needs {@code Authorization: Bearer token}. */
    public FakeHub requireToken(String token) {
        this.requiredToken = token;
        return this;
    }

    /** Cuts the connection of the next {@code times} LFS downloads after {@code bytes} bytes of their body. */
    public FakeHub cutDownloads(long bytes, int times) {
        this.cutAfterBytes = bytes;
        cutsLeft.set(times);
        return this;
    }

    /** Stops sending the next {@code times} LFS downloads after {@code bytes} bytes, keeping the connection open. */
    public FakeHub stallDownloads(long bytes, int times) {
        this.cutAfterBytes = bytes;
        stallsLeft.set(times);
        return this;
    }

    /** Serves the next {@code times} LFS downloads with one byte changed, still naming them by the right sha256. */
    public FakeHub corruptDownloads(int times) {
        corruptionsLeft.set(times);
        return this;
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests so far whose method and path prefix match. */
    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** The ETag the Hub gives a file: the sha256 of an LFS file, else its git blob sha1. */
    public String etag(String file) {
        byte[] content = files.get(file);
        return isLfs(file) ? sha256Hex(content) : gitBlobSha1(content);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new Request(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Range"),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            List<String> parts = Arrays.stream(path.substring(1).split("/"))
                    .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
            if (parts.size() == 2 && parts.get(0).equals("lfs")) {
                serveLfs(exchange, parts.get(1));
            } else if (parts.size() >= 6 && parts.get(0).equals("api") && parts.get(1).equals("models")
                    && parts.get(4).equals("revision")) {
                serveInfo(exchange, parts.get(2) + "/" + parts.get(3), parts.get(5));
            } else if (parts.size() >= 5 && parts.get(2).equals("resolve")) {
                serveResolve(exchange, parts.get(0) + "/" + parts.get(1), parts.get(3),
                        String.join("/", parts.subList(4, parts.size())));
            } else {
                error(exchange, 404, null, "no such route");
            }
        }
    }

    private void serveInfo(HttpExchange exchange, String repo, String revision) throws IOException {
        String commit = checkAccess(exchange, repo, revision);
        if (commit == null) return;
        String siblings = files.keySet().stream().map(f -> "{\"rfilename\":\"" + f + "\"}")
                .collect(Collectors.joining(","));
        byte[] json = ("{\"id\":\"" + repoId + "\",\"sha\":\"" + commit + "\",\"siblings\":[" + siblings + "]}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, 200, json, 0);
    }

    private void serveResolve(HttpExchange exchange, String repo, String revision, String file) throws IOException {
        String commit = checkAccess(exchange, repo, revision);
        if (commit == null) return;
        exchange.getResponseHeaders().set("X-Repo-Commit", commit);
        byte[] content = files.get(file);
        if (content == null) {
            error(exchange, 404, "EntryNotFound", file + " does not exist at " + revision);
            return;
        }
        if (isLfs(file)) {
            exchange.getResponseHeaders().set("ETag", "\"" + gitBlobSha1(lfsPointer(content)) + "\"");
            exchange.getResponseHeaders().set("X-Linked-Etag", "\"" + sha256Hex(content) + "\"");
            exchange.getResponseHeaders().set("X-Linked-Size", Long.toString(content.length));
            exchange.getResponseHeaders().set("Location", endpoint() + "/lfs/" + sha256Hex(content));
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        exchange.getResponseHeaders().set("ETag", "\"" + gitBlobSha1(content) + "\"");
        serveContent(exchange, content);
    }

    private void serveLfs(HttpExchange exchange, String sha256) throws IOException {
        byte[] content = files.entrySet().stream().filter(e -> isLfs(e.getKey()))
                .filter(e -> sha256Hex(e.getValue()).equals(sha256)).map(Map.Entry::getValue).findFirst().orElse(null);
        if (content == null) {
            error(exchange, 404, null, "no such object");
            return;
        }
        if (corruptionsLeft.getAndDecrement() > 0) {
            content = content.clone();
            content[content.length / 2] ^= 0x5A;
        }
        serveContent(exchange, content);
    }

    /** Sends {@code content}, or the part a {@code Range: bytes=N-} header asks for; HEAD sends only headers. */
    private void serveContent(HttpExchange exchange, byte[] content) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        int start = 0;
        int status = 200;
        if (range != null && range.matches("bytes=\\d+-")) {
            start = Integer.parseInt(range.substring(6, range.length() - 1));
            if (start >= content.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                send(exchange, 416, new byte[0], 0);
                return;
            }
            status = 206;
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        send(exchange, status, Arrays.copyOfRange(content, start, content.length), start);
    }

    private void send(HttpExchange exchange, int status, byte[] body, int offset) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        boolean lfs = exchange.getRequestURI().getPath().startsWith("/lfs/");
        boolean cut = lfs && cutsLeft.getAndDecrement() > 0;
        boolean stall = lfs && !cut && stallsLeft.getAndDecrement() > 0;
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        OutputStream out = exchange.getResponseBody();
        if (cut || stall) {
            out.write(body, 0, (int) Math.min(cutAfterBytes, body.length));
            out.flush();
            if (stall) {
                try {
                    Thread.sleep(60_000); // until the client gives up, or close() interrupts
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // closing the exchange before the promised length makes the server drop the connection
            return;
        }
        out.write(body);
    }

    /** The commit {@code revision} names, or null after sending the error (a missing token, repo or revision). */
    private String checkAccess(HttpExchange exchange, String repo, String revision) throws IOException {
        String token = requiredToken;
        if (token != null) {
            String given = exchange.getRequestHeaders().getFirst("Authorization");
            if (given == null) {
                error(exchange, 401, null, "Access to model " + repo + " is restricted. You must be authenticated.");
                return null;
            }
            if (!given.equals("Bearer " + token)) {
                error(exchange, 403, "GatedRepo", "Access to model " + repo + " is restricted.");
                return null;
            }
        }
        if (!repo.equals(repoId)) {
            error(exchange, 404, "RepoNotFound", "Repository not found");
            return null;
        }
        if (commits.containsValue(revision)) return revision;
        String commit = commits.get(revision);
        if (commit == null) {
            error(exchange, 404, "RevisionNotFound", "Invalid rev id: " + revision);
        }
        return commit;
    }

    private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        if (code != null) exchange.getResponseHeaders().set("X-Error-Code", code);
        exchange.getResponseHeaders().set("X-Error-Message", message);
        send(exchange, status, message.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static boolean isLfs(String file) {
        return file.endsWith(".safetensors") || file.endsWith(".bin");
    }

    /** The small text file git keeps in place of an LFS file. */
    private static byte[] lfsPointer(byte[] content) {
        return ("version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256Hex(content) + "\nsize "
                + content.length + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** git's object id of a blob: sha1 of {@code "blob " + length + "\0" + content}. */
    public static String gitBlobSha1(byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] object = Arrays.copyOf(header, header.length + content.length);
        System.arraycopy(content, 0, object, header.length, content.length);
        return sha1Hex(object);
    }

    public static String sha256Hex(byte[] content) {
        return digest("SHA-256", content);
    }

    private static String sha1Hex(byte[] content) {
        return digest("SHA-1", content);
    }

    private static String digest(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of the repository's files. */
    public List<String> files() {
        return new ArrayList<>(files.keySet());
    }
}
