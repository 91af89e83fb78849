package io.netra.bridge.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool some tests need (kubectl, lua5.4). On a developer machine without it the
 * tests are skipped; in CI (env {@code CI} set) they fail, so a missing tool cannot turn a CI run
 * green by skipping.
 */
public final class RequiredTool {
  private RequiredTool() {}

  public static void require(boolean available, String tool, String howToGetIt) {
    if (!available && System.getenv("CI") != null) {
      throw new IllegalStateException(
          tool + " is not available; CI must provide it (" + howToGetIt + ")");
    }
    Assumptions.assumeTrue(
        available, tool + " is not available: tests skipped (" + howToGetIt + ")");
  }

  /** kubectl from {@code $KUBECTL} or {@code PATH}. */
  public static void requireKubectl() {
    require(
        Kubectl.available(),
        "kubectl",
        "put kubectl on PATH, or set KUBECTL to e.g. $(e2e/control-plane bin)/kubectl");
  }
}
