package se.saknad.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service as its own operating-system process, for what an in-JVM test cannot show: kill -9,
 * restarts, two instances, resident memory. Started from the test classpath with the given
 * properties; its output goes to target/service-logs.
 */
public final class ServiceProcess implements AutoCloseable {
  public static final String JWT_SECRET = "process-secret-that-is-long-enough-for-hs256-0123456789";

  /** The same first administrator as the in-JVM tests: they share one database. */
  public static final String ADMIN_PASSWORD = ApiTest.ADMIN_PASSWORD;

  /** Kept in step with bin/run's defaults. */
  public static final String DEFAULT_JVM_OPTIONS =
      "-XX:+UseSerialGC -Xms64m -Xmx192m -Xss512k -XX:ReservedCodeCacheSize=64m"
          + " -XX:MaxMetaspaceSize=128m -XX:MaxDirectMemorySize=64m";

  private final Map<String, String> properties;
  private final int port;
  private final String name;
  private Process process;

  public ServiceProcess(String name, Map<String, String> extra) throws IOException {
    this.name = name;
    this.port = freePort();
    Map<String, String> p = new HashMap<>(TestDatabase.properties());
    p.put("micronaut.server.port", String.valueOf(port));
    p.put("saknad.jwt-secret", JWT_SECRET);
    p.put("saknad.admin-password", ADMIN_PASSWORD);
    p.put("saknad.research-key", "process-research-key-that-is-long-enough-0123456789");
    p.put("saknad.public-base-url", "http://saknad.test");
    p.putAll(extra);
    // a null value in extra leaves that property unset, so that the service's own default applies
    p.values().removeIf(java.util.Objects::isNull);
    this.properties = p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts the process and waits until /health answers UP; returns how long that took. */
  public Duration start() throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // the same memory settings bin/run uses, unless -Dsaknad.service.jvm-options says otherwise
    String options = System.getProperty("saknad.service.jvm-options", DEFAULT_JVM_OPTIONS);
    command.addAll(List.of(options.trim().split("\\s+")));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(classpath);
    command.add("se.saknad.Application");
    Path logs = Path.of("target", "service-logs");
    Files.createDirectories(logs);
    File log = logs.resolve(name + ".log").toFile();
    long started = System.nanoTime();
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    // generous: a first start migrates its database, on a machine that may be running builds too
    long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited; see " + log);
      }
      try {
        var answer =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + "/health")).build(),
                BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - started);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the service did not become healthy; see " + log);
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hooks, no graceful stop, as when a machine dies. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Peak resident set size so far (VmHWM), in kB. */
  public long peakRssKb() throws IOException {
    return statusField("VmHWM:");
  }

  /** CPU time the process has used (user + system), in seconds. */
  public double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields from the state onwards: utime and stime are the 12th and 13th, in clock ticks
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  public long rssKb() throws IOException {
    return statusField("VmRSS:");
  }

  private long statusField(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
