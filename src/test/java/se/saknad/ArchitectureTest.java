package se.saknad;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.http.annotation.Controller;
import org.junit.jupiter.api.Test;

/** Keeps each feature's internals to itself and the Twilio SDK inside the sms feature. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("se.saknad");

  @Test
  void onlyTheSmsFeatureTalksToTwilio() {
    noClasses()
        .that()
        .resideOutsideOfPackage("se.saknad.sms..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.twilio..")
        .check(MAIN);
  }

  @Test
  void persistedEntitiesStayInsideTheirFeature() {
    classes()
        .that()
        .areAnnotatedWith(MappedEntity.class)
        .should()
        .notHaveModifier(JavaModifier.PUBLIC)
        .allowEmptyShould(true)
        .check(MAIN);
  }

  @Test
  void repositoriesStayInsideTheirFeature() {
    classes()
        .that()
        .areAnnotatedWith(JdbcRepository.class)
        .should()
        .notHaveModifier(JavaModifier.PUBLIC)
        .allowEmptyShould(true)
        .check(MAIN);
  }

  @Test
  void controllersAreNotCalledFromCode() {
    classes()
        .that()
        .areAnnotatedWith(Controller.class)
        .should()
        .notHaveModifier(JavaModifier.PUBLIC)
        .check(MAIN);
  }

  @Test
  void featuresDoNotReachIntoTheTopLevelApplication() {
    noClasses()
        .that()
        .resideInAPackage("se.saknad.(*)..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("se.saknad.Application")
        .check(MAIN);
  }
}
