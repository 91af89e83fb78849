package io.netra.bridge.rendering;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.netra.bridge.testing.Kubectl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Re-records {@code src/test/resources/recorded}: creates the rendered Deployment,
 * ControllerRevision and a pod from the rendered template in a scratch namespace of a real cluster
 * ({@code KUBECONFIG}; kubectl from {@code KUBECTL} or {@code PATH}), keeps what the API server
 * answered without its volatile fields, and deletes the namespace. How to run it: the README of
 * that directory.
 */
public final class RecordServerDefaults {
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private RecordServerDefaults() {}

  public static void main(String[] args) throws Exception {
    String kubeconfig = System.getenv("KUBECONFIG");
    if (kubeconfig == null || !Kubectl.available()) {
      throw new IllegalStateException("set KUBECONFIG, and KUBECTL or kubectl on PATH");
    }
    Kubectl kubectl = new Kubectl(Path.of(kubeconfig));
    String namespace = "record-defaults-" + UUID.randomUUID().toString().substring(0, 8);
    kubectl.ok("create", "namespace", namespace);
    try {
      create(kubectl, namespace, RecordedObjects.serviceAccount());
      record(kubectl, namespace, RecordedObjects.deployment(), RecordedObjects.DEPLOYMENT);
      record(
          kubectl,
          namespace,
          RecordedObjects.controllerRevision(),
          RecordedObjects.CONTROLLER_REVISION);
      record(kubectl, namespace, RecordedObjects.pod(), RecordedObjects.POD);
      System.out.println("recorded into " + RecordedObjects.DIR + " in namespace " + namespace);
    } finally {
      kubectl.run("delete", "namespace", namespace, "--wait=false");
    }
  }

  private static String create(Kubectl kubectl, String namespace, HasMetadata object) {
    object.getMetadata().setNamespace(namespace);
    // The owner does not exist here; the garbage collector would delete the object at once.
    object.getMetadata().setOwnerReferences(null);
    return kubectl
        .runWithInput(Serialization.asJson(object), "create", "-f", "-", "-o", "json")
        .stdout();
  }

  private static void record(Kubectl kubectl, String namespace, HasMetadata object, String file)
      throws Exception {
    var ownerReferences = object.getMetadata().getOwnerReferences();
    String answered = create(kubectl, namespace, object);
    if (answered.isBlank()) {
      throw new IllegalStateException("the API server refused " + file);
    }
    ObjectNode stored = RecordedObjects.withoutVolatileFields((ObjectNode) JSON.readTree(answered));
    if (ownerReferences != null && !ownerReferences.isEmpty()) {
      // Put back what the operator writes, as it was not sent (see create).
      ((ObjectNode) stored.get("metadata"))
          .set("ownerReferences", JSON.valueToTree(ownerReferences));
    }
    Files.writeString(
        RecordedObjects.DIR.resolve(file),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(stored) + "\n",
        StandardCharsets.UTF_8);
  }
}
