package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
  @ValueSource(strings = {"--help", "-h SAY", "--verbose --help RECV"})
  void rootHelpListsEveryCommandWhereverACommandFollowsIt(String args) {
    Cli.Result result = Cli.run(args.split(" "));
    assertEquals(0, result.exitCode());
    for (String command : new String[] {"SAY", "RECV", "HEAR", "NOOP", "KEYGEN", "bridge"}) {
      assertTrue(result.out().contains("\n  " + command + " "), command);
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

  @Test
  void helpShowsTheDefaultsTheEnvironmentSets() {
    Cli.Result result =
        Cli.run(
            Map.of("MULTICAST_PORT", "50000", "MULTICAST_TTL", "7", "MULTICAST_FRESHNESS", "2.5"),
            new byte[0],
            "RECV",
            "--help");
    assertEquals(0, result.exitCode());
    assertTrue(result.out().contains("(default: 50000,"), result.out());
    assertTrue(result.out().contains("(default: 7,"), result.out());
    assertTrue(result.out().contains("(default: 2.5,"), result.out());
  }

  @Test
  void helpShowsTheBuiltInDefaults() {
    Cli.Result result = Cli.run("RECV", "--help");
    assertTrue(result.out().contains("(default: 224.0.0.1,"), result.out());
    assertTrue(result.out().contains("(default: 59259,"), result.out());
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
