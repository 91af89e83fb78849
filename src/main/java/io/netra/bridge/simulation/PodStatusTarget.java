package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.function.UnaryOperator;

/** Where the simulated kubelet sends a pod's status. */
enum PodStatusTarget {

  /** The pod itself: the embedded API server stores the status sent with the object. */
  POD {
    @Override
    Pod write(ApiWriter writer, Pod desired, UnaryOperator<Pod> change) {
      return writer.update(desired, change);
    }
  },

  /** The status subresource: a real API server ignores a status sent with the object. */
  STATUS_SUBRESOURCE {
    @Override
    Pod write(ApiWriter writer, Pod desired, UnaryOperator<Pod> change) {
      return writer.updateStatus(desired, change);
    }
  };

  /** Writes {@code desired}; see {@link ApiWriter#update} for {@code change} and the result. */
  abstract Pod write(ApiWriter writer, Pod desired, UnaryOperator<Pod> change);
}
