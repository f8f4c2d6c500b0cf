package dev.rein.steering.vector;

/**
 * How {@link ControlVectors#build} turns each layer's pair differences (positive's state minus negative's) into one
 * direction.
 */
public enum ContrastMethod {
    /** The mean of the differences, unnormalised: activation addition's contrast (its strength is in state units). */
    MEAN_DIFFERENCE("mean"),
    /**
     * The first principal component of the differences (centred, as scikit-learn's PCA), a unit vector signed so
     * that most positives project above their negatives: repeng's {@code pca_diff}.
     */
    PCA_OF_DIFFERENCES("pca");

    private final String id;

    ContrastMethod(String id) {
        this.id = id;
    }

    /** The name a user gives: {@code mean} or {@code pca}. */
    public String id() {
        return id;
    }

    /** The method named {@code id}; an unknown name lists the known ones. */
    public static ContrastMethod parse(String id) {
        for (ContrastMethod method : values()) {
            if (method.id.equals(id)) return method;
        }
        throw new IllegalArgumentException("unknown method '" + id + "'; expected mean or pca");
    }
}
