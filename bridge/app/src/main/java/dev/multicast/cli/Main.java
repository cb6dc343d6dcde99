package dev.multicast.cli;

/** The {@code multicast} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Our commands use no Groovy closures; without this, picocli looks for Groovy's Closure class
    // through every jar of the class path (the bridge's too) on each start: 40 ms of NOOP's 200.
    System.setProperty("picocli.disable.closures", "true");
    System.exit(MulticastCommand.commandLine(Context.system(), args).execute(args));
  }
}
