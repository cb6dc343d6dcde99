// Numbers for people: 999, 1.2k, 34.5k, 678k, 1.2M; rates per second; bytes in kB and MB.
"use strict";

const MonitorFormat = (() => {
  const UNITS = ["", "k", "M", "G", "T"];

  /** 0 to 999 as they are, then three significant digits and a unit: 1.23k, 45.6M. */
  function count(value) {
    if (value === null || value === undefined || !isFinite(value)) {
      return "–";
    }
    const sign = value < 0 ? "-" : "";
    let n = Math.abs(value);
    if (n < 1000) {
      return sign + (Number.isInteger(n) ? String(n) : n < 10 ? n.toFixed(1) : String(Math.round(n)));
    }
    let unit = 0;
    while (n >= 999.5 && unit < UNITS.length - 1) {
      n /= 1000;
      unit++;
    }
    const digits = n < 10 ? 2 : n < 100 ? 1 : 0;
    return sign + n.toFixed(digits) + UNITS[unit];
  }

  /** A rate: 0/s, 0.5/s, 12/s, 1.20k/s. */
  function rate(value) {
    return count(value) + "/s";
  }

  /** Bytes: 512 B, 1.50 kB, 3.20 MB (powers of 1000, as network rates are counted). */
  function bytes(value) {
    if (value === null || value === undefined || !isFinite(value)) {
      return "–";
    }
    const text = count(Math.round(value));
    const unit = text.slice(-1);
    return /[kMGT]/.test(unit) ? text.slice(0, -1) + " " + unit + "B" : text + " B";
  }

  function byteRate(value) {
    return bytes(value) + "/s";
  }

  /** A time of day, such as 14:03:07. */
  function time(millis) {
    return new Date(millis).toLocaleTimeString([], { hour12: false });
  }

  /** A whole number in full, for a tooltip: 1,234,567. */
  function exact(value) {
    return Number(value).toLocaleString();
  }

  return { count, rate, bytes, byteRate, time, exact };
})();
