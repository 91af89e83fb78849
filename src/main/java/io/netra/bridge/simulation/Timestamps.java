package io.netra.bridge.simulation;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** RFC 3339 timestamps with second precision, as the API server writes them. */
final class Timestamps {

  private final Clock clock;

  Timestamps(Clock clock) {
    this.clock = clock;
  }

  String now() {
    return format(clock.instant());
  }

  static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
