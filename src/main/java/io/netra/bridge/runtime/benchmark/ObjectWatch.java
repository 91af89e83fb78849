package io.netra.bridge.runtime.benchmark;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A plain informer in the harness that tells the instant ({@link System#nanoTime()}) an object was
 * first seen matching a condition. Conditions are tested on every event, in delivery order, so a
 * stateful condition can require one state before another.
 */
final class ObjectWatch<T extends HasMetadata> implements AutoCloseable {

  private record Waiter<T>(String name, Predicate<T> condition, CompletableFuture<Long> seen) {}

  private final List<Waiter<T>> waiters = new CopyOnWriteArrayList<>();
  private final SharedIndexInformer<T> informer;
  private final String namespace;

  ObjectWatch(Informable<T> resources, String namespace) {
    this.namespace = namespace;
    this.informer =
        resources.inform(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(T object) {
                seen(object);
              }

              @Override
              public void onUpdate(T before, T object) {
                seen(object);
              }

              @Override
              public void onDelete(T object, boolean finalStateUnknown) {}
            });
  }

  /** Completes with the instant {@code name} is first seen matching, the cached state included. */
  CompletableFuture<Long> when(String name, Predicate<T> condition) {
    Waiter<T> waiter = new Waiter<>(name, condition, new CompletableFuture<>());
    waiters.add(waiter);
    T cached = get(name);
    if (cached != null) {
      test(waiter, cached, System.nanoTime());
    }
    return waiter.seen();
  }

  T get(String name) {
    return informer.getStore().getByKey(namespace + "/" + name);
  }

  List<T> list() {
    return informer.getStore().list();
  }

  private void seen(T object) {
    long now = System.nanoTime();
    for (Waiter<T> waiter : waiters) {
      if (waiter.name().equals(object.getMetadata().getName())) {
        test(waiter, object, now);
      }
    }
  }

  private void test(Waiter<T> waiter, T object, long now) {
    synchronized (waiter) {
      if (!waiter.seen().isDone() && waiter.condition().test(object)) {
        waiters.remove(waiter);
        waiter.seen().complete(now);
      }
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
