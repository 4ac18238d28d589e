package com.fittrack.garminauth.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The REST adapter sees only the core's ports: the server wires adapters, the adapter never reaches
 * past the use cases into a database, the Garmin client or the server.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.fittrack.garminauth");

  @Test
  void theHttpAdapterDependsOnlyOnTheCoresPortsAndDomain() {
    noClasses()
        .that()
        .resideInAPackage("com.fittrack.garminauth.http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.fittrack.garminauth.server..",
            "com.fittrack.garminauth.persistence..",
            "com.fittrack.garminauth.garmin..",
            "com.fittrack.garminauth.testkit..",
            "com.fittrack.garminauth.core.application",
            "com.fittrack.garminauth.core.application.port.out..",
            "java.sql..")
        .check(CLASSES);
  }

  @Test
  void nothingInTheServerModuleDependsOnTestLibraries() {
    noClasses()
        .that()
        .resideInAnyPackage("com.fittrack.garminauth.http..", "com.fittrack.garminauth.server..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.junit..", "org.assertj..", "org.mockito..")
        .check(CLASSES);
  }
}
