package dev.multicast.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A user's JVM program on a node: its jars, copied to {@value #HOME} in an image layered on the
 * node image, and how to start it there: {@code java -jar} its one jar, or a main class with all
 * its jars on the class path.
 *
 * @param jars the program's jars
 * @param mainClass the class to run, or null to run the one jar's {@code Main-Class}
 */
record Application(List<Path> jars, String mainClass) {
  /** Where the program's jars go inside the image. */
  static final String HOME = "/opt/app";

  Application {
    jars = List.copyOf(jars);
  }

  /** A runnable jar, started with {@code java -jar}. */
  static Application jar(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("no application jar " + jar.toAbsolutePath());
    }
    return new Application(List.of(jar), null);
  }

  /** Every jar in a directory on the class path, started at this main class. */
  static Application classpath(Path dir, String mainClass) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> jars =
          files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
      if (jars.isEmpty()) {
        throw new IllegalArgumentException("no jars in " + dir.toAbsolutePath());
      }
      return new Application(jars, mainClass);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the application's jars in " + dir, e);
    }
  }

  /** The command that runs the program inside the image, with these arguments. */
  List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    if (mainClass == null) {
      command.addAll(NodeImage.java("-jar", HOME + "/" + jars.get(0).getFileName()));
    } else {
      // The JVM expands the wildcard itself: there is no shell in the image.
      command.addAll(NodeImage.java("-cp", HOME + "/*", mainClass));
    }
    command.addAll(args);
    return command;
  }
}
