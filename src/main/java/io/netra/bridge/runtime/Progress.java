package io.netra.bridge.runtime;

import java.io.PrintStream;

/**
 * A one-line spinner on a terminal while the demo waits; silent when the output is not a terminal
 * (CI logs, tests), so the timeline stays clean.
 */
final class Progress {
  private static final String FRAMES = "|/-\\";
  private final PrintStream out;
  private final boolean enabled;
  private int frame;
  private boolean shown;

  Progress(PrintStream out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  static Progress onTerminal(PrintStream err) {
    return new Progress(err, System.console() != null);
  }

  /** Redraws the line; call it on every poll. */
  synchronized void waiting(String what, long elapsedMs) {
    if (!enabled) {
      return;
    }
    frame = (frame + 1) % FRAMES.length();
    out.print(
        "\r  "
            + FRAMES.charAt(frame)
            + " "
            + what
            + String.format(" (%.1fs)", elapsedMs / 1000.0)
            + "\u001b[K");
    out.flush();
    shown = true;
  }

  /** Clears the line before something else is printed. */
  synchronized void clear() {
    if (enabled && shown) {
      out.print("\r\u001b[K");
      out.flush();
      shown = false;
    }
  }
}
