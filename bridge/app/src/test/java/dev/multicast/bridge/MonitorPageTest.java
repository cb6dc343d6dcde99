package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.bridge.monitor.Figures;
import dev.multicast.core.Group;
import dev.multicast.core.Sender;
import dev.multicast.security.EnvelopeMode;
import dev.multicast.security.GroupKey;
import dev.multicast.security.Sealer;
import dev.multicast.testing.Loopback;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The monitor page in a real browser (headless Chromium), on a real bridge running the keyed
 * example routes on lo: real datagrams, counted by the bridge, reach the page through its event
 * stream, and the page is never reloaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorPageTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Datagrams sent before the bridge's count is awaited, so that no socket buffer overflows. */
  private static final int BATCH = 100;

  /**
   * Where the documentation's picture is written: target/monitor.png, or where {@code
   * -Dmulticast.screenshot} says, such as docs/images/monitor.png, which docs/operations.md shows.
   */
  static final Path SCREENSHOT =
      Path.of(System.getProperty("multicast.screenshot", "target/monitor.png"));

  /** The phone's and the dark scheme's pictures, to look at; not in the documentation. */
  private static final Path LOOKS = Path.of("target");

  @TempDir static Path data;
  private final Group group = Loopback.group();
  private final GroupKey key = GroupKey.generate();
  private final Sealer sealer = Sealer.keyed(EnvelopeMode.SEAL, key);
  private RunningBridge bridge;
  private ChromeDriver browser;

  @BeforeAll
  void start() throws Exception {
    Browser.assumeInstalled();
    bridge = RunningBridge.keyed(data, group, key);
    browser = Browser.open(1100, 1500);
    browser.get(bridge.management("/").toString());
    // Gone if the page reloads: every check below must come from live updates.
    browser.executeScript("window.notReloaded = true");
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (bridge != null) {
      bridge.close();
    }
  }

  @Test
  @Order(1)
  void theGroupsCountReachesTheThousandDatagramsSentWithoutAReload() throws Exception {
    long before = pageCount();
    String counter = inCounter();
    double counted = bridge.counter(counter);
    try (Sender sender = Sender.open(group, Loopback.options())) {
      for (int sent = 0; sent < 1000; sent += BATCH) {
        for (int i = 0; i < BATCH; i++) {
          sender.send(sealer.encode(text("reading " + (sent + i))));
        }
        double expected = counted + sent + BATCH;
        await().atMost(WAIT).until(() -> bridge.counter(counter) >= expected);
      }
    }
    await().atMost(WAIT).until(() -> pageCount() == before + 1000);
    assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded"));
    assertEquals("joined", cell("state").getText());
    assertEquals("lo", cell("iface").getText());
  }

  @Test
  @Order(2)
  void aDatagramUnderAnotherKeyAppearsAsARejectedDropAndADeadLetter() {
    long before = rejected("wrong-key");
    byte[] outsider = Sealer.keyed(EnvelopeMode.SEAL, GroupKey.generate()).encode(text("intruder"));
    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(outsider);
    }
    await().atMost(WAIT).until(() -> rejected("wrong-key") == before + 1);
    await()
        .atMost(WAIT)
        .until(() -> browser.findElement(By.id("dead-latest")).getText().contains("wrong-key"));
    assertTrue(
        Long.parseLong(browser.findElement(By.id("dead-count")).getDomAttribute("data-value"))
            >= 1);
  }

  @Test
  @Order(3)
  void thePageShowsNoMessageContent() {
    String payload = "content nobody may read on the page";
    long before = pageCount();
    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(sealer.encode(text(payload)));
      sender.send(text(payload)); // not an envelope: rejected and dead-lettered
    }
    await().atMost(WAIT).until(() -> pageCount() >= before + 2);
    assertFalse(browser.getPageSource().contains(payload), "the page shows a payload");
  }

  @Test
  @Order(4)
  void fitsAPhonesWidthWithoutScrollingThePageSideways() throws Exception {
    ChromeDriver phone = Browser.open(390, 844);
    try {
      phone.get(bridge.management("/").toString());
      await()
          .atMost(WAIT)
          .until(() -> !phone.findElements(By.cssSelector("#groups tbody tr")).isEmpty());
      Object overflow =
          phone.executeScript(
              "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertEquals(0L, ((Number) overflow).longValue(), "the page is wider than the phone");
      Files.createDirectories(LOOKS);
      Files.write(LOOKS.resolve("monitor-phone.png"), phone.getScreenshotAs(OutputType.BYTES));
    } finally {
      phone.quit();
    }
  }

  @Test
  @Order(5)
  void followsTheSystemsDarkSetting() throws Exception {
    browser.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    try {
      assertEquals("rgb(13, 17, 23)", background());
      Files.createDirectories(LOOKS);
      Files.write(LOOKS.resolve("monitor-dark.png"), browser.getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.executeCdpCommand(
          "Emulation.setEmulatedMedia",
          Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
    }
    assertEquals("rgb(255, 255, 255)", background());
  }

  @Test
  @Order(6)
  void takesTheReadmesScreenshot() throws Exception {
    // Traffic both ways, so that the picture shows rates: datagrams in, topic messages out.
    String counter = inCounter();
    double counted = bridge.counter(counter);
    try (JmsClient jms = new JmsClient(bridge.brokerUrl());
        Sender sender = Sender.open(group, Loopback.options())) {
      for (int round = 1; round <= 8; round++) {
        for (int i = 0; i < 60; i++) {
          sender.send(sealer.encode(text("reading " + i)));
        }
        for (int i = 0; i < 20; i++) {
          jms.publish("multicast.in", text("command " + i));
        }
        double expected = counted + 60 * round;
        await().atMost(WAIT).until(() -> bridge.counter(counter) >= expected);
      }
    }
    await().atMost(WAIT).until(() -> pageValue("out-count") > 0 && pageValue("in-rate") > 0);
    long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
    // A little more than the page: the window's size is not quite all viewport.
    browser.manage().window().setSize(new Dimension(1100, (int) height + 40));
    Files.createDirectories(SCREENSHOT.toAbsolutePath().getParent());
    byte[] png = browser.getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOT, png);
    assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
    assertFalse(browser.findElements(By.cssSelector("#chart-datagrams canvas")).isEmpty());
  }

  @Test
  @Order(7)
  void theKeyboardReachesTheSkipLinkFirstAndTheTablesThen() {
    browser.executeScript("document.activeElement.blur()");
    new Actions(browser).sendKeys(Keys.TAB).perform();
    assertEquals("Skip to the figures", browser.switchTo().activeElement().getText());
    new Actions(browser).sendKeys(Keys.TAB).perform();
    // The groups table scrolls sideways on a phone: its region takes the focus, for the arrows.
    assertEquals(
        "groups-title", browser.switchTo().activeElement().getDomAttribute("aria-labelledby"));
  }

  @ParameterizedTest
  @Order(8)
  @ValueSource(doubles = {0, 0.25, 7, 12.4, 999, 1000, 1234, 45678, 999499, 999500, 1.5e6, 2e9})
  void thePageWritesNumbersAsTopDoes(double value) {
    assertEquals(
        List.of(Figures.count(value), Figures.rate(value), Figures.bytes(value)),
        browser.executeScript(
            "const v = arguments[0];"
                + " return [MonitorFormat.count(v), MonitorFormat.rate(v), MonitorFormat.bytes(v)]",
            value));
  }

  private double pageValue(String field) {
    List<WebElement> cells =
        browser.findElements(
            By.cssSelector(
                "#groups tr[data-group='" + group + "'] td[data-field='" + field + "']"));
    return cells.isEmpty() ? 0 : Double.parseDouble(cells.get(0).getDomAttribute("data-value"));
  }

  private String background() {
    return (String)
        ((JavascriptExecutor) browser)
            .executeScript("return getComputedStyle(document.documentElement).backgroundColor");
  }

  /** The page's count of datagrams in for the group; 0 before the group appears. */
  private long pageCount() {
    List<WebElement> cells =
        browser.findElements(
            By.cssSelector("#groups tr[data-group='" + group + "'] td[data-field='in-count']"));
    return cells.isEmpty() ? 0 : Long.parseLong(cells.get(0).getDomAttribute("data-value"));
  }

  private WebElement cell(String field) {
    return browser.findElement(
        By.cssSelector("#groups tr[data-group='" + group + "'] [data-field='" + field + "']"));
  }

  /** The page's count of envelopes rejected for {@code reason}; 0 before the first. */
  private long rejected(String reason) {
    List<WebElement> cells =
        browser.findElements(
            By.cssSelector(
                "#drops tr[data-kind='rejected'][data-reason='"
                    + reason
                    + "'] td[data-field='count']"));
    return cells.isEmpty() ? 0 : Long.parseLong(cells.get(0).getDomAttribute("data-value"));
  }

  private String inCounter() {
    return "multicast_datagrams_in_total{group=\""
        + group.host()
        + "\",port=\""
        + group.port()
        + "\"}";
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
