package dev.multicast.bridge;

import java.nio.file.Files;
import java.nio.file.Path;

/** The route files of the routes module, as a user would pass them to {@code --routes}. */
final class Routes {
  private static final Path MODULE = Path.of("..", "..", "routes").toAbsolutePath().normalize();

  private Routes() {}

  static Path defaults(String name) {
    return existing(MODULE.resolve("src/main/resources/routes/default").resolve(name));
  }

  static Path example(String name) {
    return existing(MODULE.resolve("examples").resolve(name));
  }

  private static Path existing(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("no route file " + path);
    }
    return path;
  }
}
