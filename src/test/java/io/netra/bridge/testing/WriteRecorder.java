package io.netra.bridge.testing;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A client interceptor that records every write (anything but GET) the client sends: a no-op PUT
 * counts like any other, which comparing the objects' content would miss.
 */
public final class WriteRecorder implements Interceptor, OperatorWriteLog {
  private final Queue<String> writes = new ConcurrentLinkedQueue<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (!"GET".equals(request.method())) {
      writes.add(request.method() + " " + request.uri().getRawPath());
    }
  }

  @Override
  public List<String> writesIn(String namespace) {
    String segment = "/namespaces/" + namespace + "/";
    return writes.stream().filter(w -> w.contains(segment)).toList();
  }
}
