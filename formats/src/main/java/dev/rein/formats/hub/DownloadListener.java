package dev.rein.formats.hub;

/**
 * Hears how the downloads of a {@link ModelDownloader} advance, so that the download code stays independent of how
 * progress is shown: {@link #console()} draws a progress bar on stderr, {@link #SILENT} shows nothing (tests, and
 * applications without a terminal).
 */
public interface DownloadListener {
    /** Shows nothing. */
    DownloadListener SILENT = (repo, file, totalBytes, doneBytes) -> FileProgress.NONE;

    /**
     * A file's download starts.
     *
     * @param repo       the repository, at the revision asked for
     * @param file       the file's path in the repository, e.g. {@code model.safetensors}
     * @param totalBytes the file's length in bytes
     * @param doneBytes  the bytes already on disk from an interrupted download, which is resumed (0 when fresh)
     * @return what hears this file's progress until it is closed
     */
    FileProgress started(HubRepo repo, String file, long totalBytes, long doneBytes);

    /** A progress bar per file on stderr when stderr is a terminal; otherwise one line per file. */
    static DownloadListener console() {
        return new ConsoleProgress();
    }

    /** The progress of one file's download, closed when the download ends, complete or not. */
    interface FileProgress extends AutoCloseable {
        /** Hears nothing. */
        FileProgress NONE = new FileProgress() {
            @Override
            public void advanced(long bytes) {
            }

            @Override
            public void close() {
            }
        };

        /** {@code bytes} more bytes arrived. */
        void advanced(long bytes);

        @Override
        void close();
    }
}
