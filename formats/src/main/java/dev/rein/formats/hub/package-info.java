/**
 * Models by Hugging Face Hub id: {@link dev.rein.formats.hub.ModelDownloader} fetches the files a model needs
 * from a Hub repository ({@link dev.rein.formats.hub.HubRepo}) into the cache layout that huggingface_hub and the
 * Python tools share ({@code models--org--name/blobs}, {@code snapshots/<commit>}, {@code refs/<revision>}), with
 * resumable, checksummed downloads, and returns the snapshot folder to load. {@link
 * dev.rein.formats.hub.HubSettings} reads the environment variables those tools read (HF_ENDPOINT, HF_HOME,
 * HF_HUB_CACHE, HF_TOKEN, HF_HUB_OFFLINE). Every failure a user can cause is a {@link
 * dev.rein.formats.hub.HubException} naming the repository, the revision and the file.
 */
package dev.rein.formats.hub;
