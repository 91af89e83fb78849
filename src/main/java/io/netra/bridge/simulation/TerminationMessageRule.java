package io.netra.bridge.simulation;

/**
 * Which termination message the simulated kubelet reports for a container that exited, as a real
 * kubelet: the tail of the log (what the process said) only under {@code FallbackToLogsOnError}
 * after a non-zero exit. Under the default policy {@code File} the kubelet reads the
 * termination-log file, and simulated images write none.
 */
final class TerminationMessageRule {

  static final String FALLBACK_TO_LOGS_ON_ERROR = "FallbackToLogsOnError";

  private TerminationMessageRule() {}

  /**
   * @param terminationMessagePolicy the container's policy, null for the default ({@code File})
   * @param output what the process wrote before it exited
   * @return the message of {@code state.terminated}, or null for none
   */
  static String message(String terminationMessagePolicy, int exitCode, String output) {
    boolean fallsBackToLogs = FALLBACK_TO_LOGS_ON_ERROR.equals(terminationMessagePolicy);
    return fallsBackToLogs && exitCode != 0 && !output.isEmpty() ? output : null;
  }
}
