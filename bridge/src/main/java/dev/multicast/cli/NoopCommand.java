package dev.multicast.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Does nothing and succeeds, as in the reference tool: a check that the command runs at all. */
@Command(
    name = "NOOP",
    header = "Do nothing and exit 0.",
    description = "Checks that the command runs at all.")
final class NoopCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return ExitCode.OK.code();
  }
}
