package io.netra.bridge.simulation;

/**
 * Pod IPs on the loopback network, allocated upward from 127.10.0.1 and never reused, so a deleted
 * pod's port is never mistaken for a new pod's. Linux routes all of 127.0.0.0/8 to lo.
 */
final class LoopbackAddresses {

  private int next = (127 << 24) | (10 << 16) | 1;

  String allocate() {
    while ((next & 0xff) == 0 || (next & 0xff) == 0xff) {
      next++;
    }
    if ((next >>> 24) != 127) {
      throw new IllegalStateException("loopback addresses exhausted");
    }
    int address = next++;
    return (address >>> 24)
        + "."
        + ((address >>> 16) & 0xff)
        + "."
        + ((address >>> 8) & 0xff)
        + "."
        + (address & 0xff);
  }
}
