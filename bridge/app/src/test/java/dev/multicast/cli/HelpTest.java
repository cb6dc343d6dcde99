package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {
  @Test
  void helpListsCommandsExamplesAndEveryExitCode() {
    Cli.Result result = Cli.run("--help");
    assertEquals(0, result.exitCode());
    for (String text : new String[] {"SAY", "RECV", "HEAR", "NOOP", "Examples:", "Exit codes:"}) {
      assertTrue(result.out().contains(text), text);
    }
    for (ExitCode code : ExitCode.values()) {
      String description = code.description();
      String firstWords = description.substring(0, Math.min(20, description.length()));
      assertTrue(
          result.out().contains(String.format("%3d", code.code()) + "   " + firstWords),
          code.name());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"SAY", "RECV", "HEAR"})
  void everyCommandHasHelpWithExamples(String command) {
    Cli.Result result = Cli.run(command, "--help");
    assertEquals(0, result.exitCode());
    assertTrue(result.out().contains("Examples:"));
    assertTrue(result.out().contains("--iface"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bridge", "broker", "consume"})
  void commandsThatRunUntilStoppedAnywayDoNotOfferDaemon(String command) {
    Cli.Result result = Cli.run(command, "--help");
    assertEquals(0, result.exitCode());
    assertFalse(result.out().contains("--daemon"), result.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-v", "-V", "--version"})
  void versionPrintsTheBuildVersion(String flag) {
    Cli.Result result = Cli.run(flag);
    assertEquals(0, result.exitCode());
    assertTrue(result.out().matches("multicast \\d+\\.\\d+\\.\\d+.*\n"), result.out());
  }

  @Test
  void completionScriptCompletesTheCommands() {
    Cli.Result result = Cli.run("generate-completion");
    assertEquals(0, result.exitCode());
    assertTrue(result.out().contains("complete -F"));
    assertTrue(result.out().contains("RECV"));
  }
}
