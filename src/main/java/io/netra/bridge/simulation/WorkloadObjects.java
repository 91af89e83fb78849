package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the ReplicaSets and Pods a Deployment controller creates, as Kubernetes shapes them. */
final class WorkloadObjects {

  static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
  static final String NODE_NAME = "sim-node-1";

  private WorkloadObjects() {}

  static ReplicaSet replicaSet(Deployment deployment, String templateHash, long revision) {
    PodTemplateSpec template = labelled(deployment.getSpec().getTemplate(), templateHash);
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(deployment.getMetadata().getName() + "-" + templateHash)
        .withNamespace(deployment.getMetadata().getNamespace())
        .withLabels(template.getMetadata().getLabels())
        .withAnnotations(Map.of(REVISION_ANNOTATION, Long.toString(revision)))
        .withOwnerReferences(controllerReference(deployment))
        .endMetadata()
        .withNewSpec()
        .withReplicas(0)
        .withSelector(selector(deployment.getSpec().getSelector(), templateHash))
        .withTemplate(template)
        .endSpec()
        .build();
  }

  static Pod pod(ReplicaSet replicaSet, String name) {
    PodTemplateSpec template = replicaSet.getSpec().getTemplate();
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(replicaSet.getMetadata().getNamespace())
        .withLabels(template.getMetadata().getLabels())
        .withAnnotations(template.getMetadata().getAnnotations())
        .withOwnerReferences(controllerReference(replicaSet))
        .endMetadata()
        .withSpec(template.getSpec())
        .editSpec()
        .withNodeName(NODE_NAME)
        .withRestartPolicy(
            template.getSpec().getRestartPolicy() == null
                ? "Always"
                : template.getSpec().getRestartPolicy())
        .endSpec()
        .build();
  }

  private static PodTemplateSpec labelled(PodTemplateSpec template, String templateHash) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put(PodTemplateHash.LABEL, templateHash);
    return new PodTemplateSpecBuilder(template)
        .editOrNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  private static LabelSelector selector(LabelSelector selector, String templateHash) {
    Map<String, String> matchLabels = new HashMap<>();
    if (selector != null && selector.getMatchLabels() != null) {
      matchLabels.putAll(selector.getMatchLabels());
    }
    matchLabels.put(PodTemplateHash.LABEL, templateHash);
    return new LabelSelectorBuilder(selector == null ? new LabelSelector() : selector)
        .withMatchLabels(matchLabels)
        .build();
  }

  private static OwnerReference controllerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
