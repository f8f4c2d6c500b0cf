package dev.rein.formats.hub;

import java.util.regex.Pattern;

/**
 * A model repository on the Hugging Face Hub ({@code org/name}) at a revision: a branch, a tag or a 40-hex commit
 * sha ({@value #DEFAULT_REVISION} when none is given, as in huggingface_hub).
 *
 * @param id       {@code org/name}
 * @param revision the branch, tag or commit
 */
public record HubRepo(String id, String revision) {
    /** The revision of a reference that names none. */
    public static final String DEFAULT_REVISION = "main";

    /** The Hub's rule for repository ids (huggingface_hub's validate_repo_id), with the owner required. */
    private static final Pattern ID = Pattern.compile("[\\w.-]+/[\\w.-]+");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /** @throws IllegalArgumentException when the id or the revision cannot name a repository and a cache path */
    public HubRepo {
        if (id == null || !ID.matcher(id).matches() || id.contains("--") || id.contains("..") || id.length() > 96
                || id.endsWith(".git")) {
            throw new IllegalArgumentException("not a Hugging Face Hub repository id: " + id
                    + " (expected org/name of letters, digits, '-', '_' and '.')");
        }
        if (revision == null || revision.isEmpty()) {
            revision = DEFAULT_REVISION;
        }
        // branches such as refs/pr/1 hold slashes; a revision becomes a path under refs/, so it must stay inside
        for (String part : revision.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("\\")) {
                throw new IllegalArgumentException("not a revision of " + id + ": " + revision);
            }
        }
    }

    /** The default branch of {@code id}. */
    public static HubRepo of(String id) {
        return new HubRepo(id, DEFAULT_REVISION);
    }

    /** Whether {@code text} is a full commit sha (40 lowercase hex digits), which needs no resolving. */
    public static boolean isCommit(String text) {
        return COMMIT.matcher(text).matches();
    }

    /** Whether the revision is a full commit sha rather than a branch or tag. */
    public boolean revisionIsCommit() {
        return isCommit(revision);
    }

    /** The repository at {@code commit}, the revision files are downloaded at once it is resolved. */
    HubRepo at(String commit) {
        return new HubRepo(id, commit);
    }

    /** The cache folder name huggingface_hub gives the repository: {@code models--org--name}. */
    public String folderName() {
        return "models--" + id.replace("/", "--");
    }

    /** {@code org/name@revision}, as a user spells it. */
    @Override
    public String toString() {
        return id + "@" + revision;
    }
}
