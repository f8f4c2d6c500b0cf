package dev.rein.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import java.util.Optional;

/**
 * The ArchUnit rules Rein's classes keep, for the modules of {@link ModuleRules} with their packages under a root
 * ({@code dev.rein}; the tests of the rules themselves use a root of made-up classes).
 */
final class LayerRules {
    private LayerRules() {
    }

    /**
     * Every class lies in a module's packages and depends on the classes of its own module and of the modules that
     * module may use, nothing else of Rein's.
     */
    static ArchRule layering(String root) {
        List<ReinModule> coded = ModuleRules.MODULES.stream().filter(ReinModule::hasCode).toList();
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .withOptionalLayers(true);                                         // tensor-tornado: tornado profile
        for (ReinModule module : coded) {
            rule = rule.layer(module.folder()).definedBy(ownedBy(root, module));
        }
        for (ReinModule module : coded) {
            String[] allowed = ModuleRules.allowed(module).stream().filter(ReinModule::hasCode)
                    .map(ReinModule::folder).toArray(String[]::new);
            rule = allowed.length == 0
                    ? rule.whereLayer(module.folder()).mayNotAccessAnyLayer()
                    : rule.whereLayer(module.folder()).mayOnlyAccessLayers(allowed);
        }
        return rule;
    }

    /** No two packages under the root depend on each other, directly or through others. */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    /**
     * Each class lies in the packages of the module that built it (its folder's target/, or its installed artifact),
     * so that the package rules above are the module rules.
     */
    static ArchRule classesInTheirModulesPackages(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(new ArchCondition<>("lie in the packages of the module that built them") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        String location = javaClass.getSource().map(s -> s.getUri().toString()).orElse("");
                        Optional<ReinModule> builder = ModuleRules.MODULES.stream()
                                .filter(m -> location.contains("/" + m.folder() + "/target/")
                                        || location.contains("/" + m.artifactId() + "/"))
                                .findFirst();
                        Optional<ReinModule> owner = ModuleRules.owner(root, javaClass.getPackageName());
                        if (builder.isEmpty() || !builder.equals(owner)) {
                            events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " was built by "
                                    + builder.map(ReinModule::folder).orElse("no module of Rein (" + location + ")")
                                    + " but lies in the packages of "
                                    + owner.map(ReinModule::folder).orElse("no module")));
                        }
                    }
                });
    }

    private static DescribedPredicate<JavaClass> ownedBy(String root, ReinModule module) {
        return DescribedPredicate.describe("in the packages of " + module.folder(),
                c -> ModuleRules.owner(root, c.getPackageName()).filter(module::equals).isPresent());
    }
}
