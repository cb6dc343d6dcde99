package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The man pages the build wrote (target/man/man1, see bridge/app/pom.xml) against the live help.
 */
class ManPagesIT {
  private static final Path MAN =
      Path.of(System.getProperty("multicast.man.dir", "target/man/man1"));

  /** An option as help writes it: {@code -m} or {@code --key-file}, not inside a word. */
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--?[A-Za-z][\\w-]*");

  @Test
  void everyCommandHasAPageAndTheRootPageListsThem() throws IOException {
    Set<String> pages = new TreeSet<>();
    try (Stream<Path> files = Files.list(MAN)) {
      files.map(p -> p.getFileName().toString()).forEach(pages::add);
    }
    Set<String> expected = new TreeSet<>(List.of("multicast.1"));
    commands().forEach(name -> expected.add("multicast-" + name + ".1"));
    assertEquals(expected, pages);
    String root = Files.readString(MAN.resolve("multicast.1"));
    String commands = root.substring(root.indexOf(".SH \"COMMANDS\""));
    for (String name : commands()) {
      assertTrue(
          commands.contains("\\fB" + name.replace("-", "\\-") + "\\fP"),
          () -> name + " not among the commands of multicast(1)");
    }
  }

  static List<String> pages() {
    List<String> pages = new ArrayList<>(List.of(""));
    pages.addAll(commands());
    return pages;
  }

  @ParameterizedTest(name = "multicast {0}")
  @MethodSource("pages")
  void everyOptionTheHelpNamesIsOnThePage(String command) throws IOException {
    String help = (command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help")).out();
    String page = text(MAN.resolve(page(command)));
    Set<String> options = new TreeSet<>();
    Matcher matcher = OPTION.matcher(help);
    while (matcher.find()) {
      options.add(matcher.group());
    }
    assertFalse(options.isEmpty(), "no option in the help of " + command);
    Set<String> missing = new TreeSet<>();
    for (String option : options) {
      if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(option) + "(?![\\w-])")
          .matcher(page)
          .find()) {
        missing.add(option);
      }
    }
    assertEquals(Set.of(), missing, "options in the help but not on the page");
  }

  @ParameterizedTest(name = "multicast {0}")
  @MethodSource("pages")
  void thePageHasTheHeaderAndDescriptionOfTheHelp(String command) throws IOException {
    CommandLine line =
        command.isEmpty()
            ? MulticastCommand.commandLine(quiet())
            : MulticastCommand.commandLine(quiet(), command).getSubcommands().get(command);
    UsageMessageSpec usage = line.getCommandSpec().usageMessage();
    String page = words(text(MAN.resolve(page(command))));
    List<String> texts = new ArrayList<>(List.of(usage.header()));
    texts.add(String.join(" ", usage.description()));
    for (String text : texts) {
      String expected = words(String.format(text));
      assertTrue(page.contains(expected), () -> "'" + expected + "' not on the page");
    }
  }

  /** The commands of the full model: every one, as the root's help lists them. */
  private static List<String> commands() {
    return List.copyOf(MulticastCommand.commandLine(quiet()).getSubcommands().keySet());
  }

  /** No environment, as the build that wrote the pages had none (ManPages). */
  private static Context quiet() {
    return new Context(
        new ByteArrayInputStream(new byte[0]),
        new ByteArrayOutputStream(),
        new PrintWriter(Writer.nullWriter()),
        Map.of(),
        false);
  }

  private static String page(String command) {
    return command.isEmpty() ? "multicast.1" : "multicast-" + command + ".1";
  }

  /** Words a single space apart, for text that the page and the help wrap differently. */
  private static String words(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /**
   * A troff page as plain text: requests (paragraph breaks, indents) and fonts dropped, hyphens,
   * quotes and the arrows Asciidoctor makes of {@code ->} as typed.
   */
  private static String text(Path page) throws IOException {
    return Files.readString(page)
        .replaceAll("(?m)^\\.[A-Za-z].*$", "")
        .replaceAll("\\\\f[BIRP]", "")
        .replace("\\(->", "->")
        .replace("\\-", "-")
        .replace("\\*(Aq", "'")
        .replace("\\(aq", "'")
        .replace("\\(cq", "'")
        .replace("\\(oq", "'")
        .replace("\\(lq", "\"")
        .replace("\\(rq", "\"")
        .replace("\\(rs", "\\")
        .replace("\\&", "");
  }
}
