package dev.multicast.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Does nothing and succeeds, as in the reference tool: a check that the command runs at all. With
 * {@code --daemon} it does nothing until interrupted, which keeps a container with no shell alive
 * for commands run beside it.
 */
@Command(
    name = "NOOP",
    header = "Do nothing and exit 0 (with --daemon: until interrupted).",
    description = "Checks that the command runs at all.")
final class NoopCommand implements Callable<Integer> {
  private final MulticastCommand root;

  @Mixin DaemonOption daemon;

  NoopCommand(MulticastCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (daemon.on(root)) {
      try (OnSignal signal = OnSignal.install()) {
        CountDownLatch stopped = new CountDownLatch(1);
        signal.whenFired(stopped::countDown);
        stopped.await();
      }
    }
    return ExitCode.OK.code();
  }
}
