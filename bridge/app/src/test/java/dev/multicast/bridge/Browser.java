package dev.multicast.bridge;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium, offline: the driver is named so that Selenium
 * Manager never runs (it would download one), and every host name but 127.0.0.1 resolves to
 * nothing, so that Chromium reaches no Google service.
 */
final class Browser {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private Browser() {}

  /**
   * Skips the calling test, with how to get them, where Chromium or its driver is missing; under
   * {@code CI=true} (as {@code .ci/run} sets, having installed them) it fails instead.
   */
  static void assumeInstalled() {
    boolean installed =
        Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(CHROMIUM + " or " + CHROMEDRIVER + " is missing");
    }
    Assumptions.assumeTrue(
        installed,
        "no " + CHROMIUM + " or " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
  }

  static ChromeDriver open(int width, int height) {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--window-size=" + width + "," + height,
        "--hide-scrollbars");
    return new ChromeDriver(options);
  }
}
