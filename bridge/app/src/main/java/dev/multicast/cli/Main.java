package dev.multicast.cli;

/** The {@code multicast} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(MulticastCommand.commandLine(Context.system(), args).execute(args));
  }
}
