package io.netra.bridge.testing;

import java.util.List;

/** The writes (method and path) an operator's own client sent into one namespace, in order. */
@FunctionalInterface
public interface OperatorWriteLog {
  List<String> writesIn(String namespace);
}
