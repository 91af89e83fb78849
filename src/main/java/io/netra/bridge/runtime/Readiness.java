package io.netra.bridge.runtime;

/**
 * What {@code /readyz} reports.
 *
 * @param ready the informers have synced and the operator is not shutting down
 * @param role {@code leader}, {@code standby} or {@code single} (leader election off)
 * @param detail a short reason when not ready
 */
public record Readiness(boolean ready, String role, String detail) {}
