package se.saknad.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import se.saknad.support.TestDatabase;

/**
 * At phone size: staff record a concern on the child's page, social services assess it on the
 * concern's page, one button reports the child missing from it, the police record their reference
 * on the case page and staff read it; the risk questions fold into the report form. axe-core on
 * every page.
 */
@MicronautTest(transactional = false)
class ConcernPagesTest extends BrowserTest {
  private UUID home;
  private String staffName;
  private String socialName;
  private String policeName;

  @BeforeAll
  void people() {
    home = aHome().at(TYRESO_CENTRUM).create();
    UUID police = stockholmPolice("Polisen RLC Stockholm (oro-webbtest)", "+46704300001");
    aRecipient()
        .socialServices()
        .named("Socialtjänsten Tyresö (oro-webbtest)")
        .covering("0138")
        .phone("+46704300002")
        .create();
    staffName = user("HVB_STAFF", Map.of("homeId", home));
    socialName = user("SOCIAL_SERVICES", Map.of("municipalityCode", "0138"));
    // bound to the alerted desk: the police record their reference with the right to acknowledge
    policeName = user("POLICE", Map.of("policeRegion", "STOCKHOLM", "recipientId", police));
  }

  @BeforeEach
  void phone() {
    browser.manage().window().setSize(new Dimension(390, 844));
  }

  @AfterEach
  void desk() {
    browser.manage().window().setSize(new Dimension(1280, 1000));
  }

  @Test
  void aConcernOnTheChildsPageIsAssessedAndBecomesAReportWithOneButton() throws IOException {
    UUID child =
        aChild().inHome(home).named("Nadia", "Orowebb").by(login(staffName, PASSWORD)).create();
    List<String> violations = new ArrayList<>();
    signIn(staffName, "staff.html");
    visible(By.cssSelector("[data-child='" + child + "']"))
        .findElement(By.linkText("Anmäl oro"))
        .click();
    wait.until(ExpectedConditions.urlContains("child.html"));
    wait.until(d -> d.findElements(By.cssSelector("#signs input")).size() > 5);
    browser.findElement(By.cssSelector("#signs input[value=PICKED_UP_BY_STRANGERS]")).click();
    browser.findElement(By.id("concernNote")).sendKeys("En bil hämtade henne vid skolan");
    violations.addAll(accessibilityViolations("staff child.html (concern)"));
    send("concernForm");

    wait.until(ExpectedConditions.urlContains("concern.html"));
    wait.until(d -> d.findElement(By.id("title")).getText().equals("Oro för Nadia"));
    String notified = visible(By.id("notified")).getText();
    assertTrue(notified.contains("Socialtjänst"), notified);
    assertTrue(notified.contains("God man"), notified);
    assertFalse(notified.contains("Polis"), notified);
    assertTrue(browser.findElement(By.id("signs")).getText().contains("tecken på exploatering"));
    assertFalse(browser.findElement(By.tagName("main")).getText().contains("Orowebb"));
    violations.addAll(accessibilityViolations("staff concern.html"));
    screenshot("concern-phone");
    String concernUrl = browser.getCurrentUrl().replace("&new=1", "");

    // Social services open the SMS link and record the protection assessment.
    signedOut();
    browser.get(concernUrl);
    typeCredentials(socialName);
    wait.until(ExpectedConditions.urlContains("concern.html"));
    visible(By.id("assessForm"));
    wait.until(d -> d.findElements(By.cssSelector("#outcome option")).size() > 1);
    new Select(browser.findElement(By.id("outcome"))).selectByValue("INVESTIGATION_OPENED");
    violations.addAll(accessibilityViolations("social services concern.html"));
    send("assessForm");
    wait.until(d -> d.findElement(By.id("assessment")).getText().contains("Utredning inleds"));

    // The child is gone: staff press the one button on the concern.
    signedOut();
    browser.get(concernUrl);
    typeCredentials(staffName);
    wait.until(ExpectedConditions.urlContains("concern.html"));
    visible(By.id("missingForm"));
    browser.findElement(By.id("clothing")).sendKeys("Röd jacka");
    send("missingForm");
    wait.until(ExpectedConditions.urlContains("case.html"));
    wait.until(d -> d.findElement(By.id("code")).getText().matches("\\d{4,5}"));
    visible(By.id("concernLink"));
    assertEquals("Förhöjd", browser.findElement(By.cssSelector("#risk strong")).getText());
    violations.addAll(accessibilityViolations("staff case.html (from a concern)"));
    assertEquals(List.of(), violations);
  }

  /** A case last seen {@code daysAgo} days ago, back an hour later. */
  private void episode(UUID child, String token, int daysAgo) {
    java.time.OffsetDateTime seen = java.time.OffsetDateTime.now().minusDays(daysAgo);
    UUID kase = aReport().of(child).by(token).lastSeen(seen).create().id();
    aReturn().of(kase).by(token).at(seen.plusHours(1)).create();
  }

  @Test
  void theChildsPageSaysHowOftenTheChildWentMissingAndWarnsOfARepeat() throws IOException {
    String token = login(staffName, PASSWORD);
    UUID once = aChild().inHome(home).named("Sara", "Engang").by(token).create();
    episode(once, token, 10);
    UUID again = aChild().inHome(home).named("Hamid", "Gangpagang").by(token).create();
    episode(again, token, 200); // outside the 90 days: not counted
    episode(again, token, 60);
    episode(again, token, 30);
    episode(again, token, 5);
    signIn(staffName, "staff.html");

    browser.get(url("/app/child.html?id=" + once));
    wait.until(d -> d.findElement(By.id("pattern")).isDisplayed());
    assertEquals("1 fall de senaste 90 dagarna", browser.findElement(By.id("pattern")).getText());
    assertFalse(browser.findElement(By.id("repeatNotice")).isDisplayed(), "one case: no repeat");

    browser.get(url("/app/child.html?id=" + again));
    String notice = visible(By.id("repeatNotice")).getText();
    assertTrue(notice.startsWith("Upprepat försvinnande"), notice);
    assertTrue(notice.contains("3 fall de senaste 90 dagarna"), notice);
    assertEquals("3 fall de senaste 90 dagarna", browser.findElement(By.id("pattern")).getText());
    List<String> violations = accessibilityViolations("staff child.html (repeat)");
    screenshot("child-repeat-phone");
    assertEquals(List.of(), violations);
  }

  @Test
  void thePoliceRecordTheirReferenceOnTheCasePageAndStaffReadIt() throws IOException {
    UUID child =
        aChild().inHome(home).named("Omid", "Polisref").by(login(staffName, PASSWORD)).create();
    UUID kase = aReport().of(child).by(login(staffName, PASSWORD)).risk("HIGH").create().id();
    List<String> violations = new ArrayList<>();
    signIn(policeName, "cases.html");
    browser.get(url("/app/case.html?id=" + kase));
    visible(By.id("policeReferenceForm"));
    browser.findElement(By.id("reference")).sendKeys("5000-K765432-26");
    browser.findElement(By.id("sisAlert")).click();
    new Select(visible(By.id("sisCategory"))).selectByValue("CHILD_AT_RISK_OF_TRAFFICKING");
    violations.addAll(accessibilityViolations("police case.html (reference)"));
    send("policeReferenceForm");
    wait.until(d -> d.findElement(By.id("policeReference")).getText().contains("5000-K765432-26"));

    signedOut();
    signIn(staffName, "staff.html");
    browser.get(url("/app/case.html?id=" + kase));
    wait.until(d -> d.findElement(By.id("policeReference")).getText().contains("5000-K765432-26"));
    assertTrue(browser.findElement(By.id("policeReference")).getText().contains("människohandel"));
    assertFalse(browser.findElement(By.id("policeReferencePanel")).isDisplayed());
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM police_reference WHERE case_id = ? AND sis_alert", kase));
    assertEquals(List.of(), violations);
  }

  @Test
  void theRiskQuestionsAreFoldedInTheReportFormAndRaiseTheGrade() throws IOException {
    UUID child =
        aChild()
            .inHome(home)
            .named("Leyla", "Riskfraga")
            .riskIndicators()
            .by(login(staffName, PASSWORD))
            .create();
    signIn(staffName, "staff.html");
    browser.get(url("/app/report.html?child=" + child));
    visible(By.id("report"));
    wait.until(d -> d.findElements(By.cssSelector("#riskAnswers input")).size() > 5);
    assertFalse(browser.findElement(By.id("riskAnswers")).isDisplayed(), "folded");
    assertEquals(
        "STANDARD",
        new Select(browser.findElement(By.id("riskLevel")))
            .getFirstSelectedOption()
            .getAttribute("value"));
    browser.findElement(By.cssSelector("#riskQuestions summary")).click();
    browser.findElement(By.cssSelector("#riskAnswers input[value=MEDICATION]")).click();
    assertEquals(
        "HIGH",
        new Select(browser.findElement(By.id("riskLevel")))
            .getFirstSelectedOption()
            .getAttribute("value"));
    new Select(browser.findElement(By.id("riskLevel"))).selectByValue("STANDARD");
    visible(By.id("riskOverrideReason")).sendKeys("Har medicinen med sig");
    List<String> violations = new ArrayList<>(accessibilityViolations("staff report.html (risk)"));
    send("report");
    wait.until(ExpectedConditions.urlContains("case.html"));
    wait.until(d -> d.findElement(By.id("risk")).getText().contains("Riskfrågorna ger hög"));
    assertTrue(browser.findElement(By.id("risk")).getText().contains("Har medicinen med sig"));
    assertEquals(List.of(), violations);
  }
}
