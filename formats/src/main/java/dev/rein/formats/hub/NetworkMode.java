package dev.rein.formats.hub;

/** Whether the Hub may be asked, or only the cache read ({@code HF_HUB_OFFLINE=1}). */
public enum NetworkMode {
    /** Ask the Hub which commit a revision names and download the files the cache lacks. */
    ONLINE,
    /** Use the cache alone: resolve a revision through {@code refs/} and never open a connection. */
    OFFLINE
}
