package dev.rein.formats.hub;

import java.net.URI;

/**
 * What the Hub's {@code HEAD /{id}/resolve/{commit}/{file}} says of a file, as huggingface_hub's
 * {@code get_hf_file_metadata} reads it.
 *
 * @param etag     the content's name in the cache: {@code X-Linked-Etag} (the sha256 of an LFS file) or else
 *                 {@code ETag} (the git blob sha1), without quotes or {@code W/}
 * @param size     the content's length in bytes: {@code X-Linked-Size}, or {@code Content-Length} when not redirected
 * @param location where to download it: the {@code Location} of an LFS redirect (a CDN), else the resolve URL
 */
record FileMetadata(String etag, long size, URI location) {
    /** A header's ETag without the weak marker and quotes, as huggingface_hub's {@code _normalize_etag}. */
    static String normalizeEtag(String etag) {
        String tag = etag.strip();
        if (tag.startsWith("W/")) tag = tag.substring(2);
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) tag = tag.substring(1, tag.length() - 1);
        return tag;
    }

    /** Whether {@link #etag} is a sha256 (64 lowercase hex digits), as the Hub gives LFS files: then it is checked. */
    boolean etagIsSha256() {
        return Sha256.isSha256(etag);
    }
}
