package com.fittrack.garminauth.bench;

import java.util.Locale;

/**
 * A measured value and its error bar: {@code error} is the half-width of JMH's 99.9% confidence
 * interval (Student's t over the measurement iterations), or NaN when there were too few iterations
 * to have one.
 */
public record Estimate(double value, double error) {

  public static Estimate exact(double value) {
    return new Estimate(value, 0);
  }

  public boolean hasError() {
    return !Double.isNaN(error);
  }

  /** The relative error ({@code error / value}), NaN when unknown. */
  public double relativeError() {
    return error / Math.abs(value);
  }

  /**
   * {@code this / other}, its error from the relative errors of both added in quadrature (the two
   * are measured independently).
   */
  public Estimate dividedBy(Estimate other) {
    double v = value / other.value;
    double rel = Math.hypot(relativeError(), other.relativeError());
    return new Estimate(v, Math.abs(v) * rel);
  }

  /** {@code k / this}: e.g. operations per second from seconds per operation. */
  public Estimate reciprocalTimes(double k) {
    double v = k / value;
    return new Estimate(v, Math.abs(v) * relativeError());
  }

  public Estimate times(double k) {
    return new Estimate(value * k, error * Math.abs(k));
  }

  /** {@code 1.23 ± 0.04}, with as many decimals as given. */
  public String format(int decimals) {
    String v = String.format(Locale.ROOT, "%." + decimals + "f", value);
    if (!hasError()) {
      return v + " ± n/a";
    }
    return v + " ± " + String.format(Locale.ROOT, "%." + decimals + "f", error);
  }
}
