package io.netra.bridge.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminationMessageRuleTest {

  private static final String CRASH = "AttributeError: 'AgentWebSocketBridge' object";

  @Test
  void aKubeletReportsTheLogTailOnlyUnderFallbackToLogsOnErrorAfterAFailure() {
    assertThat(TerminationMessageRule.message("FallbackToLogsOnError", 1, CRASH)).isEqualTo(CRASH);
    assertThat(TerminationMessageRule.message("FallbackToLogsOnError", 0, "bye")).isNull();
    assertThat(TerminationMessageRule.message("FallbackToLogsOnError", 1, "")).isNull();
  }

  @Test
  void underTheDefaultPolicyFileAKubeletReportsNothingSinceNoTerminationLogIsWritten() {
    assertThat(TerminationMessageRule.message("File", 1, CRASH)).isNull();
    assertThat(TerminationMessageRule.message(null, 1, CRASH)).isNull();
  }
}
