package dev.multicast.harness;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.LazyFuture;

/**
 * The node image, built locally from the app's jar so that no registry is needed: by default {@code
 * FROM scratch} with a jlink-made Java runtime and the few shared libraries it links (libc, libm,
 * libz, libstdc++, libgcc_s and the loader). With {@code -Dmulticast.node.base=IMAGE} (any image
 * with Java 17 or later on its path) it is a conventional image on that base instead.
 *
 * <p>The jar and its {@code lib/} folder come from the class path, under {@code multicast-node/}:
 * the artifact {@code dev.multicast:multicast-app:VERSION:node}, which this module depends on,
 * holds them as resources, so the app's classes stay off the test's class path.
 *
 * <p>A user's program ({@link MulticastNode#withApplication}) runs on the same runtime; {@code
 * -Dmulticast.node.modules=MODULE,...} adds the JDK modules it needs beyond the app's.
 *
 * <p>The tag is a digest of everything that goes in, so an unchanged jar reuses the image: it is
 * built once per machine, not once per test class. The jlink runtime and the build context are kept
 * in {@code -Dmulticast.node.dir} (default {@code ${java.io.tmpdir}/multicast-node}).
 */
public final class NodeImage {
  /** Where the project's files go inside the image. */
  static final String APP = "/opt/multicast";

  /** Small, quick JVMs: every node runs several (its main command, and each command run in it). */
  static final List<String> JVM_FLAGS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xss512k");

  private static final List<String> MODULES =
      List.of(
          "java.base",
          "java.desktop", // java.beans, which Spring's JMS support reads
          "java.instrument",
          "java.logging",
          "java.management",
          "java.naming",
          "java.net.http",
          "java.scripting",
          "java.security.jgss",
          "java.security.sasl",
          "java.sql",
          "java.transaction.xa",
          "java.xml",
          "jdk.crypto.ec",
          "jdk.management",
          "jdk.naming.dns",
          "jdk.unsupported",
          "jdk.zipfs");

  /** Native libraries of the runtime that only desktop programs load. */
  private static final Pattern DESKTOP_LIBRARY =
      Pattern.compile(
          "lib(awt.*|fontmanager|jawt|jsound|splashscreen|lcms|javajpeg|mlib_image)\\.so");

  private static final Pattern LDD_PATH = Pattern.compile("(/\\S+\\.so[.\\d]*)");

  /** Where the app's files are on the class path. */
  private static final String CONTENT = "multicast-node";

  private static String name;

  private NodeImage() {}

  /**
   * The image's name, building it first when this machine has none for this jar yet.
   *
   * @return the image's name, as Docker knows it
   */
  public static synchronized String name() {
    if (name == null) {
      name = build();
    }
    return name;
  }

  /** The image's name, built when a container first asks for it rather than when it is made. */
  static Future<String> lazily() {
    return new LazyFuture<>() {
      @Override
      protected String resolve() {
        return name();
      }
    };
  }

  /** The command line that runs {@code multicast} inside the image. */
  static List<String> multicast() {
    return java("-jar", APP + "/multicast.jar");
  }

  /** A {@code java} command line inside the image, with the nodes' JVM flags. */
  static List<String> java(String... args) {
    List<String> command = new ArrayList<>();
    command.add(base().isEmpty() ? "/opt/java/bin/java" : "java");
    command.addAll(JVM_FLAGS);
    command.addAll(List.of(args));
    return command;
  }

  /**
   * The runtime's modules: the app's, and those {@code -Dmulticast.node.modules=a,b} adds for a
   * user's program (jdeps on its jars names them).
   */
  private static List<String> modules() {
    List<String> modules = new ArrayList<>(MODULES);
    for (String extra : System.getProperty("multicast.node.modules", "").split(",")) {
      if (!extra.isBlank() && !modules.contains(extra.strip())) {
        modules.add(extra.strip());
      }
    }
    return modules;
  }

  private static String base() {
    return System.getProperty("multicast.node.base", "").trim();
  }

  private static String build() {
    URL jar = NodeImage.class.getClassLoader().getResource(CONTENT + "/multicast.jar");
    if (jar == null) {
      throw new IllegalStateException(
          "no "
              + CONTENT
              + "/multicast.jar on the class path: depend on"
              + " dev.multicast:multicast-app:VERSION:node (multicast-testcontainers brings it)");
    }
    try {
      if (!"jar".equals(jar.getProtocol())) {
        return build(Path.of(jar.toURI()).getParent());
      }
      URI file = ((JarURLConnection) jar.openConnection()).getJarFileURL().toURI();
      try (FileSystem zip = FileSystems.newFileSystem(Path.of(file))) {
        return build(zip.getPath("/" + CONTENT));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot read the node image's content: " + jar, e);
    }
  }

  private static String build(Path content) {
    Path jar = content.resolve("multicast.jar");
    Path lib = content.resolve("lib");
    Path dir = workDir();
    try {
      String dockerfile = dockerfile();
      String tag = "multicast-node:" + digest(dockerfile, jar, lib);
      if (exists(tag)) {
        return tag;
      }
      Path context = dir.resolve("context-" + tag.substring(tag.indexOf(':') + 1));
      deleteTree(context);
      Files.createDirectories(context);
      Files.writeString(context.resolve("Dockerfile"), dockerfile);
      Files.copy(jar, context.resolve("multicast.jar"));
      copyTree(lib, context.resolve("lib"));
      if (base().isEmpty()) {
        system(dir, modules(), List.of(), context.resolve("system"));
      }
      String built = new ImageFromDockerfile(tag, false).withFileFromPath(".", context).get();
      deleteTree(context);
      return built;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the node image: " + e.getMessage(), e);
    }
  }

  /**
   * The node image with a user's program layered on, built once per node image and jars: same
   * runtime, the program's jars in {@link Application#HOME}.
   */
  static synchronized String layered(Application application) {
    String from = name();
    try {
      String dockerfile = "FROM " + from + "\nCOPY app/ " + Application.HOME + "/\n";
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(dockerfile.getBytes(StandardCharsets.UTF_8));
      for (Path jar : application.jars()) {
        sha.update(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(jar));
      }
      String tag = "multicast-app-node:" + HexFormat.of().formatHex(sha.digest(), 0, 6);
      if (exists(tag)) {
        return tag;
      }
      ImageFromDockerfile image =
          new ImageFromDockerfile(tag, false).withFileFromString("Dockerfile", dockerfile);
      for (Path jar : application.jars()) {
        image.withFileFromPath("app/" + jar.getFileName(), jar);
      }
      return image.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the application image: " + e.getMessage(), e);
    }
  }

  /** Where images' runtimes and build contexts are kept: {@code -Dmulticast.node.dir}. */
  static Path workDir() {
    return Path.of(System.getProperty("multicast.node.dir", defaultDir()));
  }

  private static String defaultDir() {
    return Path.of(System.getProperty("java.io.tmpdir"), "multicast-node").toString();
  }

  private static String dockerfile() {
    List<String> entry = multicast();
    String entrypoint =
        entry.stream().map(part -> '"' + part + '"').reduce((a, b) -> a + ", " + b).orElseThrow();
    String from = base().isEmpty() ? "FROM scratch\nCOPY system/ /\n" : "FROM " + base() + "\n";
    return from
        + "COPY lib/ "
        + APP
        + "/lib/\n"
        + "COPY multicast.jar "
        + APP
        + "/\n"
        + "WORKDIR /data\n"
        + "ENTRYPOINT ["
        + entrypoint
        + "]\n"
        + "CMD [\"NOOP\", \"--daemon\"]\n";
  }

  /**
   * The runtime of these modules (made by jlink once, kept in {@code dir}), the libraries it links,
   * a user and a /tmp: all a JVM needs from a system, written to {@code system} for a {@code FROM
   * scratch} image.
   *
   * @param libraries more libraries by file name (e.g. {@code libpthread.so.0}, which native code
   *     in a jar may load), copied from beside the C library when this machine has them
   */
  static void system(Path dir, List<String> modules, List<String> libraries, Path system)
      throws IOException, InterruptedException {
    Path runtime =
        dir.resolve("runtime-" + Runtime.version() + "-" + Integer.toHexString(modules.hashCode()));
    if (!Files.isRegularFile(runtime.resolve("release"))) {
      deleteTree(runtime);
      Files.createDirectories(runtime.getParent());
      ToolProvider jlink =
          ToolProvider.findFirst("jlink")
              .orElseThrow(() -> new IllegalStateException("jlink needs a JDK, not a JRE"));
      int status =
          jlink.run(
              System.out,
              System.err,
              "--add-modules",
              String.join(",", modules),
              "--strip-debug",
              "--no-header-files",
              "--no-man-pages",
              "--generate-cds-archive",
              "--output",
              runtime.toString());
      if (status != 0) {
        throw new IllegalStateException("jlink failed with status " + status);
      }
    }
    copyTree(runtime, system.resolve("opt/java"));
    TreeSet<String> linked = linkedLibraries(runtime);
    Path libc =
        linked.stream()
            .map(Path::of)
            .filter(path -> path.getFileName().toString().startsWith("libc.so"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("ldd names no libc: " + linked));
    for (String library : libraries) {
      Path beside = libc.resolveSibling(library);
      if (Files.exists(beside)) {
        linked.add(beside.toString());
      }
    }
    for (String library : linked) {
      Path target = system.resolve(library.substring(1));
      Files.createDirectories(target.getParent());
      Files.copy(Path.of(library), target, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.createDirectories(system.resolve("etc"));
    Files.writeString(system.resolve("etc/passwd"), "root:x:0:0:root:/root:/sbin/nologin\n");
    Files.createDirectories(system.resolve("root"));
    Files.createDirectories(system.resolve("tmp"));
  }

  /** What {@code ldd} says the launcher, the JVM and the non-desktop libraries load. */
  private static TreeSet<String> linkedLibraries(Path runtime)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ldd"));
    command.add(runtime.resolve("bin/java").toString());
    command.add(runtime.resolve("lib/server/libjvm.so").toString());
    try (Stream<Path> files = Files.list(runtime.resolve("lib"))) {
      files
          .filter(file -> file.getFileName().toString().endsWith(".so"))
          .filter(file -> !DESKTOP_LIBRARY.matcher(file.getFileName().toString()).matches())
          .forEach(file -> command.add(file.toString()));
    }
    Process ldd = new ProcessBuilder(command).redirectErrorStream(true).start();
    String listing;
    try (InputStream in = ldd.getInputStream()) {
      listing = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (ldd.waitFor() != 0) {
      throw new IllegalStateException("ldd failed: " + listing);
    }
    TreeSet<String> libraries = new TreeSet<>();
    Matcher path = LDD_PATH.matcher(listing);
    while (path.find()) {
      String library = path.group(1);
      if (!library.startsWith(runtime.toString()) && !library.contains("/..")) {
        libraries.add(library);
      }
    }
    return libraries;
  }

  private static String digest(String dockerfile, Path jar, Path lib)
      throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(dockerfile.getBytes(StandardCharsets.UTF_8));
    // The scratch image's runtime is made from the JDK that runs the tests.
    sha.update((Runtime.version() + String.join(",", modules())).getBytes(StandardCharsets.UTF_8));
    sha.update(Files.readAllBytes(jar));
    try (Stream<Path> jars = Files.list(lib).sorted()) {
      // Library jars carry their version in their names.
      jars.forEach(
          file -> sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8)));
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 6);
  }

  static boolean exists(String tag) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(tag).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Copies a tree; within one file system with its attributes, so that bin/java stays runnable. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else if (path.getFileSystem() == target.getFileSystem()) {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.delete(path);
      }
    }
  }
}
