package dev.multicast.cli;

import java.util.List;

/** The {@code multicast} command. */
public final class Main {
  private Main() {}

  /** The broker client's logger, off unless asked for (simplelogger.properties). */
  private static final String BROKER_CLIENT_LOG =
      "org.slf4j.simpleLogger.log.org.apache.activemq.artemis.core.client";

  private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

  public static void main(String[] args) {
    if (List.of(args).contains("--verbose")) {
      // Before the first logger: the logging binding reads its levels once.
      System.setProperty(BROKER_CLIENT_LOG, "warn");
    }
    // Our commands use no Groovy closures; without this, picocli looks for Groovy's Closure class
    // through every jar of the class path (the bridge's too) on each start: 40 ms of NOOP's 200.
    System.setProperty("picocli.disable.closures", "true");
    useOwnSelectorProvider();
    System.exit(MulticastCommand.commandLine(Context.system(), args).execute(args));
  }

  /**
   * Names the JDK's own channel provider on Linux. Without it, the first channel looks for another
   * provider as a service in every jar of the class path, the bridge's included: 144 jars opened,
   * about 60 ms of CPU in each SAY, RECV and HEAR. No jar of ours provides one.
   */
  private static void useOwnSelectorProvider() {
    if ("Linux".equals(System.getProperty("os.name"))
        && System.getProperty(SELECTOR_PROVIDER) == null) {
      System.setProperty(SELECTOR_PROVIDER, "sun.nio.ch.EPollSelectorProvider");
    }
  }
}
