package io.netra.bridge.rollout;

/**
 * Pod counts shown in status.
 *
 * @param pods bridge pods that exist, all revisions
 * @param ready Ready bridge pods, all revisions (they serve traffic)
 * @param configured pods that reported their own revision's config hash
 * @param servingConfigured configured pods of the revision on the Deployment
 * @param expected the replicas the spec asks for
 */
public record PodCounts(int pods, int ready, int configured, int servingConfigured, int expected) {}
