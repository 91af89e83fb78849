package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Supplier;

/**
 * The mock server's CRUD dispatcher with the lookup a real API server has: objects indexed by
 * resource type and name, so that a read, write or delete of one object no longer compares every
 * object stored. Fabric8's dispatcher scans its whole store for each request (and copies it for
 * each read), which made the embedded API server, single-threaded behind its event loop, the
 * bottleneck of every run with hundreds of bridges.
 *
 * <p>Semantics are Fabric8's: the same store, handlers, watch events, resource versions, list order
 * (insertion order, a modified object moving to the end) and deletion with finalizers. The index
 * only narrows the candidates; each candidate is still matched against the request with Fabric8's
 * own attribute matching, and requests the index cannot narrow (no resource type in the path) fall
 * back to the full scan. Lists honour {@code limit} and {@code continue} as a real API server does
 * (see {@link ListPage}); Fabric8's dispatcher ignores them.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
  private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;
  private static final String NAME = KubernetesAttributesExtractor.NAME;
  private static final Set<String> STATUS_SUBRESOURCE_TYPES =
      Set.of("pods", "deployments", "replicasets");

  private final ReadWriteLock lock = inherited("lock", ReadWriteLock.class);
  private final AtomicLong resourceVersion = inherited("resourceVersion", AtomicLong.class);
  private final Map<Attribute, Set<AttributeSet>> byType = new HashMap<>();
  private final Map<List<Attribute>, Set<AttributeSet>> byTypeAndName = new HashMap<>();
  private final KubernetesResponseComposer composer = new KubernetesResponseComposer();

  private KubernetesAttributesExtractor extractor() {
    return (KubernetesAttributesExtractor) attributeExtractor;
  }

  /**
   * Fabric8's own lock and resource-version counter: reads, writes and the replay a new watch gets
   * must exclude each other exactly as they do in Fabric8, and lists carry its current version.
   */
  private <T> T inherited(String field, Class<T> type) {
    try {
      Field declared = KubernetesCrudDispatcher.class.getDeclaredField(field);
      declared.setAccessible(true);
      return type.cast(declared.get(this));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "KubernetesCrudDispatcher has no field " + field + " of type " + type.getName(), e);
    }
  }

  @Override
  public MockResponse handleGet(String path) {
    if (path.contains("watch=true")) {
      return super.handleGet(path);
    }
    lock.readLock().lock();
    try {
      AttributeSet query = attributeExtractor.fromPath(path);
      Optional<List<AttributeSet>> keys = matching(query);
      if (keys.isEmpty() || (keys.get().isEmpty() && !query.containsKey(NAME))) {
        // Not narrowable, or an empty list that may be an API resource list: Fabric8's own answer.
        return super.handleGet(path);
      }
      Optional<ListPage.Request> page = ListPage.Request.of(path);
      if (page.isPresent() && !query.containsKey(NAME)) {
        return ListPage.answer(
            page.get(),
            keys.get(),
            IndexedCrudDispatcher::objectKey,
            map::get,
            resourceVersion.get());
      }
      return answer(query, values(keys.get()));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * As a real API server: pods, Deployments and ReplicaSets take their status only through the
   * status subresource, and keep it when the object itself is written.
   */
  @Override
  public boolean isStatusSubresourceEnabledForResource(String path) {
    Attribute type = equality(attributeExtractor.fromPath(path), PLURAL);
    if (type != null
        && STATUS_SUBRESOURCE_TYPES.contains(String.valueOf(type.getValues().get(0)))) {
      return true;
    }
    return super.isStatusSubresourceEnabledForResource(path);
  }

  /**
   * As a real API server, a pod bound to a node is not removed by a delete with a grace period: it
   * is marked (deletionTimestamp, deletionGracePeriodSeconds) and its kubelet removes it with grace
   * 0 once its containers have stopped.
   */
  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (request.method() != HttpMethod.DELETE) {
      return super.dispatch(request);
    }
    MockResponse marked =
        write(
            () -> {
              AttributeSet query = attributeExtractor.fromPath(request.getPath());
              Attribute type = equality(query, PLURAL);
              if (type == null
                  || !"pods".equals(String.valueOf(type.getValues().get(0)))
                  || !query.containsKey(NAME)
                  || request.getPath().contains("/status")) {
                return null;
              }
              Optional<List<AttributeSet>> keys = matching(query);
              if (keys.isEmpty() || keys.get().isEmpty()) {
                return null;
              }
              AttributeSet key = keys.get().get(0);
              Pod pod = Serialization.unmarshal(map.get(key), Pod.class);
              Long grace = PodDeletionMark.gracePeriod(request.getUtf8Body(), pod);
              if (grace == null) {
                return null;
              }
              if (pod.getMetadata().getDeletionTimestamp() == null) {
                PodDeletionMark.mark(pod, grace);
                pod.getMetadata().setResourceVersion(Long.toString(requestResourceVersion()));
                String json = Serialization.asJson(pod);
                processEvent(
                    request.getPath(),
                    query,
                    key,
                    Serialization.unmarshal(json, GenericKubernetesResource.class),
                    json);
              }
              return new MockResponse()
                  .setResponseCode(HttpURLConnection.HTTP_OK)
                  .setBody(map.get(key));
            });
    return marked != null ? marked : super.dispatch(request);
  }

  @Override
  public MockResponse handleDelete(String path) {
    return write(
        () -> {
          AttributeSet query = attributeExtractor.fromPath(path);
          Optional<List<AttributeSet>> keys = matching(query);
          if (keys.isEmpty()) {
            return super.handleDelete(path);
          }
          List<String> deleted = values(keys.get());
          keys.get().forEach(key -> delete(path, query, key));
          return answer(query, deleted);
        });
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    Optional<List<AttributeSet>> keys = matching(query);
    if (keys.isEmpty()) {
      return super.findResource(query);
    }
    return keys.get().stream()
        .findFirst()
        .map(key -> new AbstractMap.SimpleImmutableEntry<>(key, map.get(key)))
        .orElse(null);
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    if (oldAttributes != null) {
      unindex(oldAttributes);
    }
    if (newState != null) {
      index(storedKey(pathAttributes, resource, newState));
    }
  }

  @Override
  public void reset() {
    write(
        () -> {
          super.reset();
          byType.clear();
          byTypeAndName.clear();
          return null;
        });
  }

  /** The key Fabric8 just stored {@code newState} under, computed the way it computes it. */
  private AttributeSet storedKey(
      AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
    AttributeSet extracted =
        resource != null ? extractor().extract(resource) : extractor().fromResource(newState);
    AttributeSet key =
        extracted.containsKey(PLURAL) ? extracted : AttributeSet.merge(pathAttributes, extracted);
    if (map.containsKey(key)) {
      return key;
    }
    return map.entrySet().stream()
        .filter(entry -> entry.getValue() == newState)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("stored object not found: " + key));
  }

  /**
   * The stored keys that match {@code query}, in store order; empty when the query names no
   * resource type, so the index cannot answer it.
   */
  private Optional<List<AttributeSet>> matching(AttributeSet query) {
    Attribute type = equality(query, PLURAL);
    if (type == null) {
      return Optional.empty();
    }
    Attribute name = equality(query, NAME);
    Set<AttributeSet> candidates =
        name == null ? byType.get(type) : byTypeAndName.get(List.of(type, name));
    if (candidates == null) {
      return Optional.of(List.of());
    }
    List<AttributeSet> out = new ArrayList<>();
    for (AttributeSet key : candidates) {
      if (key.matches(query)) {
        out.add(key);
      }
    }
    return Optional.of(out);
  }

  /** {@code namespace/name} of a stored object, the order a real API server lists in. */
  private static String objectKey(AttributeSet key) {
    return valueOf(key, KubernetesAttributesExtractor.NAMESPACE) + "/" + valueOf(key, NAME);
  }

  private static String valueOf(AttributeSet set, String key) {
    Attribute attribute = set.getAttribute(key);
    return attribute == null || attribute.getValues().isEmpty()
        ? ""
        : attribute.getValues().get(0).toString();
  }

  private static Attribute equality(AttributeSet set, String key) {
    Attribute attribute = set.getAttribute(key);
    return attribute != null && attribute.getType() == AttributeType.WITH ? attribute : null;
  }

  private void index(AttributeSet key) {
    Attribute type = equality(key, PLURAL);
    if (type == null) {
      return;
    }
    byType.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(key);
    Attribute name = equality(key, NAME);
    if (name != null) {
      byTypeAndName.computeIfAbsent(List.of(type, name), k -> new LinkedHashSet<>()).add(key);
    }
  }

  private void unindex(AttributeSet key) {
    Attribute type = equality(key, PLURAL);
    if (type == null) {
      return;
    }
    removeFrom(byType, type, key);
    Attribute name = equality(key, NAME);
    if (name != null) {
      removeFrom(byTypeAndName, List.of(type, name), key);
    }
  }

  private static <K> void removeFrom(Map<K, Set<AttributeSet>> index, K at, AttributeSet key) {
    Set<AttributeSet> keys = index.get(at);
    if (keys != null && keys.remove(key) && keys.isEmpty()) {
      index.remove(at);
    }
  }

  private List<String> values(List<AttributeSet> keys) {
    List<String> values = new ArrayList<>(keys.size());
    keys.forEach(key -> values.add(map.get(key)));
    return values;
  }

  /** Fabric8's answer to a read or delete: the object by name, or a list. */
  private MockResponse answer(AttributeSet query, List<String> items) {
    MockResponse response = new MockResponse();
    if (query.containsKey(NAME)) {
      return items.isEmpty()
          ? response.setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
          : response.setBody(items.get(0)).setResponseCode(HttpURLConnection.HTTP_OK);
    }
    return response
        .setBody(composer.compose(items, Long.toString(resourceVersion.get())))
        .setResponseCode(HttpURLConnection.HTTP_OK);
  }

  /** Fabric8's delete: gone at once, or marked for deletion while finalizers remain. */
  private void delete(String path, AttributeSet query, AttributeSet key) {
    GenericKubernetesResource resource =
        Serialization.unmarshal(map.get(key), GenericKubernetesResource.class);
    if (resource.getFinalizers().isEmpty()) {
      processEvent(path, query, key, null, null);
    } else if (!resource.isMarkedForDeletion()) {
      resource
          .getMetadata()
          .setDeletionTimestamp(
              ZonedDateTime.now(ZoneOffset.UTC)
                  .truncatedTo(ChronoUnit.SECONDS)
                  .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      resource.getMetadata().setResourceVersion(Long.toString(requestResourceVersion()));
      processEvent(path, query, key, resource, Serialization.asJson(resource));
    }
  }

  private <T> T write(Supplier<T> action) {
    lock.writeLock().lock();
    try {
      return action.get();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
