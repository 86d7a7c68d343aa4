package se.saknad.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * Base of the browser tests: Debian's Chromium, headless, driven through its ChromeDriver against
 * the running service; every test starts signed out, and a page that throws or breaks its own
 * Content-Security-Policy fails the test. Screenshots go to target/screenshots.
 */
abstract class BrowserTest extends ApiTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @Inject EmbeddedServer server;

  ChromeDriver browser;
  WebDriverWait wait;
  private Path profileDir;

  @BeforeAll
  void startBrowser() throws IOException {
    assertTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the browser tests need Debian's chromium and chromium-driver; bin/test installs them");
    profileDir = Files.createTempDirectory("saknad-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--lang=sv-SE",
        "--user-data-dir=" + profileDir);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void signedOut() {
    browser.get(url("/app/index.html"));
    browser.executeScript("sessionStorage.clear()");
  }

  /** A page that breaks its own policy or throws shows it in the console: that fails the test. */
  @AfterEach
  void noScriptErrorsNorPolicyViolations() {
    List<String> problems =
        browser.manage().logs().get("browser").getAll().stream()
            .map(e -> e.getLevel() + " " + e.getMessage())
            .filter(
                m ->
                    m.contains("Content Security Policy")
                        || m.contains("Uncaught")
                        || m.contains("TypeError")
                        || m.contains("ReferenceError"))
            .toList();
    assertEquals(List.of(), problems);
  }

  String user(String role, Map<String, Object> bindings) {
    String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = new java.util.HashMap<>(bindings);
    body.put("username", username);
    body.put("password", PASSWORD);
    body.put("role", role);
    as(adminToken()).post("/api/v1/users", body);
    return username;
  }

  /** A police recipient for the Stockholm region, acknowledging, so that a case there alerts it. */
  UUID stockholmPolice(String name, String phone) {
    return aRecipient()
        .police()
        .named(name)
        .coveringRegion("STOCKHOLM")
        .contact("Vakthavande", phone)
        .acknowledgementRequired(true)
        .escalateAfterMinutes(30)
        .create();
  }

  String url(String path) {
    return server.getURL().toString() + path;
  }

  void signIn(String username, String startPage) {
    browser.get(url("/app/index.html"));
    typeCredentials(username);
    wait.until(ExpectedConditions.urlContains(startPage));
  }

  /** Fills in and sends the sign-in form already on screen. */
  void typeCredentials(String username) {
    browser.findElement(By.id("username")).sendKeys(username);
    browser
        .findElement(By.id("password"))
        .sendKeys(username.equals("admin") ? ADMIN_PASSWORD : PASSWORD);
    send("signin");
  }

  /** Sends a form once its page has bound the form's handler (a click before that does nothing). */
  void send(String formId) {
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("#" + formId + "[data-ready] button[type=submit]")))
        .click();
  }

  /** On the debrief form: the interview was held, by a social worker (nothing is preselected). */
  void heldBySocialWorker() {
    wait.until(d -> d.findElements(By.cssSelector("#outcomes input[value=HELD]")).size() == 1);
    browser.findElement(By.cssSelector("#outcomes input[value=HELD]")).click();
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("interviewerRole")))
        .selectByValue("SOCIAL_WORKER");
    if (browser.findElement(By.id("conductedAt")).getAttribute("value").isEmpty()) {
      browser.executeScript("document.getElementById('conductedAt').value = Saknad.localInput()");
    }
  }

  /** The serious and critical violations axe-core finds on the page on screen. */
  List<String> accessibilityViolations(String label) throws IOException {
    String source = System.getenv("SAKNAD_AXE_JS");
    assertTrue(
        source != null && Files.isReadable(Path.of(source)),
        "the accessibility checks need axe-core; bin/test fetches it (SAKNAD_AXE_JS)");
    browser.executeScript(Files.readString(Path.of(source)));
    Json violations =
        Json.parse(
            String.valueOf(
                browser.executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, { resultTypes: ['violations'] })"
                        + ".then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id,"
                        + " impact: v.impact,"
                        + " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) })))))"
                        + ".catch(e => done(JSON.stringify([{ id: 'axe-failed: ' + e,"
                        + " impact: 'critical', nodes: [] }])));")));
    return violations.list().stream()
        .filter(v -> "serious".equals(v.string("impact")) || "critical".equals(v.string("impact")))
        .map(v -> label + ": " + v.string("id") + " " + v.strings("nodes"))
        .toList();
  }

  void screenshot(String name) throws IOException {
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }
}
