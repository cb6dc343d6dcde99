package dev.multicast.bridge.monitor;

import java.util.Locale;

/**
 * Numbers for people, as the page writes them too (its {@code format.js}): 999, 1.23k, 45.6M; rates
 * per second; bytes in powers of 1000, as network rates are counted.
 */
public final class Figures {
  private static final String[] UNITS = {"", "k", "M", "G", "T"};

  private Figures() {}

  /** 0 to 999 as they are, then three significant digits and a unit: 1.23k, 45.6M. */
  public static String count(double value) {
    if (!Double.isFinite(value)) {
      return "–";
    }
    String sign = value < 0 ? "-" : "";
    double n = Math.abs(value);
    if (n < 1000) {
      if (n == Math.rint(n)) {
        return sign + (long) n;
      }
      return sign + (n < 10 ? String.format(Locale.ROOT, "%.1f", n) : Long.toString(Math.round(n)));
    }
    int unit = 0;
    while (n >= 999.5 && unit < UNITS.length - 1) {
      n /= 1000;
      unit++;
    }
    int digits = n < 10 ? 2 : n < 100 ? 1 : 0;
    return sign + String.format(Locale.ROOT, "%." + digits + "f", n) + UNITS[unit];
  }

  /** A rate: 0/s, 0.5/s, 12/s, 1.20k/s. */
  public static String rate(double perSecond) {
    return count(perSecond) + "/s";
  }

  /** Bytes: 512 B, 1.50 kB, 3.20 MB. */
  public static String bytes(double value) {
    if (!Double.isFinite(value)) {
      return "–";
    }
    String text = count(Math.round(value));
    char unit = text.charAt(text.length() - 1);
    return Character.isLetter(unit)
        ? text.substring(0, text.length() - 1) + " " + unit + "B"
        : text + " B";
  }

  public static String byteRate(double perSecond) {
    return bytes(perSecond) + "/s";
  }
}
