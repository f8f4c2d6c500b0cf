package dev.rein.architecture;

import java.util.List;

/**
 * One module of Rein as the dependency rules see it.
 *
 * @param folder     its folder in the repository, which names its layer in the rules
 * @param artifactId its Maven artifact
 * @param pkg        its package below the root ({@code dev.rein}), or null for a module without main code; a module
 *                   whose package lies inside another's ({@code tensor.tornado} in {@code tensor}) owns that part
 * @param uses       the modules it may depend on; it may also depend on whatever those may
 */
record ReinModule(String folder, String artifactId, String pkg, List<String> uses) {

    /** Whether the module has classes of its own to check. */
    boolean hasCode() {
        return pkg != null;
    }
}
