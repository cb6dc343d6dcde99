package dev.multicast.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.testing.Loopback;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged multicast-core jar is all a program needs: a small one (src/test/resources/
 * core-alone/SayAndHear.java) compiles against the jar alone and, run in a JVM whose class path is
 * that jar and the program, sends a datagram to a group on {@code lo} and hears it.
 */
class CoreJarAloneIT {
  private static final Path JAR = Path.of(System.getProperty("core.jar", "target/missing.jar"));

  @TempDir Path work;

  @Test
  void aProgramWithOnlyTheCoreJarOnItsClassPathSendsAndReceivesOnLo() throws Exception {
    Path source = work.resolve("SayAndHear.java");
    try (InputStream in = getClass().getResourceAsStream("/core-alone/SayAndHear.java")) {
      Files.copy(in, source);
    }
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled =
        javac.run(
            null,
            null,
            null,
            "--release",
            "17",
            "-classpath",
            JAR.toString(),
            "-d",
            classes.toString(),
            source.toString());
    assertEquals(0, compiled, "javac against " + JAR + " alone");

    Group group = Loopback.group();
    String text = "hello from the core jar " + UUID.randomUUID();
    String classPath = JAR + File.pathSeparator + classes;
    Process program =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                "SayAndHear",
                group.host(),
                Integer.toString(group.port()),
                text)
            .redirectErrorStream(true)
            .start();
    String output = read(program);

    assertTrue(program.waitFor(30, TimeUnit.SECONDS), "the program ends");
    assertEquals(List.of(0, text), List.of(program.exitValue(), output.strip()));
  }

  private static String read(Process process) throws IOException {
    try (InputStream out = process.getInputStream()) {
      return new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
