{{/* Names, labels, the image and the operator's RBAC rules: each defined once. */}}

{{- define "wbo.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "wbo.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "wbo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "wbo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "wbo.labels" -}}
{{ include "wbo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "wbo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "wbo.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The image: repository@digest when a digest is set (it wins over the tag), else repository:tag. */}}
{{- define "wbo.image" -}}
{{- if .Values.image.digest -}}
{{- if not (regexMatch "^sha256:[a-f0-9]{64}$" .Values.image.digest) -}}
{{- fail (printf "image.digest must be sha256:<64 lower-case hex digits>, got %q" .Values.image.digest) -}}
{{- end -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The watched namespaces, checked: namespaced RBAC needs them listed. */}}
{{- define "wbo.watchNamespaces" -}}
{{- if and .Values.rbac.namespaced (empty .Values.watchNamespaces) -}}
{{- fail "rbac.namespaced=true needs watchNamespaces: list the namespaces the operator watches" -}}
{{- end -}}
{{- join "," .Values.watchNamespaces -}}
{{- end -}}

{{/*
Everything the operator does with the API, in one place (the ClusterRole, or each namespaced Role).
Leader election's Lease is granted separately, in the release namespace only (role-leader-election.yaml).
Exactly what the operator calls (checked by RbacMatchesTheChartTest). "get" on owned objects is only
used when a create meets 409 because the cache is behind; websocketbridges/finalizers "update" is
what the API server's OwnerReferencesPermissionEnforcement admission asks for when the operator sets
blockOwnerDeletion on the objects it owns.
*/}}
{{- define "wbo.rules" -}}
- apiGroups: ["bridge.netra.io"]
  resources: ["websocketbridges"]
  verbs: ["list", "watch"]
- apiGroups: ["bridge.netra.io"]
  resources: ["websocketbridges/status"]
  verbs: ["update"]
- apiGroups: ["bridge.netra.io"]
  resources: ["websocketbridges/finalizers"]
  verbs: ["update"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: ["apps"]
  resources: ["controllerrevisions"]
  verbs: ["get", "list", "watch", "create", "delete"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}
