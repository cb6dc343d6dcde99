package dev.multicast.cli;

import java.util.List;

/** The {@code multicast} command. */
public final class Main {
  private Main() {}

  /** The broker client's logger, off unless asked for (simplelogger.properties). */
  private static final String BROKER_CLIENT_LOG =
      "org.slf4j.simpleLogger.log.org.apache.activemq.artemis.core.client";

  public static void main(String[] args) {
    if (List.of(args).contains("--verbose")) {
      // Before the first logger: the logging binding reads its levels once.
      System.setProperty(BROKER_CLIENT_LOG, "warn");
    }
    System.exit(MulticastCommand.commandLine(Context.system()).execute(args));
  }
}
