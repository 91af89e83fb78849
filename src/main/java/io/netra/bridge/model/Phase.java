package io.netra.bridge.model;

/** The phase shown in status and in {@code kubectl get wsb}. */
public enum Phase {
  Pending,
  Progressing,
  Ready,
  Degraded,
  RolledBack,
  Failed,
  Paused
}
