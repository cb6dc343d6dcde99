package dev.multicast.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the links of Markdown files inside one repository: a relative link must name a file or
 * directory of the repository, and its {@code #anchor}, when the target is Markdown, a heading of
 * that file. Links with a scheme ({@code https:}, {@code mailto:}) leave the repository; they are
 * listed, never fetched, so the check runs offline and does not fail on someone else's site.
 */
final class LinkCheck {

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  /**
   * @param broken one line per link that points nowhere: the file, the link, and what is missing
   * @param external one line per link that leaves the repository: the file and the link
   */
  record Result(List<String> broken, List<String> external) {}

  private final Path repository;
  private final Map<Path, MarkdownFile> read = new HashMap<>();

  private LinkCheck(Path repository) {
    this.repository = repository.toAbsolutePath().normalize();
  }

  /** The user documentation of a repository: its README.md and every Markdown file in docs/. */
  static List<Path> documentation(Path repository) throws IOException {
    List<Path> files = new ArrayList<>(List.of(repository.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(repository.resolve("docs"))) {
      docs.filter(file -> file.toString().endsWith(".md"))
          .filter(file -> !file.toString().contains("/target/"))
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  static Result check(Path repository, List<Path> files) throws IOException {
    LinkCheck check = new LinkCheck(repository);
    List<String> broken = new ArrayList<>();
    List<String> external = new ArrayList<>();
    for (Path file : files) {
      MarkdownFile markdown = check.markdown(file.toAbsolutePath().normalize());
      String name = check.repository.relativize(markdown.path()).toString();
      for (String link : markdown.links()) {
        if (SCHEME.matcher(link).find()) {
          external.add(name + ": " + link);
        } else {
          check.problem(markdown, link).ifPresent(problem -> broken.add(name + ": " + problem));
        }
      }
    }
    return new Result(List.copyOf(broken), List.copyOf(external));
  }

  private Optional<String> problem(MarkdownFile from, String link) {
    int hash = link.indexOf('#');
    // Percent-decoded as a URL path: a '+' stays a plus (URLDecoder alone reads it as a space).
    String path =
        URLDecoder.decode(
            (hash < 0 ? link : link.substring(0, hash)).replace("+", "%2B"),
            StandardCharsets.UTF_8);
    String anchor = hash < 0 ? "" : link.substring(hash + 1);
    Path target = path.isEmpty() ? from.path() : from.path().resolveSibling(path).normalize();
    if (!target.startsWith(repository)) {
      return Optional.of(link + " leaves the repository");
    }
    if (!Files.exists(target)) {
      return Optional.of(link + ": no such file " + repository.relativize(target));
    }
    if (!anchor.isEmpty()
        && target.toString().endsWith(".md")
        && !markdown(target).anchors().contains(anchor)) {
      return Optional.of(link + ": no heading #" + anchor + " in " + repository.relativize(target));
    }
    return Optional.empty();
  }

  private MarkdownFile markdown(Path file) {
    return read.computeIfAbsent(
        file,
        path -> {
          try {
            return MarkdownFile.read(path);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
