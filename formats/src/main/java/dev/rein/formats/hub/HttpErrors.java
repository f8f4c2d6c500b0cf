package dev.rein.formats.hub;

import java.net.http.HttpResponse;

/**
 * Turns the Hub's HTTP errors into one-line {@link HubException}s that say what to do: a token for a private or
 * gated repository (401, 403), the repository, revision or file that does not exist (404, told apart by the Hub's
 * {@code X-Error-Code} header), and the Hub's own {@code X-Error-Message} where it sends one.
 */
final class HttpErrors {
    private HttpErrors() {
    }

    /**
     * The error an HTTP status of 400 or more means for {@code repo} ({@code repoFile}: the file asked for, or null
     * for the repository's info).
     */
    static HubException of(HubRepo repo, String repoFile, HttpResponse<?> response, HubSettings settings) {
        int status = response.statusCode();
        String code = response.headers().firstValue("X-Error-Code").orElse("");
        String serverMessage = response.headers().firstValue("X-Error-Message").map(m -> " (the Hub says: " + m + ")")
                .orElse("");
        String page = settings.endpoint() + "/" + repo.id();
        String noToken = "the repository is private or gated, or does not exist; set HF_TOKEN (or log in with `hf auth"
                + " login`) and, for a gated model, accept its licence at " + page;
        String problem = switch (status) {
            case 401 -> settings.token() == null
                    ? "HTTP 401: the Hub refused access without a token: " + noToken
                    : "HTTP 401: the Hub refused the token from HF_TOKEN or the token file: it is invalid or expired,"
                    + " or the repository does not exist";
            case 403 -> code.equals("GatedRepo")
                    ? "HTTP 403: the licence of this gated model is not accepted for the token's account; accept it at "
                    + page
                    : settings.token() == null
                    ? "HTTP 403: the Hub refused access without a token: " + noToken
                    : "HTTP 403: the token from HF_TOKEN or the token file may not read this repository";
            case 404 -> switch (code) {
                case "RevisionNotFound" -> "HTTP 404: the repository has no revision '" + repo.revision() + "'";
                case "EntryNotFound" -> "HTTP 404: the revision has no such file";
                default -> repoFile == null
                        ? "HTTP 404: no such repository on " + settings.endpoint() + " (or no revision '"
                        + repo.revision() + "')"
                        : "HTTP 404: not found at this revision";
            };
            case 429 -> "HTTP 429: too many requests; wait a while and run again (a token in HF_TOKEN raises the"
                    + " limit)";
            default -> "HTTP " + status + " from " + response.uri();
        };
        return new HubException(repo, repoFile, problem + serverMessage);
    }
}
