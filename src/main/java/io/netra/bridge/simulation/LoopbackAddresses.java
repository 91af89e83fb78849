package io.netra.bridge.simulation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Pod IPs on the loopback network, allocated upward and never reused, so a deleted pod's port is
 * never mistaken for a new pod's. Linux routes all of 127.0.0.0/8 to lo. Each process starts in a
 * block of its own (127.[10 + pid % 200].x.1), so simulations running side by side on one machine
 * do not take each other's addresses between allocation and bind; addresses whose port is held
 * anyway are skipped. Shared by the simulation's shards.
 */
final class LoopbackAddresses {

  private static final int MAX_SKIPPED = 10_000;

  private static final java.util.concurrent.atomic.AtomicInteger INSTANCES =
      new java.util.concurrent.atomic.AtomicInteger();

  private int next =
      (127 << 24)
          | ((int) (10 + ProcessHandle.current().pid() % 200) << 16)
          | ((INSTANCES.getAndIncrement() * 16 % 256) << 8)
          | 1;

  /** The next address on which {@code port} can be bound (any address when port is 0). */
  synchronized String allocate(int port) {
    for (int skipped = 0; skipped < MAX_SKIPPED; skipped++) {
      String address = nextAddress();
      if (port == 0 || bindable(address, port)) {
        return address;
      }
    }
    throw new IllegalStateException("no free loopback address for port " + port);
  }

  private String nextAddress() {
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

  private static boolean bindable(String address, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(address, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
