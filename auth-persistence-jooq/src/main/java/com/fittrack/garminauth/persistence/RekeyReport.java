package com.fittrack.garminauth.persistence;

/**
 * What a {@code rekey} run did. {@code skipped} rows changed while being re-sealed (their writer
 * sealed them anew) or still carried an old key when the run stopped; {@code remaining} is how many
 * rows still need the active key: zero when the rotation is complete, otherwise run rekey again.
 */
public record RekeyReport(
    String activeKeyId, int connectionsResealed, int challengesResealed, long remaining) {

  public boolean complete() {
    return remaining == 0;
  }
}
