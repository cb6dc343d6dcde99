package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The script {@code generate-completion} prints, sourced in a real bash and asked as bash asks it
 * on Tab: the words typed in {@code COMP_WORDS}, the one being typed at {@code COMP_CWORD}.
 */
class CompletionTest {
  @TempDir static Path temp;

  private static Path script;

  @BeforeAll
  static void generate() throws Exception {
    Cli.Result result = Cli.run("generate-completion");
    assertEquals(0, result.exitCode(), result.err());
    script = Files.writeString(temp.resolve("multicast.bash"), result.out());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SAY --gr|--group --groups",
        "say --gr|--group --groups",
        "recv --fo|--format",
        "recv --format j|json",
        "hear --da|--daemon",
        "noop --da|--daemon",
        "keygen --ro|--rotate",
        "sa|say",
        "SA|SAY",
        "bri|bridge"
      })
  void completesCommandsInEitherCaseAndTheirOptions(String typed, String expected)
      throws Exception {
    assertEquals(List.of(expected.split(" ")), complete(typed.split(" ")));
  }

  @ParameterizedTest
  @CsvSource({"say --da", "recv --tt", "recv --lo", "bridge --dae"})
  void offersNoOptionWhereItDoesNothing(String typed) throws Exception {
    assertEquals(List.of(), complete(typed.split(" ")));
  }

  @Test
  void offersEveryCommand() throws Exception {
    List<String> offered = complete("");
    for (String command : List.of("SAY", "say", "RECV", "recv", "bridge", "generate-completion")) {
      assertTrue(offered.contains(command), command + " in " + offered);
    }
  }

  /** What bash offers after {@code multicast WORDS<Tab>}, one word a line. */
  private static List<String> complete(String... words) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                "-c",
                "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1));"
                    + " COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; _complete_multicast;"
                    + " printf '%s\\n' \"${COMPREPLY[@]}\"",
                "bash",
                script.toString(),
                "multicast"));
    command.addAll(List.of(words));
    // Outside a real Tab, bash's compopt complains on stderr; what is offered is on stdout.
    Process bash = new ProcessBuilder(command).redirectError(Redirect.DISCARD).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "bash still running");
    assertEquals(0, bash.exitValue(), out);
    return out.lines().filter(line -> !line.isEmpty()).map(String::strip).sorted().toList();
  }
}
