package dev.multicast.bridge.access;

import dev.multicast.security.KeyFileException;
import dev.multicast.security.PrivateFiles;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The users of a bridge or broker, from a users file that only its owner may read (mode 0600, as a
 * group key's). One line per user, {@code NAME:HASH:ROLE[,ROLE]}, such as {@code
 * alice:pbkdf2-sha256$600000$…$…:send,receive}; blank lines and lines starting with '#' are
 * skipped. {@code multicast passwd} writes it.
 */
public final class Users {
  /** How files of users are named in messages. */
  public static final String LABEL = "users file";

  private static final String HOLDING = "users, one NAME:HASH:ROLES line each";
  private static final int MAX_FILE_LENGTH = 1 << 20;

  /**
   * Logins already verified or refused, so a client that reconnects (or retries a wrong password,
   * as a bridge's broker connection does every second) does not cost a slow hash each time.
   */
  private static final int MAX_REMEMBERED = 1024;

  private final Map<String, User> byName;
  private final Map<String, User> verified = new ConcurrentHashMap<>();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final SecretKeySpec verifiedKey =
      new SecretKeySpec(
          PasswordHash.randomToken().getBytes(StandardCharsets.US_ASCII), "HmacSHA256");

  private Users(Map<String, User> byName) {
    this.byName = byName;
  }

  /** No users yet, for a file that {@code multicast passwd} is about to create. */
  public static Users none() {
    return new Users(new LinkedHashMap<>());
  }

  /**
   * Reads a users file.
   *
   * @throws KeyFileException when it is missing (66), open to group or others (77), or a line is
   *     not a user (66), naming the file and the line number, never its content
   */
  public static Users read(Path path) {
    byte[] content = PrivateFiles.read(path, LABEL, HOLDING, MAX_FILE_LENGTH);
    if (content.length > MAX_FILE_LENGTH) {
      throw malformed(path, "is larger than " + MAX_FILE_LENGTH + " bytes");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      throw malformed(path, "is not UTF-8 text");
    }
    Map<String, User> users = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        User user = parse(line);
        if (users.putIfAbsent(user.name(), user) != null) {
          throw new IllegalArgumentException("user " + user.name() + " is there twice");
        }
      } catch (IllegalArgumentException e) {
        throw malformed(path, "line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new Users(users);
  }

  /** These users, with {@code user} added or, when one of that name is there, replaced. */
  public Users with(User user) {
    Map<String, User> users = new LinkedHashMap<>(byName);
    users.put(user.name(), user);
    return new Users(users);
  }

  /** Writes the users to {@code path} with mode 0600, whole or not at all. */
  public void write(Path path) {
    StringBuilder text =
        new StringBuilder("# multicast users: NAME:HASH:ROLES (multicast passwd)\n");
    for (User user : byName.values()) {
      text.append(user.name())
          .append(':')
          .append(user.hash())
          .append(':')
          .append(String.join(",", user.roles().stream().sorted().map(Role::id).toList()))
          .append('\n');
    }
    PrivateFiles.replace(path, text.toString().getBytes(StandardCharsets.UTF_8), LABEL);
  }

  public Collection<User> all() {
    return byName.values();
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /** The user of this name and password, or empty; a wrong password and an unknown name alike. */
  public Optional<User> authenticate(String name, String password) {
    String login = fingerprint(name, password);
    User known = verified.get(login);
    if (known != null || refused.contains(login)) {
      return Optional.ofNullable(known);
    }
    User user = byName.get(name);
    char[] chars = password.toCharArray();
    try {
      // An unknown name costs the same hash as a known one: the time taken tells no names.
      PasswordHash hash = user != null ? user.hash() : Unknown.HASH;
      if (!hash.matches(chars) || user == null) {
        remember(refused, login);
        return Optional.empty();
      }
    } finally {
      Arrays.fill(chars, '\0');
    }
    if (verified.size() >= MAX_REMEMBERED) {
      verified.clear();
    }
    verified.put(login, user);
    return Optional.of(user);
  }

  /** A hash no password matches in practice, made once, when a first unknown name comes. */
  private static final class Unknown {
    static final PasswordHash HASH = PasswordHash.of(PasswordHash.randomToken().toCharArray());
  }

  private static void remember(Set<String> logins, String login) {
    if (logins.size() >= MAX_REMEMBERED) {
      logins.clear();
    }
    logins.add(login);
  }

  /** A keyed digest of a login, so the memo of verified logins holds no password. */
  private String fingerprint(String name, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(verifiedKey);
      mac.update(name.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  private static User parse(String line) {
    String[] fields = line.split(":", -1);
    if (fields.length != 3) {
      throw new IllegalArgumentException("expected NAME:HASH:ROLES");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String role : fields[2].split(",")) {
      if (!role.isBlank()) {
        roles.add(Role.of(role));
      }
    }
    return new User(fields[0], PasswordHash.parse(fields[1]), roles);
  }

  private static KeyFileException malformed(Path path, String what) {
    return new KeyFileException(
        KeyFileException.Reason.MALFORMED,
        LABEL
            + " "
            + path
            + " "
            + what
            + " (expected NAME:HASH:ROLES lines, as 'multicast passwd' writes)");
  }
}
