package io.netra.bridge.rollout;

import io.netra.bridge.health.RevisionHealth;
import io.netra.bridge.model.RolloutSettings;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.RevisionTemplate;
import java.time.Instant;

/**
 * Everything the rollout decision depends on.
 *
 * @param desired the revision the spec describes
 * @param retryToken the value of the {@code bridge.netra.io/retry} annotation, or null
 * @param previous the status as last written (never null)
 * @param deployed what the Deployment carries, or null when there is no Deployment
 * @param stable the stable revision's template as persisted, or null when there is none
 * @param deployedHealth the health of the deployed revision's pods, or null without Deployment
 */
public record RolloutInput(
    RevisionTemplate desired,
    String retryToken,
    RolloutSettings settings,
    WebSocketBridgeStatus previous,
    DeployedRevision deployed,
    RevisionTemplate stable,
    RevisionHealth deployedHealth,
    Instant now) {}
