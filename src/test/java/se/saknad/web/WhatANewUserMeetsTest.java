package se.saknad.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import se.saknad.support.Json;

/**
 * What a new user met on the pages and what misled: a form that chose for them (a gender, an
 * interview held, a referral's grave outcome), a table read aloud again and again, a name with
 * "undefined" in it.
 */
@MicronautTest(transactional = false)
@io.micronaut.context.annotation.Property(name = "saknad.embedded", value = "true")
@io.micronaut.context.annotation.Property(name = "saknad.data-dir", value = "target/web-test-data")
class WhatANewUserMeetsTest extends BrowserTest {
  private UUID home;
  private String staffName;
  private String coordinatorName;
  private String policeName;

  @BeforeAll
  void people() {
    home = aHome().at(TYRESO_CENTRUM).create();
    stockholmPolice("Polisen RLC Stockholm (nya användare)", "+46701887201");
    staffName = user("HVB_STAFF", Map.of("homeId", home));
    coordinatorName = user("COORDINATOR", Map.of());
    policeName = user("POLICE", Map.of("policeRegion", "STOCKHOLM"));
  }

  private String staff() {
    return login(staffName, PASSWORD);
  }

  private String returnedCase(String given) {
    UUID child = aChild().inHome(home).named(given, "Nyanvändarsson").by(staff()).create();
    String kase =
        aReport()
            .of(child)
            .by(staff())
            .lastSeen(OffsetDateTime.now().minusHours(3))
            .risk("HIGH")
            .create()
            .string("id");
    aReturn().of(kase).by(staff()).at(OffsetDateTime.now().minusMinutes(30)).create();
    return kase;
  }

  private void atPhoneSize() {
    browser.manage().window().setSize(new Dimension(390, 844));
  }

  private void atDesktopSize() {
    browser.manage().window().setSize(new Dimension(1366, 900));
  }

  @Test
  void aChildRegisteredWithoutTouchingGenderIsNotSavedAsAGirl() {
    for (Runnable size : List.<Runnable>of(this::atPhoneSize, this::atDesktopSize)) {
      size.run();
      signIn(staffName, "staff.html");
      browser.get(url("/app/child.html"));
      WebElement gender = visible(By.id("gender"));
      wait.until(
          d -> d.findElements(By.cssSelector("#responsibleMunicipalityCode option")).size() > 1);
      assertEquals("", new Select(gender).getFirstSelectedOption().getAttribute("value"));
      assertEquals("true", gender.getAttribute("required"));
      String family = "Könlös" + UUID.randomUUID().toString().substring(0, 6);
      browser.findElement(By.id("givenName")).sendKeys("Ny");
      browser.findElement(By.id("familyName")).sendKeys(family);
      browser.findElement(By.id("estimatedBirthYear")).sendKeys("2010");
      browser.findElement(By.id("nationality")).sendKeys("Afghanistan");
      send("profile");
      wait.until(d -> "true".equals(d.findElement(By.id("gender")).getAttribute("aria-invalid")));
      assertEquals(List.of(0L), column("SELECT count(*) FROM child WHERE family_name = ?", family));
      signedOut();
    }
    atDesktopSize();
  }

  @Test
  void anUntouchedDebriefFormIsNotSavedAsAnInterviewHeld() {
    atPhoneSize();
    String kase = returnedCase("Tomsamtal");
    signIn(staffName, "staff.html");
    browser.get(url("/app/case.html?id=" + kase));
    visible(By.id("debriefForm"));
    wait.until(d -> d.findElements(By.cssSelector("#outcomes input")).size() == 3);
    assertTrue(
        browser.findElements(By.cssSelector("#outcomes input:checked")).isEmpty(),
        "an outcome is chosen before anyone chose one");
    assertEquals(
        "",
        new Select(browser.findElement(By.id("interviewerRole")))
            .getFirstSelectedOption()
            .getAttribute("value"));
    send("debriefForm");
    wait.until(d -> d.findElement(By.cssSelector("#debriefForm .form-error")).isDisplayed());
    assertEquals(List.of(0L), column("SELECT count(*) FROM debrief WHERE case_id = ?::uuid", kase));

    // Held, but nothing said why: the service refuses it too, and says so beside the reasons.
    heldBySocialWorker();
    send("debriefForm");
    wait.until(
        d ->
            d.findElement(By.id("reasons")).getText().contains("Ville inte berätta")
                && !d.findElements(By.cssSelector("#reasons .field-error")).isEmpty());
    assertEquals(List.of(0L), column("SELECT count(*) FROM debrief WHERE case_id = ?::uuid", kase));

    browser.findElement(By.cssSelector("#reasons input[value=DECLINED_TO_SAY]")).click();
    send("debriefForm");
    wait.until(d -> d.findElement(By.id("banner")).getText().contains("version 1"));
    assertEquals(
        List.of("HELD"), column("SELECT outcome FROM debrief WHERE case_id = ?::uuid", kase));
    atDesktopSize();
  }

  @Test
  void choosingTheIndependentInterviewerTicksTheBoxAndNoSignsExcludesASign() {
    String kase = returnedCase("Oberoende");
    signIn(staffName, "staff.html");
    browser.get(url("/app/case.html?id=" + kase));
    visible(By.id("debriefForm"));
    wait.until(d -> d.findElements(By.cssSelector("#exploitationIndicators input")).size() > 2);
    new Select(browser.findElement(By.id("interviewerRole")))
        .selectByValue("INDEPENDENT_INTERVIEWER");
    WebElement box = browser.findElement(By.name("interviewerIndependent"));
    assertTrue(box.isSelected() && !box.isEnabled());
    browser.findElement(By.cssSelector("#exploitationIndicators input[value=LABOUR]")).click();
    browser
        .findElement(By.cssSelector("#exploitationIndicators input[value=NONE_OBSERVED]"))
        .click();
    assertFalse(
        browser
            .findElement(By.cssSelector("#exploitationIndicators input[value=LABOUR]"))
            .isSelected());
  }

  @Test
  void aReferralIsClosedOnlyWithAnOutcomeChosenOnPurpose() {
    atPhoneSize();
    UUID child = aChild().inHome(home).named("Remiss", "Utfallsson").by(staff()).create();
    String kase = aReport().of(child).by(staff()).minutesAgo(20).risk("HIGH").create().string("id");
    String coordinator = login(coordinatorName, PASSWORD);
    String referral =
        as(coordinator)
            .post("/api/v1/cases/" + kase + "/referrals", Map.of("reason", "SUSPECTED_TRAFFICKING"))
            .string("referral.id");
    signIn(coordinatorName, "coordinator.html");
    browser.get(url("/app/referral.html?id=" + referral));
    WebElement outcome = visible(By.id("outcome"));
    wait.until(d -> d.findElements(By.cssSelector("#outcome option")).size() > 2);
    assertEquals("", new Select(outcome).getFirstSelectedOption().getAttribute("value"));
    send("closeForm");
    wait.until(d -> "true".equals(d.findElement(By.id("outcome")).getAttribute("aria-invalid")));
    assertEquals(
        List.of("OPEN"), column("SELECT status FROM referral WHERE id = ?::uuid", referral));
    atDesktopSize();
  }

  @Test
  void theAlertedTableIsAnnouncedOnlyWhenSomethingChanged() {
    UUID child = aChild().inHome(home).named("Tystbord", "Tabellsson").by(staff()).create();
    String kase = aReport().of(child).by(staff()).minutesAgo(20).risk("HIGH").create().string("id");
    signIn(staffName, "staff.html");
    browser.get(url("/app/case.html?id=" + kase));
    wait.until(d -> d.findElement(By.id("alerted")).getText().contains("nya användare"));
    assertNull(
        browser.findElement(By.id("alerted")).getAttribute("aria-live"),
        "the whole table is a live region");
    browser.executeScript("window.firstRow = document.querySelector('#alerted tr')");
    // two rounds of the page's five-second refresh with nothing new
    sleep(Duration.ofSeconds(11));
    assertEquals(
        Boolean.TRUE,
        browser.executeScript("return document.contains(window.firstRow)"),
        "the table was rebuilt though nothing changed");
    assertEquals("", browser.findElement(By.id("alertedChanges")).getAttribute("textContent"));

    sql(
        "UPDATE delivery SET status = 'ACKNOWLEDGED', acknowledged_at = now()"
            + " WHERE case_id = ?::uuid AND recipient_kind = 'POLICE'",
        kase);
    wait.withTimeout(Duration.ofSeconds(20))
        .until(
            d ->
                d.findElement(By.id("alertedChanges"))
                    .getAttribute("textContent")
                    .contains("Polisen RLC Stockholm (nya användare): Kvitterad"));
    String changes = browser.findElement(By.id("alertedChanges")).getAttribute("textContent");
    assertFalse(changes.contains("Socialtjänst"), "only the change is announced: " + changes);
  }

  @Test
  void thePoliceCaseListShowsTheFirstNameWithoutUndefined() {
    UUID child = aChild().inHome(home).named("Amina", "Dolt").by(staff()).create();
    aReport().of(child).by(staff()).minutesAgo(20).risk("HIGH").create();
    signIn(policeName, "cases.html");
    wait.until(d -> d.findElement(By.tagName("main")).getText().contains("Amina"));
    String list = browser.findElement(By.tagName("main")).getText();
    assertFalse(list.contains("undefined"), list);
    assertFalse(list.contains("Dolt"), list);
  }

  @Test
  void countriesAndLanguagesAreTypedAsSwedishNamesAndStoredAsCodes() {
    signIn(staffName, "staff.html");
    browser.get(url("/app/child.html"));
    visible(By.id("givenName"));
    wait.until(
        d -> d.findElements(By.cssSelector("#responsibleMunicipalityCode option")).size() > 1);
    wait.until(d -> d.findElements(By.cssSelector("#countryList option")).size() > 150);
    String family = "Språksson" + UUID.randomUUID().toString().substring(0, 6);
    browser.findElement(By.id("givenName")).sendKeys("Kod");
    browser.findElement(By.id("familyName")).sendKeys(family);
    browser.findElement(By.id("estimatedBirthYear")).sendKeys("2010");
    new Select(browser.findElement(By.id("gender"))).selectByValue("MALE");
    browser.findElement(By.id("nationality")).sendKeys("Afghanistan");
    browser.findElement(By.id("languages")).sendKeys("dari, pashto");
    send("profile");
    wait.until(d -> d.getCurrentUrl().contains("staff.html"));
    assertEquals(
        List.of("AF"), column("SELECT nationality FROM child WHERE family_name = ?", family));
    assertEquals(
        List.of("{prs,ps}"),
        column("SELECT languages::text FROM child WHERE family_name = ?", family));
    Object id = column("SELECT id FROM child WHERE family_name = ?", family).get(0);
    browser.get(url("/app/child.html?id=" + id));
    wait.until(
        d -> "Afghanistan".equals(d.findElement(By.id("nationality")).getAttribute("value")));
    assertEquals("dari, pashto", browser.findElement(By.id("languages")).getAttribute("value"));
  }

  @Test
  void theReturnFormStarsWhatItNeedsAndTheWaitingListCountsDownAndFitsAPhone() {
    atPhoneSize();
    UUID child = aChild().inHome(home).named("Nedräkning", "Klocksson").by(staff()).create();
    String open = aReport().of(child).by(staff()).minutesAgo(30).risk("HIGH").create().string("id");
    signIn(staffName, "staff.html");
    browser.get(url("/app/case.html?id=" + open));
    visible(By.id("returnForm"));
    for (String field : List.of("returnedAt", "foundBy", "condition")) {
      Object star =
          browser.executeScript(
              "return getComputedStyle(document.querySelector('label[for=' + arguments[0] + ']'),"
                  + " '::after').content",
              field);
      assertTrue(String.valueOf(star).contains("*"), field + " has no star: " + star);
    }
    String returned = returnedCase("Väntarsson");
    browser.get(url("/app/staff.html"));
    WebElement row =
        wait.until(
            d ->
                d.findElements(By.cssSelector("#debriefs tr")).stream()
                    .filter(
                        r -> r.getText().contains("Väntarsson") || r.getText().contains("Väntar"))
                    .findFirst()
                    .orElse(null));
    assertTrue(row.getText().matches("(?s).*\\d+ (tim|dagar) kvar.*"), row.getText());
    WebElement link = row.findElement(By.linkText("Fyll i samtalet"));
    Number right =
        (Number) browser.executeScript("return arguments[0].getBoundingClientRect().right", link);
    Number width = (Number) browser.executeScript("return document.documentElement.clientWidth");
    assertTrue(
        right.doubleValue() <= width.doubleValue(),
        "the last column is cut off: " + right + " > " + width + " (case " + returned + ")");
    atDesktopSize();
  }

  @Test
  void theErrorSummaryCountsTheFieldsMarked() {
    signIn(staffName, "staff.html");
    browser.get(url("/app/child.html"));
    visible(By.id("givenName"));
    wait.until(
        d -> d.findElements(By.cssSelector("#responsibleMunicipalityCode option")).size() > 1);
    browser.findElement(By.id("givenName")).sendKeys("Räkna");
    browser.findElement(By.id("familyName")).sendKeys("Felsson");
    new Select(browser.findElement(By.id("gender"))).selectByValue("MALE");
    browser.findElement(By.id("nationality")).sendKeys("XX");
    send("profile");
    wait.until(d -> d.findElement(By.cssSelector("#profile .form-error")).isDisplayed());
    long marked = browser.findElements(By.cssSelector("#profile [aria-invalid=true]")).size();
    String summary = browser.findElement(By.cssSelector("#profile .form-error strong")).getText();
    assertEquals(
        marked > 1 ? "Rätta de " + marked + " markerade fälten" : "Rätta det markerade fältet",
        summary);
  }

  @Test
  void theSandboxSaysWhomEachSmsWasForGroupedByCase() throws Exception {
    UUID child = aChild().inHome(home).named("Sandra", "Lådsson").by(staff()).create();
    String code =
        aReport().of(child).by(staff()).minutesAgo(15).risk("HIGH").create().string("code");
    List<String> violations = new java.util.ArrayList<>();
    for (Runnable size : List.<Runnable>of(this::atPhoneSize, this::atDesktopSize)) {
      size.run();
      signIn(coordinatorName, "coordinator.html");
      browser.get(url("/app/sandbox.html"));
      WebElement group =
          wait.until(
              d ->
                  d.findElements(By.cssSelector("#messages > li.case-group")).stream()
                      .filter(
                          g -> g.findElement(By.tagName("h3")).getText().equals("Ärende " + code))
                      .findFirst()
                      .orElse(null));
      WebElement police =
          wait.until(
              d ->
                  group.findElements(By.cssSelector("li[data-sid]")).stream()
                      .filter(li -> li.getText().contains("+46701887201"))
                      .findFirst()
                      .orElse(null));
      String to = police.findElement(By.cssSelector(".hint")).getText();
      assertTrue(
          to.contains("Polisen RLC Stockholm (nya användare) (Polis), Vakthavande, +46701887201"),
          to);
      // every SMS in the group names whom it was for, not only a number
      for (WebElement li : group.findElements(By.cssSelector("li[data-sid] .hint"))) {
        assertTrue(
            li.getText().matches(".* till .+ \\(.+\\).*|.* till Barnets gode man, .*"),
            li.getText());
      }
      violations.addAll(accessibilityViolations("sandbox " + browser.manage().window().getSize()));
      signedOut();
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void theBannerOfANewReportClaimsNoMoreThanTheRowsShow() {
    UUID child = aChild().inHome(home).named("Banner", "Sannsson").by(staff()).create();
    String kase = aReport().of(child).by(staff()).minutesAgo(15).risk("HIGH").create().string("id");
    signIn(staffName, "staff.html");
    browser.get(url("/app/case.html?id=" + kase + "&new=1"));
    wait.until(d -> d.findElement(By.id("alerted")).getText().contains("Skickad"));
    String banner = browser.findElement(By.id("banner")).getText();
    String rows = browser.findElement(By.id("alerted")).getText();
    assertFalse(rows.contains("Levererad") || rows.contains("Kvitterad"), rows);
    assertFalse(banner.contains("har fått"), "the rows say only that it was sent: " + banner);
    assertTrue(banner.contains("skickat (lämnat till operatören)"), banner);
  }

  @Test
  void theSignInPageFromAnSmsLinkSaysWhatTheLinkIsFor() throws Exception {
    UUID child = aChild().inHome(home).named("Länkad", "Kontextsson").by(staff()).create();
    String kase = aReport().of(child).by(staff()).minutesAgo(15).risk("HIGH").create().string("id");
    List<String> violations = new java.util.ArrayList<>();
    for (Runnable size : List.<Runnable>of(this::atPhoneSize, this::atDesktopSize)) {
      size.run();
      browser.get(url(se.saknad.cases.CaseLinks.path(UUID.fromString(kase))));
      wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("index.html"));
      WebElement context = visible(By.id("linkContext"));
      assertTrue(
          context.getText().startsWith("Länken gäller ett försvunnet barn."), context.getText());
      assertTrue(context.getText().contains("Logga in för att se efterlysningsbladet"));
      assertTrue(context.getText().contains("Svara OK och koden på sms:et"));
      // nothing of the case itself before sign-in
      assertFalse(browser.findElement(By.tagName("main")).getText().contains("Länkad"));
      violations.addAll(accessibilityViolations("sign-in from a link"));
      typeCredentials(policeName);
      wait.until(
          org.openqa.selenium.support.ui.ExpectedConditions.urlContains("case.html?id=" + kase));
      signedOut();
    }
    // The plain sign-in page has no such text.
    browser.get(url("/app/index.html"));
    visible(By.id("username"));
    assertFalse(browser.findElement(By.id("linkContext")).isDisplayed());
    assertEquals(List.of(), violations);
  }

  @Test
  void theMonthlyChartShowsMonthsWithoutCasesAsZeroAndTheRowsComeWithACodeBook() throws Exception {
    // Five children last seen in September 2015 (back the next day, no interview held): every
    // month from then until the other tests' cases has none.
    for (int i = 0; i < 5; i++) {
      UUID child =
          aChild()
              .inHome(home)
              .named("Tidig", "Månadsson" + i)
              .bornOn(java.time.LocalDate.of(2000, 3, 1))
              .by(staff())
              .create();
      OffsetDateTime seen = OffsetDateTime.parse("2015-09-10T12:00:00Z");
      String kase =
          aReport().of(child).by(staff()).lastSeen(seen).risk("HIGH").create().string("id");
      aReturn().of(kase).by(staff()).at(seen.plusDays(1)).create();
      as(staff())
          .post(
              "/api/v1/cases/" + kase + "/debrief",
              Map.of(
                  "outcome", "NOT_HELD",
                  "notHeldReason", "Registrerat i efterhand",
                  "interviewerRole", "SOCIAL_WORKER",
                  "consentToResearch", false));
    }
    String researcherName = user("RESEARCHER", Map.of());
    Json months =
        as(login(researcherName, PASSWORD)).get("/api/v1/research/statistics").at("cases.byMonth");
    List<String> published = months.keys().stream().sorted().toList();
    java.time.YearMonth first = java.time.YearMonth.parse(published.get(0));
    java.time.YearMonth last = java.time.YearMonth.parse(published.get(published.size() - 1));
    long span = java.time.temporal.ChronoUnit.MONTHS.between(first, last) + 1;
    assertTrue(span > published.size(), "the data leave months without cases: " + published);
    List<String> violations = new java.util.ArrayList<>();
    for (Runnable size : List.<Runnable>of(this::atPhoneSize, this::atDesktopSize)) {
      size.run();
      signIn(researcherName, "research.html");
      wait.until(
          d ->
              Boolean.TRUE.equals(
                  browser.executeScript(
                      "return Chart.getChart(document.getElementById('byMonth')) !== undefined")));
      @SuppressWarnings("unchecked")
      List<Number> bars =
          (List<Number>)
              browser.executeScript(
                  "return Chart.getChart(document.getElementById('byMonth')).data.datasets[0].data");
      assertEquals(span, bars.size(), "one bar a month from the first to the last");
      assertEquals(span - published.size(), bars.stream().filter(n -> n.longValue() == 0).count());
      // The code book, on the page and with the downloads.
      WebElement book = visible(By.cssSelector("#codeBookDetails summary"));
      book.click();
      wait.until(d -> d.findElement(By.id("codeBook")).getText().contains("Rädsla för utvisning"));
      assertTrue(browser.findElement(By.id("xlsx")).getText().contains("Excel"));
      violations.addAll(accessibilityViolations("research " + browser.manage().window().getSize()));
      signedOut();
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void aReportSentByMistakeIsWithdrawnOnTheCasePageAndEveryReaderSeesWhy() throws Exception {
    UUID child = aChild().inHome(home).named("Misstina", "Återkallsson").by(staff()).create();
    String kase = aReport().of(child).by(staff()).minutesAgo(10).risk("HIGH").create().string("id");
    atPhoneSize();
    signIn(staffName, "staff.html");
    browser.get(url("/app/case.html?id=" + kase));
    visible(By.id("withdrawPanel"));
    // Without a reason nothing is withdrawn: the field says what is missing.
    send("withdrawForm");
    wait.until(
        d -> "true".equals(d.findElement(By.id("withdrawalReason")).getAttribute("aria-invalid")));
    assertEquals(
        List.of("MISSING"),
        column("SELECT status FROM disappearance_case WHERE id = ?", UUID.fromString(kase)));
    browser.findElement(By.id("withdrawalReason")).sendKeys("Barnet låg och sov på sitt rum");
    // A reason is not enough: the home says on purpose that the child was never gone.
    send("withdrawForm");
    assertEquals(
        List.of("MISSING"),
        column("SELECT status FROM disappearance_case WHERE id = ?", UUID.fromString(kase)));
    browser.findElement(By.cssSelector("#withdrawForm input[name=sure]")).click();
    send("withdrawForm");
    WebElement notice = visible(By.id("withdrawn"));
    assertTrue(notice.getText().contains("Barnet låg och sov på sitt rum"), notice.getText());
    assertTrue(notice.getText().contains("Barnet var inte försvunnet"), notice.getText());
    wait.until(d -> !d.findElement(By.id("withdrawPanel")).isDisplayed());
    assertEquals(
        List.of("WITHDRAWN"),
        column("SELECT status FROM disappearance_case WHERE id = ?", UUID.fromString(kase)));
    List<String> violations =
        new java.util.ArrayList<>(accessibilityViolations("withdrawn case, phone"));
    signedOut();
    // The police see the same notice and no way to withdraw.
    atDesktopSize();
    signIn(policeName, "cases.html");
    browser.get(url("/app/case.html?id=" + kase));
    assertTrue(visible(By.id("withdrawn")).getText().contains("Barnet låg och sov på sitt rum"));
    assertFalse(browser.findElement(By.id("withdrawPanel")).isDisplayed());
    signedOut();
    assertEquals(List.of(), violations);
  }

  @Test
  void theMapSaysWhyItShowsNoStreetsAndHowToGetThem() {
    UUID child = aChild().inHome(home).named("Kartin", "Gatusson").by(staff()).create();
    String kase = aReport().of(child).by(staff()).minutesAgo(5).risk("HIGH").create().string("id");
    signIn(staffName, "staff.html");
    browser.get(url("/app/case.html?id=" + kase));
    wait.until(
        d ->
            d.findElement(By.cssSelector("#map .leaflet-control-attribution"))
                .getText()
                .contains("Bara kommungränser"));
    String said =
        browser.findElement(By.cssSelector("#map .leaflet-control-attribution")).getText();
    assertTrue(said.contains("saknad.map.tile-url"), said);
    assertTrue(browser.findElements(By.cssSelector("#map .leaflet-tile")).isEmpty());
    signedOut();
  }

  @Test
  void theResearchPageSaysRowsThatCannotBeProtectedAreHeldBack() {
    String researcherName = user("RESEARCHER", Map.of());
    signIn(researcherName, "research.html");
    String legend = visible(By.id("rowsLegend")).getText();
    assertTrue(legend.contains("hålls undan"), legend);
    assertFalse(legend.contains("lämnas ut"), legend);
    signedOut();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
