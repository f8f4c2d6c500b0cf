package dev.rein.spark;

import java.io.Serializable;

/**
 * One partition's share of a state collection: a folder in RE-Control's collection format
 * ({@code dev.rein.steering.recontrol.StateCollection}: states.safetensors, responses.jsonl, collection.json) that
 * {@code rein recontrol} reads like any other.
 *
 * @param partition the partition it holds
 * @param folder    where it was written (absent when the partition had no row to collect)
 * @param responses responses collected
 * @param skipped   rows left out, each with its reason in collection.json
 */
public record StateShard(int partition, String folder, int responses, int skipped) implements Serializable {
}
