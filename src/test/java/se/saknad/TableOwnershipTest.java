package se.saknad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table has one owning feature (the table in README's architecture part). The SQL in main's
 * sources may insert into, update, delete from, select from or join a table only in its owner's
 * package; other features go through the owner's service. What is left is listed in {@link
 * #ALLOWED}, each with its reason.
 */
class TableOwnershipTest {
  static final Map<String, String> OWNER =
      Map.ofEntries(
          Map.entry("municipality", "geo"),
          Map.entry("county", "geo"),
          Map.entry("police_region", "geo"),
          Map.entry("app_user", "security"),
          Map.entry("login_failure", "security"),
          Map.entry("home", "homes"),
          Map.entry("child", "children"),
          Map.entry("child_change", "children"),
          Map.entry("child_photo", "children"),
          Map.entry("disappearance_case", "cases"),
          Map.entry("sighting", "cases"),
          Map.entry("case_return", "cases"),
          Map.entry("police_reference", "cases"),
          Map.entry("concern", "concerns"),
          Map.entry("concern_notice", "concerns"),
          Map.entry("recipient", "recipients"),
          Map.entry("recipient_contact", "recipients"),
          Map.entry("recipient_coverage_piece", "recipients"),
          Map.entry("alert", "alerts"),
          Map.entry("case_audience", "alerts"),
          Map.entry("delivery", "messaging.outbox"),
          Map.entry("delivery_event", "messaging.outbox"),
          Map.entry("sms_log", "messaging.sandbox"),
          Map.entry("inbound_message", "acknowledgements"),
          Map.entry("coordinator_notice", "messaging.outbox"),
          Map.entry("provider_erasure", "messaging.deletions"),
          Map.entry("acknowledgement", "acknowledgements"),
          Map.entry("voice_escalation", "escalation"),
          Map.entry("voice_gather", "escalation"),
          Map.entry("alert_first_send", "messaging.outbox"),
          Map.entry("sms_sender_pace", "messaging.outbox"),
          Map.entry("debrief", "debriefs"),
          Map.entry("debrief_version", "debriefs"),
          Map.entry("referral", "referrals"),
          Map.entry("referral_notice", "referrals"),
          Map.entry("report_quote", "report"),
          Map.entry("research_text", "research"),
          Map.entry("audit_event", "audit"),
          Map.entry("idempotent_request", "common"));

  /** Reference geography is read by everyone (names, counties of a municipality); geo writes it. */
  static final List<String> SHARED_FOR_READING = List.of("municipality", "county", "police_region");

  /** Remaining debt: a feature that still reads or writes another's tables, and why. */
  record Allowance(String feature, String verb, List<String> tables, String reason) {}

  static final List<Allowance> ALLOWED =
      List.of(
          new Allowance(
              "cases",
              "reads",
              List.of("child"),
              "who may see a case depends on the child's home and responsible municipality; the"
                  + " rule is one SQL filter so that lists are filtered in one statement"),
          new Allowance(
              "children",
              "reads",
              List.of("disappearance_case"),
              "social services of a municipality where the child went missing may see the child,"
                  + " a child's data is due for erasure once its cases were closed long enough, and"
                  + " the child's repeat pattern counts its cases in a window; cases depends on"
                  + " children, so these rules read the case rows in SQL"),
          new Allowance(
              "audit",
              "reads",
              List.of("disappearance_case"),
              "a child's audit trail includes the events of the child's cases"),
          new Allowance(
              "alerts",
              "reads",
              List.of("recipient", "delivery"),
              "the audience and the map join the recipients in scope; an Update goes only to"
                  + " recipients without a delivery for the case yet"),
          new Allowance(
              "referrals",
              "reads",
              List.of("child", "disappearance_case", "recipient", "recipient_contact"),
              "a referral's page and notices join its case, the child's first name and the"
                  + " region's coordinators and their contacts"),
          new Allowance(
              "report",
              "reads",
              List.of("debrief", "disappearance_case"),
              "quotes are approved statements of a period's cases; figures count cases per"
                  + " period"),
          new Allowance(
              "research",
              "reads",
              List.of("child", "debrief", "disappearance_case", "police_reference", "referral"),
              "the pseudonymised rows and statistics are one set-based read model over these;"
                  + " redacting a child's words looks for the police's references of the child's"
                  + " cases"),
          new Allowance(
              "demo",
              "writes",
              List.of("case_return", "child", "debrief", "disappearance_case", "referral"),
              "a year of back-dated fictional history, which the services (stamping the clock's"
                  + " now, checking, alerting and auditing) cannot write; a back-dating write in"
                  + " each owner would let any feature record a past nobody reported. Only in the"
                  + " embedded default"),
          new Allowance(
              "messaging.sandbox",
              "reads",
              List.of("delivery", "disappearance_case", "recipient", "recipient_contact"),
              "the sandbox page, the embedded default's stand-in for phones, names whom each"
                  + " logged message was for and groups the messages by case"),
          new Allowance(
              "messaging.outbox",
              "reads",
              List.of("alert", "disappearance_case", "recipient", "inbound_message"),
              "the outbox joins case codes and alert kinds into messages and notices, and the"
                  + " escalation gauge the recipient's minutes; erasing a child's messages finds"
                  + " the provider's ids of the replies"),
          new Allowance(
              "messaging.outbox",
              "writes",
              List.of("inbound_message", "provider_erasure", "sms_log"),
              "erasing a child's messages blanks every copy of a text (the reply, the sandbox's"
                  + " log, the deletion queued at the provider) in the one statement order that"
                  + " still knows which rows belong to the case; to be split into each owner's"
                  + " part like the retention's other parts"),
          new Allowance(
              "acknowledgements",
              "reads",
              List.of("delivery", "disappearance_case"),
              "an \"OK <code>\" is matched to the deliveries the phone was sent for the case with"
                  + " that code; the outbox's verbs (DeliveryStates) change them"),
          new Allowance(
              "escalation",
              "reads",
              List.of(
                  "acknowledgement",
                  "delivery",
                  "disappearance_case",
                  "recipient",
                  "recipient_contact"),
              "the due rows of the ladder are the unacknowledged deliveries of open cases, with"
                  + " the recipient's minutes and the contact's position; the outbox's verbs change"
                  + " them"));

  private static boolean allowed(String feature, String use) {
    String[] parts = use.split(" ");
    return ALLOWED.stream()
        .anyMatch(
            a ->
                a.feature().equals(feature)
                    && a.verb().equals(parts[0])
                    && a.tables().contains(parts[1]));
  }

  private static final Pattern STRING =
      Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
  private static final Pattern TABLE_USE =
      Pattern.compile("(?i)\\b(insert\\s+into|update|delete\\s+from|from|join)\\s+([a-z_]+)\\b");

  static List<String> violations(Path sources) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String feature = feature(sources, file);
        for (String use : uses(Files.readString(file))) {
          String[] parts = use.split(" ");
          String table = parts[1];
          String owner = OWNER.get(table);
          if (owner == null || owner.equals(feature)) {
            continue;
          }
          boolean writes = parts[0].equals("writes");
          if (!writes && SHARED_FOR_READING.contains(table)) {
            continue;
          }
          if (!allowed(feature, use)) {
            found.add(feature + " " + use + " (" + sources.relativize(file) + ")");
          }
        }
      }
    }
    return found;
  }

  /** The package of a source file below {@code sources}, as {@code messaging.outbox}. */
  static String feature(Path sources, Path file) {
    return sources
        .relativize(file.getParent())
        .toString()
        .replace(file.getFileSystem().getSeparator(), ".");
  }

  /** "reads table" or "writes table" for every statement in the file's string literals. */
  static TreeSet<String> uses(String source) {
    TreeSet<String> uses = new TreeSet<>();
    Matcher literal = STRING.matcher(source);
    while (literal.find()) {
      String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
      Matcher use = TABLE_USE.matcher(text);
      while (use.find()) {
        String verb = use.group(1).toLowerCase().split("\\s+")[0];
        boolean writes = !verb.equals("from") && !verb.equals("join");
        uses.add((writes ? "writes " : "reads ") + use.group(2).toLowerCase());
      }
    }
    return uses;
  }

  @Test
  void everyTableIsWrittenAndReadOnlyByItsOwner() throws IOException {
    assertEquals(List.of(), violations(Path.of("src/main/java/se/saknad")));
  }

  @Test
  void everyTableOfTheMigrationsHasAnOwner() throws IOException {
    TreeSet<String> created = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("migrations"))) {
      for (Path file : files.toList()) {
        Matcher m =
            Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_]+)")
                .matcher(Files.readString(file));
        while (m.find()) {
          created.add(m.group(1).toLowerCase());
        }
      }
    }
    created.removeAll(OWNER.keySet());
    assertEquals(new TreeSet<>(), created, "tables without an owner");
  }

  @Test
  void theScanSeesWritesAndReadsInLiteralsAndTextBlocks() {
    String source =
        "String a = \"UPDATE disappearance_case SET x = 1\";\n"
            + "String b = \"\"\"\n  SELECT 1 FROM child c JOIN home h ON h.id = c.home_id\n\"\"\";\n";
    TreeSet<String> uses = uses(source);
    assertTrue(uses.contains("writes disappearance_case"), uses.toString());
    assertTrue(uses.contains("reads child"), uses.toString());
    assertTrue(uses.contains("reads home"), uses.toString());
  }

  @Test
  void everyAllowanceIsStillNeededAndSaysWhy() throws IOException {
    List<String> stale = new ArrayList<>();
    for (Allowance allowance : ALLOWED) {
      Path sources = Path.of("src/main/java/se/saknad");
      Path feature = sources.resolve(allowance.feature().replace('.', '/'));
      TreeSet<String> uses = new TreeSet<>();
      try (Stream<Path> files = Files.walk(feature)) {
        for (Path file :
            files
                .filter(f -> f.toString().endsWith(".java"))
                .filter(f -> feature(sources, f).equals(allowance.feature()))
                .toList()) {
          uses.addAll(uses(Files.readString(file)));
        }
      }
      for (String table : allowance.tables()) {
        if (!uses.contains(allowance.verb() + " " + table) || allowance.reason().isBlank()) {
          stale.add(allowance.feature() + " " + allowance.verb() + " " + table);
        }
      }
    }
    assertEquals(List.of(), stale, "allowances no longer needed, or without a reason");
  }
}
