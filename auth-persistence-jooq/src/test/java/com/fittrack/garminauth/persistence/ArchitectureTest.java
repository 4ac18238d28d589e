package com.fittrack.garminauth.persistence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.fittrack.garminauth.persistence");

  @Test
  void persistenceKnowsNothingOfHttp() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.javalin..", "okhttp3..", "com.fasterxml.jackson..")
        .check(classes);
  }

  @Test
  void cryptoDependsOnTheJdkOnly() {
    noClasses()
        .that()
        .resideInAPackage("..persistence.crypto..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.jooq..", "com.zaxxer..", "org.flywaydb..", "com.fittrack.garminauth.persistence")
        .check(classes);
  }
}
