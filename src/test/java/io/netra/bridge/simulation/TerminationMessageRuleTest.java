package io.netra.bridge.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminationMessageRuleTest {

  private static final String CRASH = "AttributeError: 'AgentWebSocketBridge' object";

  @Test
  void aKubeletReportsTheLogTailOnlyUnderFallbackToLogsOnErrorAfterAFailure() {
    TerminationMessageRule rule = TerminationMessageRule.AS_KUBELET;

    assertThat(rule.message("FallbackToLogsOnError", 1, CRASH)).isEqualTo(CRASH);
    assertThat(rule.message("FallbackToLogsOnError", 0, "bye")).isNull();
    assertThat(rule.message("FallbackToLogsOnError", 1, "")).isNull();
  }

  @Test
  void underTheDefaultPolicyFileAKubeletReportsNothingSinceNoTerminationLogIsWritten() {
    TerminationMessageRule rule = TerminationMessageRule.AS_KUBELET;

    assertThat(rule.message("File", 1, CRASH)).isNull();
    assertThat(rule.message(null, 1, CRASH)).isNull();
  }

  @Test
  void theEmbeddedClusterAlwaysReportsTheCrashMessage() {
    TerminationMessageRule rule = TerminationMessageRule.CRASH_MESSAGE;

    assertThat(rule.message(null, 1, CRASH)).isEqualTo(CRASH);
    assertThat(rule.message("File", 1, CRASH)).isEqualTo(CRASH);
  }
}
