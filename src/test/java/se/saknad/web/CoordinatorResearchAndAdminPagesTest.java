package se.saknad.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;

/**
 * The pages of the people who follow up (coordinator, researcher, administrator) read as Swedish
 * software: names instead of codes, Swedish numbers, what is needed to act, pickers a person can
 * use; and what is typed survives a sign-in that runs out.
 */
@MicronautTest(transactional = false)
@io.micronaut.context.annotation.Property(name = "saknad.embedded", value = "true")
@io.micronaut.context.annotation.Property(name = "saknad.data-dir", value = "target/web-test-data")
class CoordinatorResearchAndAdminPagesTest extends BrowserTest {
  @Inject se.saknad.demo.DemoHistory history;

  private UUID home;
  private UUID stockholmDesk;
  private String homeName;
  private String staffName;
  private String coordinatorName;
  private String researcherName;

  @BeforeAll
  void people() {
    home = aHome().at(TYRESO_CENTRUM).create();
    homeName = as(adminToken()).get("/api/v1/homes/" + home).string("name");
    stockholmDesk = stockholmPolice("Polisen RLC Stockholm (sidtest)", "+46701888101");
    staffName = user("HVB_STAFF", Map.of("homeId", home));
    coordinatorName = user("COORDINATOR", Map.of());
    researcherName = user("RESEARCHER", Map.of());
    history.write(home, 30, 7); // past cases, so that the research tables have rows
  }

  private String staff() {
    return login(staffName, PASSWORD);
  }

  private String report(UUID child, int minutesAgo) {
    return aReport()
        .of(child)
        .by(staff())
        .lastSeen(OffsetDateTime.now().minusMinutes(minutesAgo))
        .place("Tyresö centrum")
        .clothing("Grön jacka")
        .risk("HIGH")
        .create()
        .string("id");
  }

  private void returned(String caseId) {
    aReturn()
        .of(caseId)
        .by(staff())
        .at(OffsetDateTime.now().minusMinutes(5))
        .foundBy("Kom själv")
        .create();
  }

  private String text(String script, Object... args) {
    return (String) browser.executeScript(script, args);
  }

  /** The text as the page holds it: WebDriver's getText turns no-break spaces into spaces. */
  private String textContent(By by) {
    return text("return arguments[0].textContent", browser.findElement(by));
  }

  @Test
  void researchTablesNameCountiesGendersAndOutcomesAndWriteNumbersTheSwedishWay() {
    // Five concerns that a child misses school: the statistics publish that sign.
    String staff = staff();
    UUID worried = aChild().inHome(home).named("Orvina", "Forskningssida").by(staff).create();
    for (int i = 0; i < 5; i++) {
      as(staff)
          .post(
              "/api/v1/children/" + worried + "/concerns",
              Map.of(
                  "observedAt",
                  OffsetDateTime.now().minusHours(1).toString(),
                  "signs",
                  List.of("MISSES_SCHOOL"),
                  "note",
                  ""));
    }
    signIn(researcherName, "research.html");
    wait.until(d -> d.findElement(By.id("tables")).getText().contains("Återkomstsamtal"));
    wait.until(d -> d.findElements(By.cssSelector("#rows tr")).size() > 0);
    String tables = textContent(By.id("tables"));
    assertTrue(tables.contains("Stockholms län"), tables);
    assertTrue(tables.contains("Pojke") || tables.contains("Flicka"), tables);
    assertTrue(tables.contains("Afghanistan"), tables);
    assertFalse(tables.matches("(?s).*\\b(MALE|FEMALE|AF)\\b.*"), tables);
    // No county by its code: "01" alone in a cell.
    List<String> cells =
        browser.findElements(By.cssSelector("#tables td")).stream()
            .map(WebElement::getText)
            .toList();
    assertFalse(cells.contains("01"), cells.toString());
    assertFalse(cells.contains("16-17"), "age bands read 16–17 år: " + cells);
    // Shares as sv-SE writes them: a decimal comma and a no-break space before the percent sign.
    String shares = textContent(By.id("returnShares"));
    assertTrue(shares.matches("(?s).*\\d\u00a0%.*"), shares);
    assertFalse(shares.matches("(?s).*\\d\\.\\d.*"), shares);
    assertFalse(shares.contains(" %"), shares);
    // The concerns before a disappearance, in Swedish: signs by name, never by code.
    String concerns = textContent(By.id("concernStatistics"));
    assertTrue(concerns.contains("Oro före försvinnanden"), concerns);
    assertTrue(concerns.contains("Orosanmälningar: "), concerns);
    assertTrue(concerns.contains("Skyddsbedömda i tid"), concerns);
    assertTrue(concerns.contains("Barn som försvann upprepade gånger: "), concerns);
    assertTrue(concerns.contains("Uteblir från skolan"), concerns);
    assertFalse(concerns.matches("(?s).*\\b[A-Z]+_[A-Z_]+\\b.*"), concerns);
    String rows = textContent(By.id("rows"));
    assertFalse(rows.matches("(?s).*\\b(HELD|DECLINED|NOT_HELD|MALE|FEMALE)\\b.*"), rows);
    assertTrue(rows.contains("Samtal hållet") || rows.contains("Barnet avböjde"), rows);

    // On a phone the rows scroll sideways: the keyboard reaches them (axe:
    // scrollable-region-focusable).
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      wait.until(
          d ->
              Boolean.TRUE.equals(
                  browser.executeScript(
                      "const w = document.querySelector('#rowsPanel > .table-wrap');"
                          + " return w.scrollWidth > w.clientWidth"
                          + " && w.getAttribute('tabindex') === '0'"
                          + " && w.getAttribute('role') === 'region' && !!w.getAttribute('aria-label');")));
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    }
  }

  @Test
  void theCoordinatorSeesHowLateEachDebriefIsHowLongDeliveriesWaitAndMergesADuplicate() {
    UUID open = aChild().inHome(home).named("Yasmin", "Dubblettsson").by(staff()).create();
    String openCase = report(open, 25);
    UUID duplicate = aChild().inHome(home).named("Yasmine", "Dubbletsson").by(staff()).create();
    UUID late = aChild().inHome(home).named("Omid", "Senkomst").by(staff()).create();
    String lateCase = report(late, 300);
    returned(lateCase);
    sql(
        "UPDATE disappearance_case SET debrief_due_by = now() - interval '3 days 2 hours'"
            + " WHERE id = ?::uuid",
        lateCase);

    signIn(coordinatorName, "coordinator.html");
    WebElement overdue =
        wait.until(
            d ->
                d.findElements(By.cssSelector("#overdue tr")).stream()
                    .filter(r -> r.getText().contains(codeOf(lateCase)))
                    .findFirst()
                    .orElse(null));
    assertTrue(overdue.getText().contains(homeName), overdue.getText());
    assertTrue(overdue.getText().contains("Tyresö"), overdue.getText());
    assertTrue(overdue.getText().contains("3 dagar"), overdue.getText());

    WebElement waiting =
        wait.until(
            d ->
                d.findElements(By.cssSelector("#deliveries tr")).stream()
                    .filter(r -> r.getText().contains("Polisen RLC Stockholm (sidtest)"))
                    .filter(r -> r.getText().contains(codeOf(openCase)))
                    .findFirst()
                    .orElse(null));
    List<WebElement> cells = waiting.findElements(By.tagName("td"));
    String waited = cells.get(cells.size() - 1).getText();
    assertTrue(waited.matches("\\d+ (min|tim \\d+ min)"), "waited: " + waiting.getText());

    By row = By.cssSelector("#duplicates tr[data-duplicate='" + duplicate + "']");
    WebElement pair = visible(row);
    assertTrue(
        pair.findElements(By.cssSelector("a[href='child.html?id=" + open + "']")).size() == 1,
        "a link to the child of the open case");
    assertTrue(
        pair.findElements(By.cssSelector("a[href='child.html?id=" + duplicate + "']")).size() == 1,
        "a link to the possible duplicate");
    pair.findElement(By.xpath(".//button[normalize-space()='Slå ihop']")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(d -> d.findElement(By.id("duplicatesStatus")).getText().contains("sammanslagen"));
    assertEquals(
        List.of(open.toString()),
        column("SELECT merged_into::text FROM child WHERE id = ?", duplicate));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
  }

  private String codeOf(String caseId) {
    return TestDatabase.value(
        String.class, "SELECT code FROM disappearance_case WHERE id = ?::uuid", caseId);
  }

  @Test
  void theAdministratorPicksMunicipalitiesByTypingAndSeesEachErrorBesideItsField() {
    UUID closed = aHome().at(TYRESO_CENTRUM).create();
    sql("UPDATE home SET closed_on = current_date - 1 WHERE id = ?", closed);
    signIn("admin", "admin.html");
    wait.until(d -> d.findElement(By.id("users")).getText().contains(staffName));
    String users = browser.findElement(By.id("users")).getText();
    assertTrue(users.contains("HVB-personal"), users);
    assertFalse(users.contains("HVB_STAFF"), users);
    List<String> homes =
        browser.findElements(By.cssSelector("#userHome option")).stream()
            .map(o -> o.getAttribute("value"))
            .toList();
    assertTrue(homes.contains(home.toString()), homes.toString());
    assertFalse(homes.contains(closed.toString()), "a closed home is offered: " + homes);

    // Keyboard only: type, Enter; the arrows move in the list; Backspace and a chip's button
    // remove.
    WebElement search = browser.findElement(By.id("municipalityCodes"));
    assertEquals("combobox", search.getAttribute("role"));
    search.sendKeys("malm");
    search.sendKeys(Keys.ENTER);
    search.sendKeys("tyre");
    search.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
    search.sendKeys("stockh");
    search.sendKeys(Keys.ENTER);
    search.sendKeys(Keys.BACK_SPACE); // takes Stockholm away again
    browser.findElement(By.cssSelector("button[aria-label='Ta bort Malmö']")).sendKeys(Keys.ENTER);
    List<String> chips =
        browser.findElements(By.cssSelector("#municipalityPicker .chip")).stream()
            .map(c -> c.getText().replace("×", "").trim())
            .toList();
    assertEquals(List.of("Tyresö"), chips);

    browser.findElement(By.id("recipientName")).sendKeys("Tyresö socialjour (sidtest)");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("kind")))
        .selectByValue("SOCIAL_SERVICES");
    browser.findElement(By.id("contactName")).sendKeys("Jourhavande");
    browser.findElement(By.id("contactPhone")).sendKeys("070-188 81 02");
    send("recipientForm");
    wait.until(d -> d.findElement(By.id("banner")).getText().contains("Mottagaren är sparad"));
    Json saved =
        as(adminToken())
            .get("/api/v1/recipients")
            .list("[?(@.name == 'Tyresö socialjour (sidtest)')]")
            .get(0);
    assertEquals(List.of("0138"), saved.strings("coverage.municipalityCodes"));

    // A failed save: no "saved" banner left from before, the phone's error beside the phone.
    WebElement again = browser.findElement(By.id("municipalityCodes"));
    again.sendKeys("tyre");
    again.sendKeys(Keys.ENTER);
    browser.findElement(By.id("recipientName")).sendKeys("Felnummer (sidtest)");
    browser.findElement(By.id("contactName")).sendKeys("Jourhavande");
    browser.findElement(By.id("contactPhone")).sendKeys("123");
    send("recipientForm");
    WebElement phoneError = visible(By.id("contactPhone-error"));
    assertTrue(phoneError.getText().contains("telefonnummer"), phoneError.getText());
    assertEquals(
        browser.findElement(By.id("contactPhone")).findElement(By.xpath("..")),
        phoneError.findElement(By.xpath("..")),
        "the message sits in the phone's own field");
    assertTrue(browser.findElements(By.id("contactName-error")).isEmpty());
    assertFalse(browser.findElement(By.id("banner")).isDisplayed(), "a stale saved banner");
  }

  /** An officer's account is bound to the desk it acknowledges for, picked among police only. */
  @Test
  void theAdministratorBindsANewOfficerToAPoliceDesk() {
    signIn("admin", "admin.html");
    wait.until(d -> d.findElement(By.id("users")).getText().contains(staffName));
    String username = "polis-sidtest-" + UUID.randomUUID().toString().substring(0, 6);
    browser.findElement(By.id("username")).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("role")))
        .selectByValue("POLICE");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("userRegion")))
        .selectByValue("STOCKHOLM");
    org.openqa.selenium.support.ui.Select desks =
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("userRecipient")));
    List<String> offered =
        desks.getOptions().stream()
            .map(o -> o.getAttribute("value"))
            .filter(v -> !v.isEmpty())
            .toList();
    List<Object> police =
        column("SELECT id::text FROM recipient WHERE kind = 'POLICE' AND deleted_at IS NULL");
    assertTrue(offered.contains(stockholmDesk.toString()), offered.toString());
    assertTrue(police.containsAll(offered), "only police recipients are offered: " + offered);
    desks.selectByValue(stockholmDesk.toString());
    send("userForm");
    wait.until(d -> d.findElement(By.id("banner")).getText().contains("Användaren är skapad"));
    assertEquals(
        stockholmDesk.toString(),
        as(adminToken())
            .get("/api/v1/users")
            .list("[?(@.username == '" + username + "')]")
            .get(0)
            .string("recipientId"));
  }

  @Test
  void aCoordinatorRegisteringAChildIsNotOfferedAClosedHome() {
    UUID closed = aHome().at(TYRESO_CENTRUM).create();
    sql("UPDATE home SET closed_on = current_date WHERE id = ?", closed);
    signIn(coordinatorName, "coordinator.html");
    browser.get(url("/app/child.html"));
    wait.until(d -> d.findElements(By.cssSelector("#homeId option")).size() > 0);
    List<String> homes =
        browser.findElements(By.cssSelector("#homeId option")).stream()
            .map(o -> o.getAttribute("value"))
            .toList();
    assertTrue(homes.contains(home.toString()), homes.toString());
    assertFalse(homes.contains(closed.toString()), "a closed home is offered: " + homes);
  }

  /** A child who was missing and is back, its case page open for the home's staff. */
  private String returnedCaseOnScreen(String given, String family) {
    UUID child = aChild().inHome(home).named(given, family).by(staff()).create();
    String caseId = report(child, 120);
    returned(caseId);
    signIn(staffName, "staff.html");
    browser.get(url("/app/case.html?id=" + caseId));
    return caseId;
  }

  @Test
  void theReturnedBadgeReadsWithAContrastOfAtLeastFourAndAHalf() {
    returnedCaseOnScreen("Kontrast", "Märkesson");
    WebElement badge = visible(By.id("status"));
    wait.until(d -> badge.getText().equals("Återkommen"));
    // WCAG 2 contrast from the colours the browser computed, the background taken from the
    // nearest element that has one.
    Double ratio =
        ((Number)
                browser.executeScript(
                    "const rgb = (c) => c.match(/[\\d.]+/g).map(Number);"
                        + "const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;"
                        + " return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })"
                        + " .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);"
                        + "let n = arguments[0], bg = null;"
                        + "while (n && !bg) { const c = rgb(getComputedStyle(n).backgroundColor);"
                        + " if (c.length < 4 || c[3] > 0) bg = c; n = n.parentElement; }"
                        + "const a = lum(rgb(getComputedStyle(arguments[0]).color)), b = lum(bg || [255, 255, 255]);"
                        + "return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);",
                    badge))
            .doubleValue();
    assertTrue(ratio >= 4.5, "contrast of the Återkommen badge: " + ratio);
  }

  /** Makes the tab's token one the service refuses, as an expired one is (401). */
  private void signInRunsOut() {
    browser.executeScript(
        "const t = sessionStorage.getItem('saknad.token');"
            + " const parts = t.split('.');"
            + " parts[2] = parts[2].split('').reverse().join('');"
            + " sessionStorage.setItem('saknad.token', parts.join('.'));");
  }

  @Test
  void aReportTypedWhileTheSignInRunsOutIsThereAgainAfterSigningIn() {
    UUID child = aChild().inHome(home).named("Utkast", "Rapportsson").by(staff()).create();
    signIn(staffName, "staff.html");
    browser.get(url("/app/report.html?child=" + child));
    visible(By.id("clothing")).sendKeys("Röd mössa, svarta byxor, grå ryggsäck");
    signInRunsOut();
    send("report");
    wait.until(ExpectedConditions.urlContains("index.html"));
    assertTrue(visible(By.id("message")).getText().contains("Inloggningen har gått ut"));
    typeCredentials(staffName);
    wait.until(ExpectedConditions.urlContains("report.html?child=" + child));
    wait.until(
        d ->
            "Röd mössa, svarta byxor, grå ryggsäck"
                .equals(d.findElement(By.id("clothing")).getAttribute("value")));
    assertEquals(
        List.of(0L), column("SELECT count(*) FROM disappearance_case WHERE child_id = ?", child));
  }

  @Test
  void aDebriefTypedWhileTheSignInRunsOutIsThereAgainAfterSigningIn() {
    String caseId = returnedCaseOnScreen("Utkast", "Samtalsson");
    wait.until(d -> d.findElements(By.cssSelector("#reasons input")).size() > 5);
    String words = "Jag ville träffa min kusin i Göteborg.";
    browser.findElement(By.id("childStatement")).sendKeys(words);
    browser.findElement(By.cssSelector("#reasons input[value=TO_REACH_RELATIVES]")).click();
    heldBySocialWorker();
    signInRunsOut();
    send("debriefForm");
    wait.until(ExpectedConditions.urlContains("index.html"));
    typeCredentials(staffName);
    wait.until(ExpectedConditions.urlContains("case.html?id=" + caseId));
    wait.until(d -> words.equals(d.findElement(By.id("childStatement")).getAttribute("value")));
    assertTrue(
        browser
            .findElement(By.cssSelector("#reasons input[value=TO_REACH_RELATIVES]"))
            .isSelected());
    assertEquals(
        List.of(0L), column("SELECT count(*) FROM debrief WHERE case_id = ?::uuid", caseId));
  }

  @Test
  void afterTheReturnTheAlertedStayListedAndTheSearchAreaIsDrawnOnce() {
    UUID child = aChild().inHome(home).named("Karta", "Cirkelsson").by(staff()).create();
    String caseId = report(child, 15);
    signIn(staffName, "staff.html");
    browser.get(url("/app/case.html?id=" + caseId));
    wait.until(
        d -> d.findElement(By.id("alerted")).getText().contains("Polisen RLC Stockholm (sidtest)"));
    wait.until(d -> d.findElements(By.cssSelector("#map path.leaflet-interactive")).size() > 0);
    // Let the page's own refresh redraw the area at least once.
    wait.withTimeout(java.time.Duration.ofSeconds(12))
        .until(
            d ->
                (Boolean)
                    ((org.openqa.selenium.JavascriptExecutor) d)
                        .executeScript(
                            "return performance.getEntriesByType('resource').filter(e =>"
                                + " e.name.includes('/api/v1/cases/')).length >= 2"));
    Long circles =
        (Long)
            browser.executeScript(
                "return document.querySelectorAll('#map path.leaflet-interactive[stroke=\"#b3261e\"]').length");
    assertEquals(1L, circles, "search area circles on the map");
    browser.findElement(By.id("foundBy")).sendKeys("Polisen");
    browser.findElement(By.id("condition")).sendKeys("Oskadd");
    send("returnForm");
    wait.until(
        d -> d.findElement(By.id("banner")).getText().contains("Återkomsten är registrerad"));
    assertTrue(
        browser.findElement(By.id("alerted")).getText().contains("Polisen RLC Stockholm (sidtest)"),
        browser.findElement(By.id("alerted")).getText());
  }

  @Test
  void theCaseListShowsTheNewestTwoHundredAndTheNextOnesOnRequest() {
    UUID otherHome = aHome().at(TYRESO_CENTRUM).create();
    String otherStaff = user("HVB_STAFF", Map.of("homeId", otherHome));
    UUID child = aChild().inHome(otherHome).named("Lista", "Sidsson").create();
    String caseId =
        aReport().of(child).by(login(otherStaff, PASSWORD)).risk("HIGH").create().string("id");
    // 201 closed cases of the child, a minute apart: more than one page of the list.
    sql(
        """
        INSERT INTO disappearance_case
        SELECT (jsonb_populate_record(d, jsonb_build_object('id', gen_random_uuid(),
                  'status', 'CLOSED', 'code', (2000 + n)::text,
                  'reported_at', d.reported_at - n * interval '1 minute'))).*
        FROM disappearance_case d, generate_series(1, 201) AS n WHERE d.id = ?::uuid
        """,
        caseId);
    signIn(otherStaff, "staff.html");
    browser.get(url("/app/cases.html"));
    wait.until(d -> d.findElements(By.cssSelector("#cases tr")).size() == 1);
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("status")))
        .selectByValue("CLOSED");
    browser.findElement(By.cssSelector("#filter button[type=submit]")).click();
    wait.until(d -> d.findElements(By.cssSelector("#cases tr")).size() == 200);
    assertEquals("2001", browser.findElement(By.cssSelector("#cases tr td a")).getText());
    visible(By.id("more")).click();
    wait.until(d -> d.findElements(By.cssSelector("#cases tr")).size() == 201);
    List<WebElement> rows = browser.findElements(By.cssSelector("#cases tr td:first-child a"));
    assertEquals("2201", rows.get(200).getText());
    assertFalse(browser.findElement(By.id("more")).isDisplayed());
  }

  @Test
  void theAcknowledgementPanelIsNotShownToThoseWhoMayNotAcknowledge() {
    UUID child = aChild().inHome(home).named("Panel", "Doldsson").by(staff()).create();
    String caseId = report(child, 10);
    signIn(staffName, "staff.html");
    browser.get(url("/app/case.html?id=" + caseId));
    wait.until(d -> d.findElement(By.id("sheet")).isDisplayed());
    // The panel's own class set display: flex, which showed it despite its hidden attribute.
    assertFalse(browser.findElement(By.id("ackPanel")).isDisplayed());
  }
}
