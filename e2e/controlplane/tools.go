//go:build tools

// Package controlplane records the Kubernetes commands e2e/control-plane builds, so that go.mod and
// go.sum pin everything they need.
package controlplane

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
