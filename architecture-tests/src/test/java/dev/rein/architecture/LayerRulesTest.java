package dev.rein.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules fail where they should: on made-up classes under {@code dev.rein.architecture.fixture.*} laid out like
 * Rein's modules (a tensor class using a models class, a package cycle, a class in no module), and on poms that
 * declare forbidden dependencies.
 */
class LayerRulesTest {
    private static final String FIXTURES = "dev.rein.architecture.fixture.";

    @Test
    void dependenciesDownTheLayersPass() {
        String root = FIXTURES + "downward";
        JavaClasses classes = classesUnder(root);
        assertEquals(3, classes.size());
        assertFalse(LayerRules.layering(root).evaluate(classes).hasViolation());
        assertFalse(LayerRules.noPackageCycles(root).evaluate(classes).hasViolation());
    }

    @Test
    void aLowerModuleUsingAHigherOneFails() {
        String root = FIXTURES + "upward";
        EvaluationResult result = LayerRules.layering(root).evaluate(classesUnder(root));
        assertTrue(result.hasViolation());
        String report = result.getFailureReport().toString();
        assertTrue(report.contains("upward.tensor.Low"), report);
    }

    @Test
    void aPackageCycleFails() {
        String root = FIXTURES + "cycle";
        JavaClasses classes = classesUnder(root);
        assertFalse(LayerRules.layering(root).evaluate(classes).hasViolation());   // both lie in models
        assertTrue(LayerRules.noPackageCycles(root).evaluate(classes).hasViolation());
    }

    @Test
    void aClassInNoModuleFails() {
        String root = FIXTURES + "stray";
        assertTrue(LayerRules.layering(root).evaluate(classesUnder(root)).hasViolation());
    }

    @Test
    void aClassOutsideThePackagesOfTheModuleThatBuiltItFails() {
        // the fixtures are built by architecture-tests, which owns no package
        assertTrue(LayerRules.classesInTheirModulesPackages("dev.rein")
                .evaluate(classesUnder(FIXTURES + "downward")).hasViolation());
        assertFalse(LayerRules.classesInTheirModulesPackages("dev.rein")
                .evaluate(new ClassFileImporter().importClasses(Tensor.class)).hasViolation());
    }

    @Test
    void aPomDependencyOnAHigherModuleFails() throws IOException {
        String pom = """
                <project>
                  <dependencies>
                    <dependency><groupId>dev.rein</groupId><artifactId>rein-formats</artifactId></dependency>
                  </dependencies>
                  <profiles><profile><dependencies>
                    <dependency><groupId>dev.rein</groupId><artifactId>rein-models</artifactId></dependency>
                    <dependency><groupId>dev.rein</groupId><artifactId>rein-tools</artifactId></dependency>
                  </dependencies></profile></profiles>
                </project>
                """;
        assertEquals(List.of("text may not depend on models", "text depends on rein-tools, which is no module of Rein"),
                PomRules.violations(ModuleRules.named("text"), PomRules.parse(pom)));
        assertEquals(List.of("cli depends on rein-tools, which is no module of Rein"),
                PomRules.violations(ModuleRules.named("cli"), PomRules.parse(pom)));
    }

    @Test
    void managedAndPluginDependenciesAreNotTheModulesOwn() throws IOException {
        String pom = """
                <project>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>dev.rein</groupId><artifactId>rein-cli</artifactId></dependency>
                  </dependencies></dependencyManagement>
                  <build><plugins><plugin><dependencies>
                    <dependency><groupId>dev.rein</groupId><artifactId>rein-steering</artifactId></dependency>
                  </dependencies></plugin></plugins></build>
                </project>
                """;
        assertEquals(List.of(), PomRules.violations(ModuleRules.named("tensor"), PomRules.parse(pom)));
    }

    @Test
    void aModuleMayUseWhatItsLowerModulesMay() {
        List<String> allowed = ModuleRules.allowed(ModuleRules.named("models")).stream()
                .map(ReinModule::folder).toList();
        assertEquals(List.of("autograd", "text", "tensor", "formats"), allowed);
        assertEquals("tensor-tornado", ModuleRules.owner("dev.rein", "dev.rein.tensor.tornado").orElseThrow().folder());
        assertEquals("tensor", ModuleRules.owner("dev.rein", "dev.rein.tensor.cpu").orElseThrow().folder());
    }

    private static JavaClasses classesUnder(String root) {
        return new ClassFileImporter().importPackages(root);
    }
}
