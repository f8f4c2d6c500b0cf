package dev.rein.formats.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Hub's {@code GET /api/models/{id}/revision/{revision}} says of a repository: the commit the revision
 * names and the files it holds.
 *
 * @param commit the 40-hex commit sha ({@code sha})
 * @param files  every file's path in the repository ({@code siblings[].rfilename}), e.g. {@code config.json}
 */
record RepoListing(String commit, List<String> files) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    RepoListing {
        files = List.copyOf(files);
    }

    /** Reads the API's JSON answer about {@code repo}. */
    static RepoListing parse(HubRepo repo, byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) { // from bytes in memory, only Jackson's parse errors
            throw unexpected(repo, "not JSON (" + e.getMessage() + ")", e);
        }
        JsonNode sha = root == null ? null : root.get("sha");
        if (sha == null || !sha.isTextual() || !HubRepo.isCommit(sha.textValue())) {
            throw unexpected(repo, "no 40-hex commit sha in \"sha\"", null);
        }
        JsonNode siblings = root.get("siblings");
        if (siblings == null || !siblings.isArray()) {
            throw unexpected(repo, "no \"siblings\" list of files", null);
        }
        List<String> files = new ArrayList<>();
        for (JsonNode sibling : siblings) {
            JsonNode name = sibling.get("rfilename");
            if (name == null || !name.isTextual()) {
                throw unexpected(repo, "a sibling without a file name in \"rfilename\"", null);
            }
            files.add(name.textValue());
        }
        return new RepoListing(sha.textValue(), files);
    }

    private static HubException unexpected(HubRepo repo, String problem, Throwable cause) {
        return new HubException(repo, null, "the Hub's repository info holds " + problem
                + "; is HF_ENDPOINT a Hugging Face Hub?", cause);
    }
}
