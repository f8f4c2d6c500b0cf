package dev.rein.spark;

import dev.rein.formats.FormatException;
import dev.rein.models.ModelReference;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;

/**
 * A model as each executor finds it, shipped with the job instead of the model itself: what {@code rein --model}
 * takes ({@code default}, a folder, a .gguf or llama2.c file on storage every executor sees), or the name of a file or
 * unpacked archive that {@code spark-submit --files}/{@code --archives} sent to the executors ({@link SparkFiles}).
 *
 * @param reference the model as the user named it
 */
public record ModelRef(String reference) implements Serializable {

    public ModelRef {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("a model reference must not be empty");
        }
    }

    /** The embedded default model, which every executor has in Rein's jar. */
    public static ModelRef embeddedDefault() {
        return new ModelRef(ModelReference.DEFAULT);
    }

    /**
     * The local path of the model on this JVM: the reference as {@link ModelReference} resolves it, or, when that
     * names nothing here, the file Spark sent under that name.
     *
     * @throws FormatException when it names nothing here nor among Spark's files
     */
    public Path resolve() throws IOException {
        try {
            return ModelReference.parse(reference).resolve();
        } catch (FormatException e) {
            Path shipped = shipped(reference);
            if (shipped != null) {
                return shipped;
            }
            throw e;
        }
    }

    /**
     * The file or folder spark-submit shipped under {@code name} ({@code --files}/{@code --archives}), or null outside
     * a Spark job, for a name with a folder in it, or when there is none.
     */
    static Path shipped(String name) {
        if (name.contains("/")) {
            return null;
        }
        try {
            Path path = Path.of(SparkFiles.get(name));
            return Files.exists(path) ? path : null;
        } catch (RuntimeException e) {                       // no SparkEnv in this JVM: not inside a job
            return null;
        }
    }

    @Override
    public String toString() {
        return reference;
    }
}
