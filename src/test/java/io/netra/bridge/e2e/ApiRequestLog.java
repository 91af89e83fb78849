package io.netra.bridge.e2e;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every answered request of the operator's client, as a client interceptor: the writes it sent (a
 * PUT that changes nothing counts too) and every request the API server refused with 403.
 */
final class ApiRequestLog implements Interceptor {
  record Request(String method, String path, int code) {
    boolean isWrite() {
      return !method.equals("GET");
    }

    @Override
    public String toString() {
      return method + " " + path + " -> " + code;
    }
  }

  private final Queue<Request> requests = new ConcurrentLinkedQueue<>();

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    requests.add(new Request(request.method(), request.uri().getPath(), response.code()));
  }

  List<Request> writes() {
    return requests.stream().filter(Request::isWrite).toList();
  }

  List<Request> forbidden() {
    return requests.stream().filter(r -> r.code() == 403).toList();
  }

  List<Request> all() {
    return List.copyOf(requests);
  }

  void clear() {
    requests.clear();
  }
}
