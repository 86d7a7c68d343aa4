package se.saknad.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import se.saknad.support.TestDatabase;

/**
 * One disappearance from the report to the research page, at phone size, as each person meets it:
 * staff report, the duty phone replies in the sandbox, a second police unit opens the SMS link and
 * acknowledges on the web, staff record the return and the interview, the coordinator and the
 * researcher look. axe-core checks every page on the way.
 */
@MicronautTest(transactional = false)
@io.micronaut.context.annotation.Property(name = "saknad.embedded", value = "true")
@io.micronaut.context.annotation.Property(name = "saknad.data-dir", value = "target/web-test-data")
class NewUserWalkThroughTest extends BrowserTest {

  @Test
  void oneDisappearanceFromReportToResearchAtPhoneSize() throws Exception {
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    stockholmPolice("Polisen RLC Stockholm (genomgång)", "+46701888301");
    UUID second =
        aRecipient()
            .police()
            .named("Polisen Södertörn (genomgång)")
            .coveringRegion("STOCKHOLM")
            .contact("Vakthavande", "+46701888302")
            .acknowledgementRequired(true)
            .escalateAfterMinutes(30)
            .create();
    String staffName = user("HVB_STAFF", Map.of("homeId", home));
    String coordinatorName = user("COORDINATOR", Map.of());
    String researcherName = user("RESEARCHER", Map.of());
    String policeName = user("POLICE", Map.of("policeRegion", "STOCKHOLM", "recipientId", second));
    UUID child =
        aChild()
            .inHome(home)
            .named("Walid", "Genomgångsson")
            .by(login(staffName, PASSWORD))
            .create();
    List<String> violations = new ArrayList<>();
    browser.manage().window().setSize(new Dimension(390, 844));
    try {
      // Staff: the report, one field and the button.
      signIn(staffName, "staff.html");
      violations.addAll(accessibilityViolations("staff staff.html"));
      visible(By.cssSelector("[data-child='" + child + "']"))
          .findElement(By.linkText("Anmäl försvunnen"))
          .click();
      wait.until(ExpectedConditions.urlContains("report.html"));
      visible(By.id("clothing")).sendKeys("Svart jacka, röd mössa");
      violations.addAll(accessibilityViolations("staff report.html"));
      send("report");
      wait.until(ExpectedConditions.urlContains("case.html"));
      wait.until(d -> d.findElement(By.id("code")).getText().matches("\\d{4,5}"));
      String code = browser.findElement(By.id("code")).getText();
      String caseId =
          TestDatabase.value(
              String.class,
              "SELECT id::text FROM disappearance_case WHERE child_id = ? AND code = ?",
              child,
              code);
      wait.until(d -> d.findElement(By.id("alerted")).getText().contains("genomgång"));
      violations.addAll(accessibilityViolations("staff case.html"));
      signedOut();

      // The first duty phone answers in the sandbox.
      signIn(coordinatorName, "coordinator.html");
      browser.get(url("/app/sandbox.html"));
      WebElement message =
          wait.until(
              d ->
                  d.findElements(By.cssSelector("#messages li[data-sid]")).stream()
                      .filter(li -> li.getText().contains("SAKNAD " + code))
                      .filter(li -> li.getText().contains("+46701888301"))
                      .findFirst()
                      .orElse(null));
      violations.addAll(accessibilityViolations("coordinator sandbox.html"));
      message.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(
          d -> message.findElement(By.cssSelector(".notice")).getText().contains("kvitterat"));
      signedOut();

      // The second police unit opens its SMS link, signs in and acknowledges on the web.
      String sms =
          TestDatabase.value(
              String.class,
              "SELECT body FROM delivery WHERE case_id = ?::uuid AND recipient_id = ? LIMIT 1",
              UUID.fromString(caseId),
              second);
      String link = sms.substring(sms.lastIndexOf(' ') + 1);
      browser.get(link.replace("http://saknad.test", server.getURL().toString()));
      wait.until(ExpectedConditions.urlContains("index.html"));
      violations.addAll(accessibilityViolations("police index.html from the link"));
      typeCredentials(policeName);
      wait.until(ExpectedConditions.urlContains("case.html?id=" + caseId));
      assertEquals("Svart jacka, röd mössa", visible(By.id("clothing")).getText());
      violations.addAll(accessibilityViolations("police case.html"));
      browser.findElement(By.id("acknowledge")).click();
      wait.until(d -> d.findElement(By.id("banner")).getText().contains("kvitterat"));
      wait.until(d -> d.findElement(By.id("ackDone")).getText().startsWith("Kvitterat av er"));
      assertTrue(!browser.findElement(By.id("acknowledge")).isDisplayed(), "Kvittera stays");
      assertTrue(
          column(
                  "SELECT channel FROM acknowledgement WHERE case_id = ?::uuid",
                  UUID.fromString(caseId))
              .contains("WEB"));
      signedOut();

      // Staff: the child is back, and the interview is recorded.
      signIn(staffName, "staff.html");
      browser.get(url("/app/case.html?id=" + caseId));
      visible(By.id("foundBy")).sendKeys("Kom tillbaka själv");
      browser.findElement(By.id("condition")).sendKeys("Trött men oskadd");
      send("returnForm");
      visible(By.id("debriefForm"));
      wait.until(d -> d.findElements(By.cssSelector("#reasons input")).size() > 5);
      browser.findElement(By.cssSelector("#reasons input[value=TO_REACH_RELATIVES]")).click();
      heldBySocialWorker();
      new Select(browser.findElement(By.id("interviewerRole"))).selectByValue("SOCIAL_WORKER");
      violations.addAll(accessibilityViolations("staff debrief"));
      send("debriefForm");
      wait.until(d -> d.findElement(By.id("banner")).getText().contains("version 1"));
      signedOut();

      // The coordinator and the researcher.
      signIn(coordinatorName, "coordinator.html");
      Thread.sleep(1500);
      violations.addAll(accessibilityViolations("coordinator coordinator.html"));
      signedOut();
      signIn(researcherName, "research.html");
      Thread.sleep(1500);
      violations.addAll(accessibilityViolations("researcher research.html"));
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 1000));
    }
    assertEquals(List.of(), violations);
  }
}
