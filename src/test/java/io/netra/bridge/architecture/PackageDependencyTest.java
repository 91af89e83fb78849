package io.netra.bridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dependencies pointing one way: runtime → reconciliation → decisions (rollout, health,
 * validation) → rendering → model. The simulated cluster knows nothing of the operator.
 */
class PackageDependencyTest {
  private static final String ROOT = "io.netra.bridge";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void theModelDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".rendering..",
            ROOT + ".health..",
            ROOT + ".rollout..",
            ROOT + ".validation..",
            ROOT + ".reconciliation..",
            ROOT + ".runtime..",
            ROOT + ".simulation..")
        .check(classes);
  }

  @Test
  void renderingDependsOnlyOnTheModel() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".rendering..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".health..",
            ROOT + ".rollout..",
            ROOT + ".validation..",
            ROOT + ".reconciliation..",
            ROOT + ".runtime..",
            ROOT + ".simulation..")
        .check(classes);
  }

  @Test
  void decisionsNeverDependOnReconciliationRuntimeOrSimulation() {
    noClasses()
        .that()
        .resideInAnyPackage(ROOT + ".health..", ROOT + ".rollout..", ROOT + ".validation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".reconciliation..", ROOT + ".runtime..", ROOT + ".simulation..")
        .check(classes);
  }

  @Test
  void healthDoesNotDependOnTheRolloutDecision() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".health..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".rollout..")
        .check(classes);
  }

  @Test
  void reconciliationNeverDependsOnRuntimeOrSimulation() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".reconciliation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".runtime..", ROOT + ".simulation..")
        .check(classes);
  }

  @Test
  void theSimulatedClusterKnowsNothingOfTheOperator() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".simulation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".model..",
            ROOT + ".rendering..",
            ROOT + ".health..",
            ROOT + ".rollout..",
            ROOT + ".validation..",
            ROOT + ".reconciliation..",
            ROOT + ".runtime..")
        .check(classes);
  }

  @Test
  void packagesHaveNoCycles() {
    SlicesRuleDefinition.slices()
        .matching(ROOT + ".(*)..")
        .should()
        .beFreeOfCycles()
        .check(classes);
  }
}
