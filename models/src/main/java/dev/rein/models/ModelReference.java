package dev.rein.models;

import dev.rein.formats.FormatException;
import dev.rein.formats.hub.DownloadListener;
import dev.rein.formats.hub.HubRepo;
import dev.rein.formats.hub.HubSettings;
import dev.rein.formats.hub.ModelDownloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a user names a model by, as {@code --model} and {@link LanguageModel#load(String)} take it: {@code default}
 * (the model embedded in Rein's jar), a local folder, GGUF file or llama2.c file, or a Hugging Face Hub
 * repository {@code org/name[@revision]}. A path that exists wins over a Hub id of the same spelling, as in
 * transformers.
 */
public sealed interface ModelReference {
    /** The spelling of the embedded default model. */
    String DEFAULT = "default";

    /** A Hub repository id with an optional revision: {@code org/name} or {@code org/name@revision}. */
    Pattern HUB_ID = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)/([A-Za-z0-9][A-Za-z0-9._-]*)(?:@([^\\s@]+))?");

    /** Reads a reference: {@code default}, an existing path, or else a Hub id when it is spelled like one. */
    static ModelReference parse(String text) {
        if (text == null || text.isBlank() || text.equals(DEFAULT)) {
            return new Embedded();
        }
        Path path = Path.of(text);
        if (Files.exists(path)) {
            return new Local(path);
        }
        var hub = HUB_ID.matcher(text);
        if (hub.matches() && !text.startsWith(".")) {
            return new HubRepository(hub.group(1) + "/" + hub.group(2), hub.group(3));
        }
        return new Local(path);
    }

    /**
     * The local folder or file that holds the model, fetched or unpacked first where needed.
     *
     * @throws FormatException naming the reference when it cannot be found
     * @throws IOException     when a file cannot be read or written
     */
    Path resolve() throws IOException;

    /** The embedded default model ({@link DefaultModel}), unpacked to a temporary folder on first use. */
    record Embedded() implements ModelReference {
        @Override
        public Path resolve() throws IOException {
            return DefaultModel.unpacked();
        }

        @Override
        public String toString() {
            return DEFAULT;
        }
    }

    /** A model folder, GGUF file or llama2.c file on this machine. */
    record Local(Path path) implements ModelReference {
        @Override
        public Path resolve() {
            if (!Files.exists(path)) {
                throw new FormatException(path, null, "no such file or folder (a model is a folder, a .gguf file, a"
                        + " llama2.c .bin file, 'default' or a Hugging Face Hub id org/name[@revision])");
            }
            return path;
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /**
     * A Hugging Face Hub repository at a revision (a branch, tag or commit; null for the default branch), fetched
     * into the cache huggingface_hub shares with the Python tools (see {@link ModelDownloader} and docs/hub.md).
     */
    record HubRepository(String repoId, String revision) implements ModelReference {
        /**
         * Downloads what the cache lacks, with the settings of the environment (HF_ENDPOINT, HF_HOME,
         * HF_HUB_CACHE, HF_TOKEN, HF_HUB_OFFLINE) and a progress bar on stderr, and returns the snapshot folder.
         *
         * @throws dev.rein.formats.hub.HubException naming the repository, revision and file when it cannot be had
         */
        @Override
        public Path resolve() throws IOException {
            return resolve(HubSettings.fromEnvironment(), DownloadListener.console());
        }

        /** As {@link #resolve()}, with explicit settings and progress listener (tests, embedding applications). */
        public Path resolve(HubSettings settings, DownloadListener listener) throws IOException {
            return new ModelDownloader(settings, listener).fetch(repo());
        }

        /**
         * The repository at its revision ({@code main} when none was given).
         *
         * @throws IllegalArgumentException when the id or revision cannot name a Hub repository
         */
        public HubRepo repo() {
            return new HubRepo(repoId, revision);
        }

        @Override
        public String toString() {
            return revision == null ? repoId : repoId + "@" + revision;
        }
    }
}
