package dev.rein.formats;

import dev.rein.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;

/**
 * Named weight tensors in Hugging Face's naming, whatever file format holds them: a safetensors checkpoint, a
 * llama2.c file converted on load, or tensors made in memory. The transformer loader reads only this interface, so
 * every format yields the same model.
 */
public interface WeightSource {

    /** The file or folder the tensors come from, named in error messages. */
    Path path();

    /** Every tensor name, sorted. */
    List<String> names();

    boolean contains(String name);

    /** Tensor {@code name} in its stored dtype; a {@link FormatException} when there is none of that name. */
    Tensor tensor(String name);
}
