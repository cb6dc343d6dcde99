package dev.multicast.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's route files, as a user would copy them to a host to pass to {@code --routes}. */
public final class RouteFiles {
  private RouteFiles() {}

  /**
   * One of the default routes the bridge runs without {@code --routes}.
   *
   * @param name a file name, such as {@code multicast-to-topic.camel.yaml}
   * @return its path in this checkout
   */
  public static Path defaults(String name) {
    return existing(module().resolve("src/main/resources/routes/default").resolve(name));
  }

  /**
   * One of the example routes in {@code routes/examples}.
   *
   * @param name a file name in {@code routes/examples}
   * @return its path in this checkout
   */
  public static Path example(String name) {
    return existing(module().resolve("examples").resolve(name));
  }

  private static Path module() {
    return Path.of(System.getProperty("multicast.routes.dir", "../routes"));
  }

  private static Path existing(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("no route file " + path.toAbsolutePath().normalize());
    }
    return path;
  }
}
