package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import dev.multicast.testing.Loopback;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

class HelpTest {
  private static final List<String> COMMANDS =
      List.of(
          "SAY",
          "RECV",
          "HEAR",
          "NOOP",
          "KEYGEN",
          "bridge",
          "broker",
          "consume",
          "generate-completion");

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

  @Test
  void helpListsEveryCommandAndEveryVariable() {
    String help = Cli.run("--help").out();
    CommandLine root = MulticastCommand.commandLine(Context.system());
    for (String command : COMMANDS) {
      // On one line: the name, then the command's whole header.
      String header =
          root.getSubcommands().get(command).getCommandSpec().usageMessage().header()[0];
      assertTrue(
          help.matches("(?s).*\n  " + command + " +" + Pattern.quote(header) + "\n.*"),
          command + " in:\n" + help);
    }
    for (String variable :
        List.of(
            "MULTICAST_GROUP",
            "MULTICAST_PORT",
            "MULTICAST_TTL",
            "MULTICAST_BUFFER_SIZE",
            "MULTICAST_KEY_FILE",
            "MULTICAST_FRESHNESS")) {
      assertTrue(help.contains("\n  " + variable + " "), variable + " in:\n" + help);
    }
  }

  /** Every help at 80 columns: no line longer, and no word broken, such as a path or URL. */
  /** The root command (as "") and every command. */
  static Stream<String> everyHelp() {
    return Stream.concat(Stream.of(""), COMMANDS.stream());
  }

  @ParameterizedTest
  @MethodSource("everyHelp")
  void helpFitsEightyColumnsWithoutBreakingAWord(String command) {
    String narrow = help(80, command);
    for (String line : narrow.lines().toList()) {
      assertTrue(line.length() <= 80, "longer than 80 columns: " + line);
    }
    List<String> words = List.of(help(1000, command).split("\\s+"));
    List<String> wrapped = List.of(narrow.split("\\s+"));
    for (int i = 0; i < words.size(); i++) {
      assertEquals(words.get(i), i < wrapped.size() ? wrapped.get(i) : "", "broken in:\n" + narrow);
    }
    assertEquals(words.size(), wrapped.size(), narrow);
  }

  /**
   * Headers, descriptions and footers (examples, environment) are written in lines of at most 80
   * columns, so that picocli never wraps them in the middle of a phrase.
   */
  @Test
  void writtenLinesAreNeverWrapped() {
    List<CommandSpec> specs = new ArrayList<>();
    CommandLine root = MulticastCommand.commandLine(Context.system());
    specs.add(root.getCommandSpec());
    root.getSubcommands().values().forEach(sub -> specs.add(sub.getCommandSpec()));
    for (CommandSpec spec : specs) {
      UsageMessageSpec usage = spec.usageMessage();
      List<String> lines = new ArrayList<>();
      lines.addAll(List.of(usage.header()));
      lines.addAll(List.of(usage.description()));
      lines.addAll(List.of(usage.footer()));
      for (String line : lines) {
        String shown = line.replace("%n", "").replace("%%", "%");
        assertTrue(shown.length() <= 80, spec.qualifiedName() + ": over 80 columns: " + shown);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"RECV", "HEAR", "NOOP"})
  void daemonIsListedWhereItServesUntilInterrupted(String command) {
    assertTrue(Cli.run(command, "--help").out().contains("--daemon"));
  }

  @ParameterizedTest
  @CsvSource({
    "SAY,",
    "KEYGEN, /nonexistent/group.key",
    "bridge,",
    "broker,",
    "consume, --topic=t",
    "generate-completion,"
  })
  void daemonIsNeitherListedNorTakenWhereItWouldDoNothing(String command, String more) {
    assertFalse(Cli.run(command, "--help").out().contains("--daemon"));
    Cli.Result result =
        more == null ? Cli.run(command, "--daemon") : Cli.run(command, "--daemon", more);
    assertEquals(ExitCode.USAGE.code(), result.exitCode());
    assertTrue(result.err().contains("Unknown option: '--daemon'"), result.err());
  }

  @Test
  void recvListsNoSendingOptionsButTakesThemForTheReferencesScripts() {
    String help = Cli.run("RECV", "--help").out();
    assertFalse(help.contains("--ttl"), help);
    assertFalse(help.contains("--[no-]loop"), help);
    Group group = Loopback.group();
    Cli.Result result =
        Cli.run(Cli.on(group, "RECV", "--ttl", "3", "--no-loop", "--timeout", "0.1"));
    assertEquals(ExitCode.NOTHING.code(), result.exitCode(), result.err());
  }

  /** The help of {@code command} (the root's when empty), as a terminal this wide shows it. */
  private static String help(int width, String command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Context context =
        new Context(
            new ByteArrayInputStream(new byte[0]),
            out,
            new PrintWriter(new StringWriter()),
            Map.of(),
            false);
    CommandLine line = MulticastCommand.commandLine(context).setUsageHelpWidth(width);
    int exit = command.isEmpty() ? line.execute("--help") : line.execute(command, "--help");
    assertEquals(0, exit);
    return out.toString(StandardCharsets.UTF_8);
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
            "SAY",
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
