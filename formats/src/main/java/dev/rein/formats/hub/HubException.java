package dev.rein.formats.hub;

import dev.rein.formats.FormatException;

/**
 * A Hub repository that cannot give Rein a model: not found, refused (a gated or private repository without a
 * token), not cached while offline, without safetensors weights, or a download that failed or did not match its
 * checksum. The one-line message names the repository and revision, the file when one is at fault, and what was
 * expected, as {@code org/name@main: model.safetensors: ...}; the CLI prints it as a user error.
 */
public final class HubException extends FormatException {
    private final HubRepo repo;
    private final String repoFile;

    /**
     * @param repo     the repository at fault
     * @param repoFile the file in the repository at fault, or null when the whole repository is
     * @param problem  what happened and what to do about it
     */
    public HubException(HubRepo repo, String repoFile, String problem) {
        this(repo, repoFile, problem, null);
    }

    public HubException(HubRepo repo, String repoFile, String problem, Throwable cause) {
        super(null, null, repo + ": " + (repoFile == null ? "" : repoFile + ": ") + problem, cause);
        this.repo = repo;
        this.repoFile = repoFile;
    }

    public HubRepo repo() {
        return repo;
    }

    /** The file in the repository at fault (e.g. {@code model.safetensors}), or null. */
    public String repoFile() {
        return repoFile;
    }
}
