package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * An informer cache that holds each object as its JSON text instead of a tree of model objects.
 * Kubernetes model objects cost several times their JSON size on the heap (every nested object
 * carries its own map of unknown fields), and the operator reads an owned object only in the
 * reconcile of its bridge, so it trades a few tens of microseconds per read for a fraction of the
 * memory. Every read returns a fresh copy, so no caller can change what the cache holds. Used for
 * the bridges themselves too (a bridge whose spec could not be read is written back as it was read,
 * so it stays marked unreadable).
 */
public class SerializedItemStore<T extends HasMetadata> implements ItemStore<T> {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final Class<T> type;
  private final UnaryOperator<T> kept;
  private final Map<String, String> items = new ConcurrentHashMap<>();

  /** Keeps whole objects. */
  public SerializedItemStore(Class<T> type) {
    this(type, UnaryOperator.identity());
  }

  /** Keeps what {@code kept} leaves of each object. */
  SerializedItemStore(Class<T> type, UnaryOperator<T> kept) {
    this.type = type;
    this.kept = kept;
  }

  @Override
  public String getKey(T object) {
    return Cache.metaNamespaceKeyFunc(object);
  }

  @Override
  public T put(String key, T object) {
    return decode(items.put(key, JSON.asJson(kept.apply(object))));
  }

  @Override
  public T remove(String key) {
    return decode(items.remove(key));
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<T> values() {
    return items.values().stream().map(this::decode);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public T get(String key) {
    return decode(items.get(key));
  }

  private T decode(String json) {
    return json == null ? null : JSON.unmarshal(json, type);
  }
}
