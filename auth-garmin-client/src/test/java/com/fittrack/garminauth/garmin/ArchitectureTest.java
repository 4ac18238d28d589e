package com.fittrack.garminauth.garmin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The client's dependency rules. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.fittrack.garminauth.garmin");

  @Test
  void logsThroughTheSlf4jApiOnly() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ch.qos.logback..", "java.util.logging..", "org.apache.logging..")
        .check(MAIN);
  }

  @Test
  void neverDependsOnTheTestkitOrOtherAdapters() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.fittrack.garminauth.testkit..",
            "com.fittrack.garminauth.persistence..",
            "com.fittrack.garminauth.server..")
        .check(MAIN);
  }

  @Test
  void reachesTheCoreOnlyThroughItsDomainAndPorts() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fittrack.garminauth.core.application")
        .check(MAIN);
  }

  @Test
  void lowerLayersDoNotReachUpToTheClient() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "com.fittrack.garminauth.garmin.http..", "com.fittrack.garminauth.garmin.session..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.fittrack.garminauth.garmin.signin..", "com.fittrack.garminauth.garmin.token..")
        .check(MAIN);
  }
}
