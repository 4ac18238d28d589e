package com.fittrack.garminauth.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.application.SessionService;
import com.fittrack.garminauth.core.domain.ForbiddenDependenciesFixture;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon inside auth-core, and its promise to depend on the JDK alone. */
class ArchitectureTest {
  private static final String CORE = "com.fittrack.garminauth.core";
  private static final String DOMAIN = "Domain";
  private static final String APPLICATION = "Application (use cases)";
  private static final String PORTS_IN = "Ports in";
  private static final String PORTS_OUT = "Ports out";
  private static final String FACADE = "Facade";

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(CORE);
  }

  private static LayeredArchitecture layers() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer(DOMAIN)
        .definedBy(CORE + ".domain..")
        .layer(PORTS_IN)
        .definedBy(CORE + ".application.port.in..")
        .layer(PORTS_OUT)
        .definedBy(CORE + ".application.port.out..")
        .layer(APPLICATION)
        .definedBy(CORE + ".application")
        .layer(FACADE)
        .definedBy(CORE)
        .whereLayer(DOMAIN)
        .mayNotAccessAnyLayer()
        .whereLayer(PORTS_IN)
        .mayOnlyAccessLayers(DOMAIN)
        .whereLayer(PORTS_OUT)
        .mayOnlyAccessLayers(DOMAIN)
        .whereLayer(APPLICATION)
        .mayOnlyAccessLayers(DOMAIN, PORTS_IN, PORTS_OUT)
        .whereLayer(FACADE)
        .mayNotBeAccessedByAnyLayer();
  }

  /** Core has no runtime dependency: only the JDK's java.* and itself. */
  private static final ArchRule JDK_ONLY =
      classes()
          .that()
          .resideInAPackage(CORE + "..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", CORE + "..")
          .because("auth-core must run on the JDK alone");

  /** Named separately so that a violation reads as what it is. */
  private static final ArchRule NO_ADAPTER_TECHNOLOGY =
      noClasses()
          .that()
          .resideInAPackage(CORE + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..",
              "javax.sql..",
              "okhttp3..",
              "org.jooq..",
              "io.javalin..",
              "com.fasterxml.jackson..",
              "org.slf4j..")
          .because("storage, HTTP, JSON and logging belong in the adapters");

  @Test
  void layersDependInwardOnly() {
    layers().ensureAllClassesAreContainedInArchitecture().check(production);
  }

  @Test
  void coreDependsOnTheJdkAlone() {
    JDK_ONLY.check(production);
  }

  @Test
  void coreUsesNoAdapterTechnology() {
    NO_ADAPTER_TECHNOLOGY.check(production);
  }

  @Test
  void theRulesCatchADomainClassReachingIntoJdbcALibraryAndTheApplication() {
    JavaClasses bad =
        new ClassFileImporter()
            .importClasses(ForbiddenDependenciesFixture.class, SessionService.class);

    EvaluationResult layering = layers().withOptionalLayers(true).evaluate(bad);
    EvaluationResult jdkOnly = JDK_ONLY.evaluate(bad);
    EvaluationResult technology = NO_ADAPTER_TECHNOLOGY.evaluate(bad);

    assertThat(layering.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("ForbiddenDependenciesFixture") && d.contains("SessionService"));
    assertThat(jdkOnly.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("ForbiddenDependenciesFixture") && d.contains("org.assertj"));
    assertThat(technology.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("java.sql.Timestamp"));
  }
}
