package dev.multicast.it.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Packs this package's programs into a jar, as a user's build would. */
public final class AppJars {
  /** 1980-01-01, the earliest time a zip entry holds. */
  private static final long FIXED_TIME = 315_532_800_000L;

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
          JarOutputStream out = new JarOutputStream(file)) {
        out.putNextEntry(entry(JarFile.MANIFEST_NAME));
        manifest.write(out);
        out.closeEntry();
        for (Class<?> program : new Class<?>[] {Beacon.class, Listener.class}) {
          out.putNextEntry(entry(program.getName().replace('.', '/') + ".class"));
          out.write(Files.readAllBytes(classFile(program)));
          out.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An entry with a fixed time: the same classes make the same jar, and reuse its image. */
  private static JarEntry entry(String name) {
    JarEntry entry = new JarEntry(name);
    entry.setTime(FIXED_TIME);
    return entry;
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
