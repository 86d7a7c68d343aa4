package se.saknad;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.http.annotation.Controller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps each feature's internals to itself, the features free of cycles, common free of features
 * and the Twilio SDK inside messaging.provider. Every rule says why and must match at least one
 * class.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("se.saknad");

  @Test
  void onlyTheProviderTalksToTwilio() {
    noClasses()
        .that()
        .resideOutsideOfPackage("se.saknad.messaging.provider")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.twilio..")
        .because(
            "the SMS provider is a detail of messaging.provider: everything else queues messages"
                + " through messaging.outbox.EnqueuingMessages, checks webhooks through"
                + " provider.WebhookSignatures and never sees the provider's types")
        .allowEmptyShould(false)
        .check(MAIN);
  }

  @Test
  void persistedEntitiesStayInsideTheirFeature() {
    classes()
        .that()
        .areAnnotatedWith(MappedEntity.class)
        .should()
        .notHaveModifier(JavaModifier.PUBLIC)
        .because("a table's rows are its feature's business; others use the feature's service")
        .allowEmptyShould(false)
        .check(MAIN);
  }

  @Test
  void repositoriesStayInsideTheirFeature() {
    classes()
        .that()
        .areAnnotatedWith(JdbcRepository.class)
        .should()
        .notHaveModifier(JavaModifier.PUBLIC)
        .because("only the owning feature queries its tables, through its own repository")
        .allowEmptyShould(false)
        .check(MAIN);
  }

  @Test
  void controllersArePackagePrivate() {
    classes()
        .that()
        .areAnnotatedWith(Controller.class)
        .should()
        .notHaveModifier(JavaModifier.PUBLIC)
        .because(
            "controllers are thin HTTP adapters: code calls the feature's service, never a"
                + " controller, so that checks and audit happen in one place")
        .allowEmptyShould(false)
        .check(MAIN);
  }

  @Test
  void featurePackagesHaveNoCycles() {
    slices()
        .matching("se.saknad.(**)")
        .should()
        .beFreeOfCycles()
        .because(
            "a package that needs a later one inverts the dependency (an interface or an event it"
                + " publishes), so that each package (messaging.outbox and messaging.provider as"
                + " much as cases) can be read, changed and tested from its own dependencies down")
        .allowEmptyShould(false)
        .check(MAIN);
  }

  @Test
  void commonDependsOnNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("se.saknad.common..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("se.saknad..")
                .and(not(resideInAPackage("se.saknad.common..")))
                .as("a feature or the application"))
        .because(
            "common is what every feature may use (problems, SQL, clock and zone); if it used a"
                + " feature, every feature would")
        .allowEmptyShould(false)
        .check(MAIN);
  }

  /** SQL that inserts, updates or deletes rows of a table the outbox owns. */
  private static final Pattern WRITES_SMS_TABLES =
      Pattern.compile(
          "(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+"
              + "(delivery|delivery_event|coordinator_notice|alert_first_send)"
              + "\\b");

  /**
   * Reads the SQL a class carries: string literals and text blocks are constants in its class file,
   * so a scan of the class file's bytes finds every statement written in it.
   */
  private static final ArchCondition<JavaClass> WRITE_NO_SMS_TABLE =
      new ArchCondition<>("write no table of the outbox in SQL") {
        @Override
        public void check(JavaClass javaClass, ConditionEvents events) {
          javaClass
              .getSource()
              .ifPresent(
                  source -> {
                    String constants;
                    try (var in = source.getUri().toURL().openStream()) {
                      constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                    Matcher m = WRITES_SMS_TABLES.matcher(constants);
                    while (m.find()) {
                      events.add(
                          SimpleConditionEvent.violated(
                              javaClass,
                              javaClass.getName()
                                  + " runs '"
                                  + m.group().replaceAll("\\s+", " ")
                                  + "'"));
                    }
                  });
        }
      };

  @Test
  void onlyTheOutboxWritesDeliveries() {
    classes()
        .that()
        .resideOutsideOfPackage("se.saknad.messaging.outbox")
        .should(WRITE_NO_SMS_TABLE)
        .because(
            "the outbox has one owner: deliveries are queued through EnqueuingMessages (one"
                + " column list, one priority rule, one NOTIFY), change state only through the"
                + " outbox's named verbs and are erased through ErasingMessages")
        .allowEmptyShould(false)
        .check(MAIN);
  }

  @Test
  void theOutboxRuleSeesSqlInClassFiles() {
    JavaClasses smsClasses = new ClassFileImporter().importClasses(EnqueuingMessagesProbe.class);
    assertThrows(
        AssertionError.class,
        () -> classes().should(WRITE_NO_SMS_TABLE).check(smsClasses),
        "a class with an INSERT INTO delivery is caught");
  }

  /** A class that writes the outbox by hand, as the rule must catch. */
  static final class EnqueuingMessagesProbe {
    static final String SQL =
        """
        INSERT INTO delivery (id, phone) VALUES (?, ?)
        """;
  }

  @Test
  void featuresDoNotReachIntoTheTopLevelApplication() {
    noClasses()
        .that()
        .resideInAPackage("se.saknad.(*)..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("se.saknad.Application")
        .because("the application class only starts the service; features do not depend on it")
        .allowEmptyShould(false)
        .check(MAIN);
  }
}
