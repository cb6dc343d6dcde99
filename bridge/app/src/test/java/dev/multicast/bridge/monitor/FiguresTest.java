package dev.multicast.bridge.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers for people: units at each thousand, three significant digits, no "1000k". */
class FiguresTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "7, 7",
    "0.5, 0.5",
    "12.4, 12",
    "999, 999",
    "1000, 1.00k",
    "1234, 1.23k",
    "45678, 45.7k",
    "999499, 999k",
    "999500, 1.00M",
    "1500000, 1.50M",
    "2000000000, 2.00G",
    "-1234, -1.23k"
  })
  void countsAreShortAboveAThousand(double value, String expected) {
    assertEquals(expected, Figures.count(value));
  }

  @ParameterizedTest
  @CsvSource({"0, 0 B", "512, 512 B", "1500, 1.50 kB", "3200000, 3.20 MB"})
  void bytesHaveTheirUnit(double value, String expected) {
    assertEquals(expected, Figures.bytes(value));
  }

  @ParameterizedTest
  @CsvSource({"0, 0/s", "0.25, 0.3/s", "1200, 1.20k/s"})
  void ratesArePerSecond(double value, String expected) {
    assertEquals(expected, Figures.rate(value));
  }

  @ParameterizedTest
  @CsvSource({"NaN", "Infinity"})
  void whatIsNoNumberIsADash(double value) {
    assertEquals("–", Figures.count(value));
    assertEquals("–", Figures.bytes(value));
  }
}
