package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JVM options the launcher script picks for each command: a copy of {@code ./multicast} in a
 * layout whose jar is up to date, with a {@code java} on the PATH that prints its arguments.
 */
@Timeout(30)
class LauncherTest {
  private static final String C1 = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
  private static final String TIERED = "-XX:+UseSerialGC";

  @TempDir static Path home;

  @BeforeAll
  static void layout() throws IOException {
    Path launcher = Path.of("..", "..", "multicast");
    assertTrue(Files.isRegularFile(launcher), "run from the app module: " + launcher);
    Files.copy(launcher, home.resolve("multicast"));
    List<String> dirs = new ArrayList<>(List.of("routes/src", "bridge/app/target", "bin"));
    List<String> files = new ArrayList<>(List.of("pom.xml", "routes/pom.xml"));
    for (String module : List.of("core", "camel", "app")) {
      dirs.add("bridge/" + module + "/src/main");
      files.add("bridge/" + module + "/pom.xml");
    }
    for (String dir : dirs) {
      Files.createDirectories(home.resolve(dir));
    }
    for (String file : files) {
      Files.writeString(home.resolve(file), "");
    }
    // Newer than every source, so the launcher does not build.
    Path jar = Files.writeString(home.resolve("bridge/app/target/multicast.jar"), "");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(3600)));
    // Newer than the jar: the class archive was tried for this build (this JDK made none).
    Path classList = Files.writeString(home.resolve("bridge/app/target/multicast.classlist"), "");
    Files.setLastModifiedTime(classList, FileTime.from(Instant.now().plusSeconds(7200)));
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho \"$*\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @ParameterizedTest(name = "{0} with MULTICAST_KEY_FILE=''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "SAY --iface lo -m hi||" + C1,
        "--verbose RECV --iface lo --count 10||" + C1,
        "HEAR --iface lo||" + C1,
        "SAY --iface lo --key-file g.key -m hi||" + TIERED,
        "SAY --iface lo --key-file=g.key --seal -m hi||" + TIERED,
        "--daemon RECV --iface lo --key-file g.key||" + TIERED,
        "HEAR --key-file g.key||" + TIERED,
        "recv --iface lo|g.key|" + TIERED,
        "KEYGEN g.key|g.key|" + C1,
        "NOOP --key-file g.key||" + C1,
        "bridge||-XX:+UseParallelGC -Xmx2g"
      })
  void shouldPickTheTieredJitForKeyedCommandsOnly(String args, String keyFile, String options)
      throws Exception {
    assertEquals(options + " -jar " + jar() + " " + args + "\n", launch(args, keyFile, null));
  }

  @Test
  void multicastJavaOptsReplaceTheBridgesHeapBound() throws Exception {
    assertEquals(
        "-Xmx4g -jar " + jar() + " bridge --iface lo\n",
        launch("bridge --iface lo", null, "-Xmx4g"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"SAY --iface lo -m hi", "bridge"})
  void shouldStartFromTheClassArchiveWhenItIsNewerThanTheJar(String args) throws Exception {
    Path archive = home.resolve("bridge/app/target/multicast.jsa");
    Files.writeString(archive, "");
    try {
      Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(7200)));
      assertTrue(
          launch(args, null, null).startsWith("-XX:SharedArchiveFile=" + archive + " "),
          "the archive's option leads");
      Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
      assertFalse(
          launch(args, null, null).contains("SharedArchiveFile"), "a stale archive is not used");
    } finally {
      Files.delete(archive);
    }
  }

  /** What the launcher runs java with, for these arguments and environment. */
  private static String launch(String args, String keyFile, String javaOpts) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", home.resolve("multicast").toString()));
    command.addAll(Arrays.asList(args.split(" ")));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("MULTICAST_JAVA_OPTS");
    builder.environment().remove("MULTICAST_KEY_FILE");
    if (keyFile != null) {
      builder.environment().put("MULTICAST_KEY_FILE", keyFile);
    }
    if (javaOpts != null) {
      builder.environment().put("MULTICAST_JAVA_OPTS", javaOpts);
    }
    builder.environment().put("PATH", home.resolve("bin") + ":" + System.getenv("PATH"));
    Process process = builder.start();
    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String jar() {
    return home.resolve("bridge/app/target/multicast.jar").toString();
  }
}
