package dev.multicast.it.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Packs this package's programs into a jar, as a user's build would. */
public final class AppJars {
  private AppJars() {}

  /**
   * A jar in {@code dir} holding {@link Beacon} and {@link Listener}, runnable with {@code java
   * -jar} as the given main class.
   */
  public static Path write(Path dir, Class<?> mainClass) {
    try {
      Files.createDirectories(dir);
      Path jar = dir.resolve("user-app.jar");
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
      try (OutputStream file = Files.newOutputStream(jar);
          JarOutputStream out = new JarOutputStream(file, manifest)) {
        for (Class<?> program : new Class<?>[] {Beacon.class, Listener.class}) {
          String entry = program.getName().replace('.', '/') + ".class";
          out.putNextEntry(new JarEntry(entry));
          out.write(Files.readAllBytes(classFile(program)));
          out.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path classFile(Class<?> program) {
    try {
      Path root = Path.of(program.getProtectionDomain().getCodeSource().getLocation().toURI());
      return root.resolve(program.getName().replace('.', '/') + ".class");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
