package dev.multicast.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkCheckTest {

  @TempDir Path repository;

  @Test
  void reportsALinkToAFileThatDoesNotExist() throws IOException {
    Path readme = write("README.md", "See [the guide](docs/gone.md).\n");

    assertEquals(List.of("README.md: docs/gone.md: no such file docs/gone.md"), broken(readme));
  }

  @Test
  void reportsAnAnchorThatNoHeadingMakes() throws IOException {
    write("docs/guide.md", "# Guide\n\n## Exit codes\n");
    Path readme = write("README.md", "[69](docs/guide.md#exit-code)\n");

    assertEquals(
        List.of("README.md: docs/guide.md#exit-code: no heading #exit-code in docs/guide.md"),
        broken(readme));
  }

  @Test
  void findsHeadingsAsGitHubNamesThemWithCodePunctuationAndRepeats() throws IOException {
    write(
        "docs/guide.md",
        "# Guide\n\n## Monitor page, `multicast top` and Grafana\n\n## Example\n\n## Example\n");
    Path readme =
        write(
            "README.md",
            "[a](docs/guide.md#monitor-page-multicast-top-and-grafana)"
                + " [b](docs/guide.md#example) [c](docs/guide.md#example-1)\n");

    assertEquals(List.of(), broken(readme));
  }

  @Test
  void checksAnchorsWithinTheSameFile() throws IOException {
    Path guide = write("docs/guide.md", "# Guide\n\nSee [below](#later) and [here](#guide).\n");

    assertEquals(
        List.of("docs/guide.md: #later: no heading #later in docs/guide.md"), broken(guide));
  }

  @Test
  void checksLinksAndImagesInTableCellsAndResolvesThemFromTheirFile() throws IOException {
    write("docs/images/monitor.png", "png");
    Path guide =
        write(
            "docs/guide.md",
            "| a | b |\n|---|---|\n| [licence](../LICENSE) | ![page](images/monitor.png) |\n");

    assertEquals(List.of("docs/guide.md: ../LICENSE: no such file LICENSE"), broken(guide));
  }

  @Test
  void readsPercentEscapesAndPlusSignsAsAPathDoes() throws IOException {
    write("docs/c++ notes.md", "# Notes\n");
    Path readme = write("README.md", "[notes](docs/c++%20notes.md#notes)\n");

    assertEquals(List.of(), broken(readme));
  }

  @Test
  void ignoresLinksInCode() throws IOException {
    Path readme = write("README.md", "`[a](gone.md)`\n\n```\n[b](gone.md)\n```\n");

    assertEquals(List.of(), broken(readme));
  }

  @Test
  void reportsALinkThatLeavesTheRepository() throws IOException {
    Path readme = write("README.md", "[up](../elsewhere.md)\n");

    assertEquals(List.of("README.md: ../elsewhere.md leaves the repository"), broken(readme));
  }

  @Test
  void listsExternalLinksWithoutCheckingThem() throws IOException {
    Path readme =
        write("README.md", "[Camel](https://camel.apache.org/nowhere) [mail](mailto:a@b.c)\n");

    LinkCheck.Result result = LinkCheck.check(repository, List.of(readme));

    assertEquals(List.of(), result.broken());
    assertEquals(
        List.of("README.md: https://camel.apache.org/nowhere", "README.md: mailto:a@b.c"),
        result.external());
  }

  @Test
  void documentationIsTheReadmeAndTheMarkdownOfDocs() throws IOException {
    write("README.md", "# Front\n");
    write("docs/guide.md", "# Guide\n");
    write("docs/grafana/notes.md", "# Notes\n");
    write("docs/dashboard.json", "{}");
    write("docs/target/copied.md", "# Built\n");

    assertEquals(
        List.of(
            repository.resolve("README.md"),
            repository.resolve("docs/grafana/notes.md"),
            repository.resolve("docs/guide.md")),
        LinkCheck.documentation(repository));
  }

  private List<String> broken(Path file) throws IOException {
    return LinkCheck.check(repository, List.of(file)).broken();
  }

  private Path write(String name, String text) throws IOException {
    Path file = repository.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
