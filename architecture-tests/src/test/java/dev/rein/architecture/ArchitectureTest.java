package dev.rein.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rein's classes and poms keep the module rules of docs/architecture.md ({@link ModuleRules}). */
class ArchitectureTest {
    private static final String ROOT = "dev.rein";
    /** The main classes of every module on this module's class path (the reactor's target/classes or the jars). */
    private static final JavaClasses REIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    /** The repository: this module's folder is one of its modules. */
    private static final Path REPOSITORY = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();

    @Test
    void everyModuleWithCodeIsChecked() {
        for (ReinModule module : ModuleRules.MODULES) {
            boolean imported = REIN.stream()
                    .anyMatch(c -> ModuleRules.owner(ROOT, c.getPackageName()).filter(module::equals).isPresent());
            boolean optional = !module.hasCode() || module.folder().equals("tensor-tornado");
            assertTrue(imported || optional, "no class of " + module.folder() + " was imported");
        }
    }

    @Test
    void modulesDependOnlyOnTheModulesTheyMayUse() {
        LayerRules.layering(ROOT).check(REIN);
    }

    @Test
    void packagesHaveNoCycles() {
        LayerRules.noPackageCycles(ROOT).check(REIN);
    }

    @Test
    void classesLieInTheirModulesPackages() {
        LayerRules.classesInTheirModulesPackages(ROOT).check(REIN);
    }

    @Test
    void theRulesNameEveryModuleOfTheBuild() throws IOException {
        List<String> built = PomRules.modules(PomRules.read(REPOSITORY.resolve("pom.xml")));
        List<String> named = ModuleRules.MODULES.stream().map(ReinModule::folder).toList();
        assertEquals(named.stream().sorted().toList(), built.stream().sorted().toList(),
                "ModuleRules.MODULES and the parent pom's modules differ");
    }

    @Test
    void pomsDeclareOnlyDependenciesTheRulesAllow() throws IOException {
        List<String> violations = new ArrayList<>();
        for (ReinModule module : ModuleRules.MODULES) {
            violations.addAll(PomRules.violations(module,
                    PomRules.read(REPOSITORY.resolve(module.folder()).resolve("pom.xml"))));
        }
        assertEquals(List.of(), violations);
    }
}
