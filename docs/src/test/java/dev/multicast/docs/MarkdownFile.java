package dev.multicast.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * One Markdown file as GitHub shows it: the anchors of its headings and the destinations of its
 * links and images (those in code are not links).
 *
 * @param anchors each heading's id, as GitHub makes it: lower case, punctuation dropped, spaces as
 *     hyphens, and {@code -1}, {@code -2} appended to repeats
 * @param links each link's and image's destination, as written
 */
record MarkdownFile(Path path, Set<String> anchors, List<String> links) {

  private static final Parser PARSER =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();

  static MarkdownFile read(Path path) throws IOException {
    Set<String> anchors = new HashSet<>();
    List<String> links = new ArrayList<>();
    IdGenerator ids = IdGenerator.builder().build();
    PARSER
        .parse(Files.readString(path))
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Heading heading) {
                anchors.add(ids.generateId(textOf(heading)));
                visitChildren(heading);
              }

              @Override
              public void visit(Link link) {
                links.add(link.getDestination());
                visitChildren(link);
              }

              @Override
              public void visit(Image image) {
                links.add(image.getDestination());
                visitChildren(image);
              }
            });
    return new MarkdownFile(path, Set.copyOf(anchors), List.copyOf(links));
  }

  /** A heading's text as GitHub reads it for the id: code spans by their text, markup dropped. */
  private static String textOf(Heading heading) {
    StringBuilder text = new StringBuilder();
    heading.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text literal) {
            text.append(literal.getLiteral());
          }

          @Override
          public void visit(Code code) {
            text.append(code.getLiteral());
          }
        });
    return text.toString();
  }
}
