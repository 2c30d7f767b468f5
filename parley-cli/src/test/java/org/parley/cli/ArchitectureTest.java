package org.parley.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md: cli → node → core, never back; in core, tlog knows nothing of stix and extract stands alone. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.parley");
  }

  @Test
  void core_dependsOnNeitherNodeNorCli() {
    noClasses().that().resideInAPackage("org.parley.(stix|marking|tlog|attribution|extract)..")
        .should().dependOnClassesThat().resideInAnyPackage("org.parley.node..", "org.parley.cli..")
        .allowEmptyShould(true).check(classes);
  }

  @Test
  void node_doesNotDependOnCli() {
    noClasses().that().resideInAPackage("org.parley.node..")
        .should().dependOnClassesThat().resideInAPackage("org.parley.cli..")
        .allowEmptyShould(true).check(classes);
  }

  @Test
  void tlog_knowsNothingOfStix() {
    noClasses().that().resideInAPackage("org.parley.tlog..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.parley.stix..", "org.parley.marking..", "org.parley.attribution..", "org.parley.extract..")
        .allowEmptyShould(true).check(classes);
  }

  @Test
  void extract_dependsOnNothingElseInCore() {
    noClasses().that().resideInAPackage("org.parley.extract..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.parley.stix..", "org.parley.marking..", "org.parley.tlog..", "org.parley.attribution..")
        .allowEmptyShould(true).check(classes);
  }

  @Test
  void core_usesNoHttpNorDatabase() {
    noClasses().that().resideInAPackage("org.parley.(stix|marking|tlog|attribution|extract)..")
        .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "java.sql..")
        .allowEmptyShould(true).check(classes);
  }
}
