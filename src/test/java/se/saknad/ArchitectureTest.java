package se.saknad;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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

  /** SQL that inserts, updates or deletes rows of a table the sms feature owns. */
  private static final Pattern WRITES_SMS_TABLES =
      Pattern.compile(
          "(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+"
              + "(delivery|delivery_event|sms_log|inbound_message|coordinator_notice|provider_erasure|alert_first_send)"
              + "\\b");

  /**
   * Reads the SQL a class carries: string literals and text blocks are constants in its class file,
   * so a scan of the class file's bytes finds every statement written in it.
   */
  private static final ArchCondition<JavaClass> WRITE_NO_SMS_TABLE =
      new ArchCondition<>("write no table of the sms feature in SQL") {
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
  void onlyTheSmsFeatureWritesItsOutbox() {
    classes()
        .that()
        .resideOutsideOfPackage("se.saknad.sms..")
        .should(WRITE_NO_SMS_TABLE)
        .because(
            "the outbox has one owner: deliveries are queued through sms.EnqueuingMessages (one"
                + " column list, one priority rule, one NOTIFY) and erased through"
                + " sms.ErasingMessages")
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
        .check(MAIN);
  }
}
