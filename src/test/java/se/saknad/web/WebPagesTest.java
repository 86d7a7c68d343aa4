package se.saknad.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;

/**
 * The web pages in Debian's Chromium, headless, driven through its ChromeDriver against the running
 * service. Screenshots of the main pages are written to target/screenshots.
 */
@MicronautTest(transactional = false)
@io.micronaut.context.annotation.Property(name = "saknad.embedded", value = "true")
@io.micronaut.context.annotation.Property(name = "saknad.data-dir", value = "target/web-test-data")
class WebPagesTest extends BrowserTest {
  @Inject se.saknad.demo.DemoHistory history;

  private UUID home;
  private UUID child;
  private String staffName;
  private String coordinatorName;
  private String researcherName;
  private String policeName;
  private String policeSouthName;

  @BeforeAll
  void people() {
    home = aHome().at(TYRESO_CENTRUM).create();
    UUID desk = stockholmPolice("Polisen RLC Stockholm (webbtest)", "+46701888001");
    staffName = user("HVB_STAFF", Map.of("homeId", home));
    coordinatorName = user("COORDINATOR", Map.of());
    researcherName = user("RESEARCHER", Map.of());
    policeName = user("POLICE", Map.of("policeRegion", "STOCKHOLM", "recipientId", desk));
    policeSouthName = user("POLICE", Map.of("policeRegion", "SYD"));
    child =
        aChild().inHome(home).named("Samir", "Webbtest").by(login(staffName, PASSWORD)).create();
    history.write(home, 30, 7); // a year of past cases for the research charts
  }

  @Test
  void staffReportAChildMissingInFourFieldsAndSeeWhoIsAlertedAndWhoAcknowledged()
      throws IOException {
    signIn(staffName, "staff.html");
    WebElement card = visible(By.cssSelector("[data-child='" + child + "']"));
    assertTrue(card.getText().contains("Samir Webbtest"));
    screenshot("staff-children");
    card.findElement(By.linkText("Anmäl försvunnen")).click();

    wait.until(ExpectedConditions.urlContains("report.html"));
    WebElement form = visible(By.id("report"));
    wait.until(d -> form.findElements(By.cssSelector(".leaflet-interactive")).size() > 0);
    List<WebElement> fields =
        form.findElements(By.cssSelector("input, select, textarea")).stream()
            .filter(WebElement::isDisplayed)
            .toList();
    // time, place name (with the map), clothing, risk grade
    assertTrue(fields.size() <= 4, "fields on the report form: " + fields.size());
    browser.findElement(By.id("clothing")).sendKeys("Blå jacka, vita skor");
    screenshot("report-form");
    send("report");

    wait.until(ExpectedConditions.urlContains("case.html"));
    wait.until(d -> d.findElement(By.id("code")).getText().matches("\\d{4,5}"));
    WebElement alerted =
        wait.until(
            d -> {
              WebElement body = d.findElement(By.id("alerted"));
              return body.getText().contains("Polisen RLC Stockholm (webbtest)") ? body : null;
            });
    assertTrue(alerted.getText().contains("Polis"));
    String code = browser.findElement(By.id("code")).getText();

    // The duty officer answers the SMS; the page follows by itself.
    sql(
        "UPDATE delivery SET status = 'ACKNOWLEDGED', acknowledged_at = now() WHERE case_id ="
            + " (SELECT id FROM disappearance_case WHERE code = ? AND child_id = ?)"
            + " AND recipient_kind = 'POLICE'",
        code,
        child);
    wait.withTimeout(Duration.ofSeconds(20))
        .until(d -> d.findElement(By.id("alerted")).getText().contains("Kvitterad"));
    screenshot("case-confirmation");

    // The child comes back: a return, then the debrief form appears.
    browser.findElement(By.id("foundBy")).sendKeys("Kom tillbaka själv");
    browser.findElement(By.id("condition")).sendKeys("Trött men oskadd");
    send("returnForm");
    visible(By.id("debriefForm"));
    wait.until(d -> d.findElements(By.cssSelector("#reasons input")).size() > 5);
    browser.findElement(By.cssSelector("#reasons input[value=TO_REACH_RELATIVES]")).click();
    heldBySocialWorker();
    send("debriefForm");
    wait.until(d -> d.findElement(By.id("banner")).getText().contains("version 1"));
    assertEquals(
        List.of(List.of("TO_REACH_RELATIVES").toString()),
        column(
                "SELECT b.reasons::text FROM debrief b JOIN disappearance_case d ON d.id = b.case_id"
                    + " WHERE d.child_id = ?",
                child)
            .stream()
            .map(r -> r.toString().replace("{", "[").replace("}", "]"))
            .toList());
  }

  @Test
  void aFormErrorIsShownBesideTheField() throws IOException {
    UUID other =
        aChild().inHome(home).named("Elias", "Felprov").by(login(staffName, PASSWORD)).create();
    signIn(staffName, "staff.html");
    browser.get(url("/app/report.html?child=" + other));
    WebElement when = visible(By.id("lastSeenAt"));
    browser.executeScript(
        "arguments[0].value = arguments[1]",
        when,
        java.time.LocalDateTime.now().plusDays(2).withSecond(0).withNano(0).toString());
    send("report");
    WebElement message = visible(By.id("lastSeenAt-error"));
    assertTrue(message.getText().contains("framtiden"), message.getText());
    assertEquals("true", when.getAttribute("aria-invalid"));
    assertTrue(browser.findElement(By.cssSelector("#report .form-error")).isDisplayed());
    screenshot("report-error");
    assertEquals(
        List.of(0L), column("SELECT count(*) FROM disappearance_case WHERE child_id = ?", other));
  }

  @Test
  void theCoordinatorMapShowsTheOpenCase() throws IOException {
    UUID missing =
        aChild().inHome(home).named("Yasin", "Kartprov").by(login(staffName, PASSWORD)).create();
    Map<String, Object> report =
        Map.of(
            "lastSeenAt",
            java.time.OffsetDateTime.now().minusMinutes(20).toString(),
            "lastSeenLocation",
            TYRESO_CENTRUM,
            "lastSeenPlace",
            "Tyresö centrum",
            "riskLevel",
            "HIGH");
    String caseId =
        as(login(staffName, PASSWORD))
            .post("/api/v1/children/" + missing + "/disappearances", report)
            .string("id");
    signIn(coordinatorName, "coordinator.html");
    WebElement row = visible(By.cssSelector("#cases tr[data-case='" + caseId + "']"));
    assertTrue(row.getText().contains("Yasin Kartprov"));
    assertTrue(
        row.getText().contains("Polisen RLC Stockholm (webbtest)"),
        row.getText() + " / " + browser.manage().logs().get("browser").getAll());
    Long areas =
        (Long)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return document.querySelectorAll('#map path.leaflet-interactive').length");
    assertTrue(areas >= 1, "search areas drawn: " + areas);
    visible(By.id("deliveries"));
    screenshot("coordinator-map");
  }

  @Test
  void theResearcherSeesChartsAndCannotOpenTheStaffPages() throws IOException {
    signIn(researcherName, "research.html");
    wait.until(
        d ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) d)
                    .executeScript(
                        "return Chart.getChart(document.getElementById('byMonth')) !== undefined")));
    visible(By.id("rowsPanel"));
    screenshot("research");
    browser.get(url("/app/staff.html"));
    WebElement refusal = visible(By.cssSelector("main .form-error"));
    assertTrue(refusal.getText().contains("inte avsedd för din roll"), refusal.getText());
    assertTrue(browser.findElements(By.cssSelector("[data-child]")).isEmpty());
  }

  @Test
  void thePagesFitAPhoneScreen() throws IOException {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      signIn(staffName, "staff.html");
      visible(By.cssSelector("[data-child='" + child + "']"));
      assertFitsTheScreen("staff.html");
      screenshot("staff-phone");
      browser.get(url("/app/report.html?child=" + child));
      visible(By.id("report"));
      assertFitsTheScreen("report.html");
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    }
  }

  private void assertFitsTheScreen(String page) {
    Long overflow =
        (Long)
            browser.executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth");
    assertTrue(overflow <= 0, page + " is wider than the phone by " + overflow + " px");
  }

  @Test
  void tabFromTheTopOfTheReportReachesClothingInTenPresses() {
    UUID tabber =
        aChild().inHome(home).named("Tabb", "Tangentsson").by(login(staffName, PASSWORD)).create();
    signIn(staffName, "staff.html");
    browser.get(url("/app/report.html?child=" + tabber));
    WebElement map = visible(By.id("map"));
    wait.until(d -> map.findElements(By.cssSelector("path")).size() > 100);
    browser.executeScript(
        "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
    int presses = 0;
    String focused = "";
    while (presses < 40 && !"clothing".equals(focused)) {
      new org.openqa.selenium.interactions.Actions(browser)
          .sendKeys(org.openqa.selenium.Keys.TAB)
          .perform();
      presses++;
      focused = (String) browser.executeScript("return document.activeElement.id");
    }
    assertEquals("clothing", focused, "after " + presses + " presses");
    assertTrue(presses <= 10, "Tab presses to Klädsel: " + presses);
  }

  @Test
  void onAPhoneTheReportFormComesBeforeTheMap() {
    UUID small =
        aChild().inHome(home).named("Liten", "Skärmsson").by(login(staffName, PASSWORD)).create();
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      signIn(staffName, "staff.html");
      browser.get(url("/app/report.html?child=" + small));
      WebElement send = visible(By.cssSelector("#report button[type=submit]"));
      WebElement clothing = visible(By.id("clothing"));
      long innerHeight = (Long) browser.executeScript("return window.innerHeight");
      assertTrue(
          clothing.getRect().getY() < innerHeight && send.getRect().getY() < innerHeight * 1.2,
          "Klädsel at " + clothing.getRect().getY() + ", Skicka larm at " + send.getRect().getY());
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    }
  }

  /** axe-core's rules on the page as it stands; the serious and critical violations, named. */
  @Test
  void everyPageInEveryRoleHasNoSeriousAccessibilityViolation() throws Exception {
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    UUID checked =
        aChild()
            .inHome(home)
            .named("Axel", "Granskningsson")
            .by(login(staffName, PASSWORD))
            .create();
    String caseId =
        aReport()
            .of(checked)
            .by(login(staffName, PASSWORD))
            .minutesAgo(30)
            .clothing("Röd jacka")
            .risk("HIGH")
            .create()
            .string("id");
    Map<String, List<String>> pages = new java.util.LinkedHashMap<>();
    pages.put(
        staffName,
        List.of(
            "staff.html",
            "child.html",
            "child.html?id=" + checked,
            "report.html?child=" + child,
            "case.html?id=" + caseId,
            "cases.html"));
    pages.put(
        coordinatorName,
        List.of(
            "coordinator.html",
            "cases.html",
            "case.html?id=" + caseId,
            "research.html",
            "sandbox.html"));
    pages.put(researcherName, List.of("research.html"));
    pages.put(policeName, List.of("cases.html", "case.html?id=" + caseId));
    pages.put("admin", List.of("admin.html", "sandbox.html"));
    List<String> violations = new java.util.ArrayList<>();
    browser.get(url("/app/index.html"));
    // The check itself sees a violation when there is one: an image without a text alternative.
    browser.executeScript(
        "const i = document.createElement('img'); i.id = 'probe'; i.src = 'data:,';"
            + " document.querySelector('main').append(i);");
    assertTrue(
        accessibilityViolations("probe").stream().anyMatch(v -> v.contains("image-alt")),
        "axe-core reports a missing alt text");
    browser.executeScript("document.getElementById('probe').remove()");
    violations.addAll(accessibilityViolations("index.html"));
    for (Map.Entry<String, List<String>> person : pages.entrySet()) {
      browser.get(url("/app/index.html"));
      browser.executeScript("sessionStorage.clear()");
      browser.findElement(By.id("username")).sendKeys(person.getKey());
      browser
          .findElement(By.id("password"))
          .sendKeys(person.getKey().equals("admin") ? ADMIN_PASSWORD : PASSWORD);
      send("signin");
      wait.until(d -> !d.getCurrentUrl().contains("index.html"));
      for (String page : person.getValue()) {
        browser.get(url("/app/" + page));
        wait.until(d -> d.findElements(By.cssSelector("header.top nav")).size() > 0);
        Thread.sleep(1500); // the page's own calls
        violations.addAll(accessibilityViolations(person.getKey() + " " + page));
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void thePlaceCanBeChosenWithTheKeyboard() {
    UUID walker =
        aChild().inHome(home).named("Tangent", "Bordsson").by(login(staffName, PASSWORD)).create();
    signIn(staffName, "staff.html");
    browser.get(url("/app/report.html?child=" + walker));
    WebElement map = visible(By.id("map"));
    wait.until(d -> map.findElements(By.cssSelector(".leaflet-interactive")).size() > 0);
    for (int i = 0; i < 4; i++) {
      map.sendKeys(org.openqa.selenium.Keys.ARROW_LEFT);
    }
    map.sendKeys(org.openqa.selenium.Keys.ENTER);
    browser.findElement(By.id("clothing")).sendKeys("Grön tröja");
    send("report");
    wait.until(ExpectedConditions.urlContains("case.html"));
    double lon =
        ((Number)
                column(
                        "SELECT ST_X(last_seen_location::geometry) FROM disappearance_case"
                            + " WHERE child_id = ?",
                        walker)
                    .get(0))
            .doubleValue();
    assertTrue(lon < 18.2290 - 0.01, "moved west of the home with the arrow keys: " + lon);
  }

  @Test
  void thePagesRunOnlyTheirOwnScripts() throws Exception {
    var answer =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/app/index.html")))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(policy.contains("script-src 'self';"), policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertTrue(!answer.body().contains("<script>"), "no inline script in index.html");
  }

  /** Uploads a photo as staff do, multipart, and returns nothing: the page must show it. */
  private void uploadPhoto(UUID child) throws Exception {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(600, 800, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(new java.awt.Color(70, 110, 150));
    g.fillRect(0, 0, 600, 800);
    g.setColor(new java.awt.Color(225, 190, 160));
    g.fillOval(170, 160, 260, 340);
    g.dispose();
    java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "jpg", jpeg);
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(
        ("--webb\r\nContent-Disposition: form-data; name=\"file\"; filename=\"foto.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n")
            .getBytes());
    body.write(jpeg.toByteArray());
    body.write(
        ("\r\n--webb\r\nContent-Disposition: form-data; name=\"takenOn\"\r\n\r\n"
                + java.time.LocalDate.now().minusDays(20)
                + "\r\n--webb--\r\n")
            .getBytes());
    var answer =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url("/api/v1/children/" + child + "/photos")))
                    .header("Authorization", "Bearer " + login(staffName, PASSWORD))
                    .header("Content-Type", "multipart/form-data; boundary=webb")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(201, answer.statusCode(), answer.body());
  }

  @Test
  void theSmsLinkOfAFreshAlertShowsPhotoAndClothingOnAPhoneAfterSignIn() throws Exception {
    UUID missing =
        aChild().inHome(home).named("Amir", "Länksson").by(login(staffName, PASSWORD)).create();
    uploadPhoto(missing);
    String caseId =
        aReport()
            .of(missing)
            .by(login(staffName, PASSWORD))
            .minutesAgo(40)
            .place("Tyresö centrum, vid bussarna")
            .clothing("Grön parkas, svarta jeans")
            .risk("HIGH")
            .create()
            .string("id");
    String sms =
        TestDatabase.value(
            String.class,
            "SELECT body FROM delivery WHERE case_id = ?::uuid AND recipient_kind = 'POLICE'"
                + " LIMIT 1",
            caseId);
    String link = sms.substring(sms.lastIndexOf(' ') + 1);
    assertTrue(link.startsWith("http://saknad.test/c/"), sms);
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      browser.get(link.replace("http://saknad.test", server.getURL().toString()));
      wait.until(ExpectedConditions.urlContains("index.html"));
      browser.findElement(By.id("username")).sendKeys(policeName);
      browser.findElement(By.id("password")).sendKeys(PASSWORD);
      send("signin");
      wait.until(ExpectedConditions.urlContains("case.html?id=" + caseId));
      WebElement photo = visible(By.id("photo"));
      wait.until(
          d ->
              ((Number)
                          ((JavascriptExecutor) d)
                              .executeScript("return arguments[0].naturalWidth", photo))
                      .intValue()
                  > 0);
      assertTrue(
          photo.getRect().getY() < 844, "the photo is on the first screen: " + photo.getRect());
      WebElement clothing = visible(By.id("clothing"));
      assertEquals("Grön parkas, svarta jeans", clothing.getText());
      assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Amir"));
      assertTrue(
          !browser.findElement(By.tagName("h1")).getText().contains("Länksson"),
          "no family name for the police");
      assertFitsTheScreen("case.html");
      screenshot("police-case-phone");

      browser.findElement(By.id("acknowledge")).click();
      wait.until(d -> d.findElement(By.id("banner")).getText().contains("kvitterat"));
      wait.until(d -> d.findElement(By.id("acknowledgements")).getText().contains("webben"));
      assertEquals(
          List.of("WEB"),
          column("SELECT DISTINCT channel FROM acknowledgement WHERE case_id = ?::uuid", caseId));
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    }
  }

  @Test
  void theSandboxShowsTheSmsAndAReplyAcknowledgesIt() throws IOException {
    UUID missing =
        aChild().inHome(home).named("Nadia", "Sandsson").by(login(staffName, PASSWORD)).create();
    Json opened =
        aReport()
            .of(missing)
            .by(login(staffName, PASSWORD))
            .minutesAgo(25)
            .place("Tyresö centrum")
            .clothing("Blå jacka")
            .risk("ELEVATED")
            .create();
    String code = opened.string("code");
    signIn(coordinatorName, "coordinator.html");
    wait.until(d -> d.findElement(By.cssSelector("header nav")).getText().contains("Sms-sandlåda"));
    browser.findElement(By.linkText("Sms-sandlåda")).click();
    WebElement message =
        wait.until(
            d ->
                d.findElements(By.cssSelector("#messages li[data-sid]")).stream()
                    .filter(li -> li.getText().contains("SAKNAD " + code))
                    .filter(li -> li.getText().contains("+46701888001"))
                    .findFirst()
                    .orElse(null));
    assertEquals(
        "OK " + code,
        message.findElement(By.cssSelector("input[name=body]")).getAttribute("value"));
    message.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> message.findElement(By.cssSelector(".notice")).getText().contains("kvitterat"));
    screenshot("sms-sandbox");
    browser.get(url("/app/case.html?id=" + opened.id()));
    wait.until(
        d -> d.findElement(By.id("acknowledgements")).getText().contains("via sms-sandlådan"));
  }

  @Test
  void aCaseOutsideTheReadersAreaSaysSoInSwedish() {
    UUID elsewhere =
        aChild().inHome(home).named("Dold", "Områdesson").by(login(staffName, PASSWORD)).create();
    String caseId =
        aReport().of(elsewhere).by(login(staffName, PASSWORD)).minutesAgo(10).create().string("id");
    browser.get(url(se.saknad.cases.CaseLinks.path(UUID.fromString(caseId))));
    wait.until(ExpectedConditions.urlContains("index.html"));
    browser.findElement(By.id("username")).sendKeys(policeSouthName);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    send("signin");
    wait.until(ExpectedConditions.urlContains("case.html"));
    WebElement refusal = visible(By.cssSelector("#refusal .form-error"));
    assertTrue(refusal.getText().contains("utanför det område"), refusal.getText());
    assertEquals("Ärendet kan inte visas", browser.findElement(By.tagName("h1")).getText());
    assertTrue(!browser.findElement(By.id("sheet")).isDisplayed(), "nothing half drawn");
  }

  @Test
  void aDisabledUserIsSentToSignInAndTheSignInPageShowsOnlyItsOwnTexts() {
    String researcher = user("RESEARCHER", Map.of());
    signIn(researcher, "research.html");
    String id =
        as(adminToken())
            .get("/api/v1/users")
            .strings("[?(@.username == '" + researcher + "')].id")
            .get(0);
    as(adminToken()).patch("/api/v1/users/" + id, Map.of("enabled", false));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.urlContains("index.html"));
    assertTrue(visible(By.id("message")).getText().contains("Inloggningen har gått ut"));

    browser.get(url("/app/index.html?message=Ring%20supporten%20p%C3%A5%20070-1234567"));
    assertTrue(!browser.findElement(By.id("message")).isDisplayed());
    assertTrue(!browser.getPageSource().contains("Ring supporten"));
  }

  @Test
  void everyUserChangesTheirPasswordFromTheMenu() {
    String staff = user("HVB_STAFF", Map.of("homeId", home));
    signIn(staff, "staff.html");
    browser.findElement(By.linkText("Byt lösenord")).click();
    wait.until(ExpectedConditions.urlContains("password.html"));
    browser.findElement(By.id("currentPassword")).sendKeys(PASSWORD);
    browser.findElement(By.id("newPassword")).sendKeys("ett eget nytt lösenord");
    browser.findElement(By.id("repeatPassword")).sendKeys("ett eget nytt lösenord");
    send("passwordForm");
    assertEquals("Lösenordet är bytt.", visible(By.id("done")).getText());
    assertNotNull(login(staff, "ett eget nytt lösenord"));
  }

  @Test
  void aWrongPasswordOrAnEmptyFieldIsSaidInSwedish() {
    browser.get(url("/app/index.html"));
    send("signin");
    WebElement box = visible(By.cssSelector("#signin .form-error"));
    assertTrue(box.getText().contains("Rätta de 2 markerade fälten"), box.getText());
    assertTrue(!box.getText().contains("null"), box.getText());
    assertEquals("Fältet måste fyllas i.", browser.findElement(By.id("username-error")).getText());
    assertEquals("Fältet måste fyllas i.", browser.findElement(By.id("password-error")).getText());
    browser.findElement(By.id("username")).sendKeys(staffName);
    browser.findElement(By.id("password")).sendKeys("fel lösenord helt enkelt");
    send("signin");
    wait.until(
        d ->
            d.findElement(By.cssSelector("#signin .form-error"))
                .getText()
                .contains("Fel användarnamn eller lösenord"));
  }

  @Test
  void anAdministratorSeesUsersHomesAndRecipients() throws IOException {
    browser.get(url("/app/index.html"));
    browser.findElement(By.id("username")).sendKeys("admin");
    browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
    send("signin");
    wait.until(ExpectedConditions.urlContains("admin.html"));
    wait.until(d -> d.findElement(By.id("recipients")).getText().contains("webbtest"));
    wait.until(d -> d.findElement(By.id("users")).getText().contains(staffName));
    screenshot("admin");
    // Disabling a user from the table: the row says so and the user can no longer sign in.
    String leaving = user("RESEARCHER", Map.of());
    browser.navigate().refresh();
    By toggle = By.cssSelector("tr[data-user='" + leaving + "'] button[data-action=toggle]");
    // The table is drawn again while it loads: an element found a moment ago may be gone.
    wait.until(
        d -> {
          try {
            d.findElement(toggle).click();
            return true;
          } catch (org.openqa.selenium.StaleElementReferenceException
              | org.openqa.selenium.NoSuchElementException
              | org.openqa.selenium.ElementNotInteractableException redrawn) {
            return false;
          }
        });
    wait.until(
        d -> {
          try {
            return d.findElement(By.cssSelector("tr[data-user='" + leaving + "']"))
                .getText()
                .contains("Spärrad");
          } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
            return false;
          }
        });
    io.micronaut.http.client.exceptions.HttpClientResponseException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.micronaut.http.client.exceptions.HttpClientResponseException.class,
            () -> login(leaving, PASSWORD));
    assertEquals(401, refused.getStatus().getCode());
  }
}
