{{/*
Chart name, cut to the 63 characters Kubernetes allows in a name.
*/}}
{{- define "disambig.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: the release name, prefixed to the chart name unless it already contains it.
*/}}
{{- define "disambig.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "disambig.selectorLabels" -}}
app.kubernetes.io/name: {{ include "disambig.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "disambig.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "disambig.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector of the silo pods of one role. Argument: dict "root" (the chart context) "name" (the role).
*/}}
{{- define "disambig.siloSelectorLabels" -}}
{{ include "disambig.selectorLabels" .root }}
app.kubernetes.io/component: silo
disambig.io/role: {{ .name }}
{{- end }}

{{/*
The labels Orleans Kubernetes hosting reads: ClusterOptions.ServiceId and ClusterId of the silo.
*/}}
{{- define "disambig.orleansLabels" -}}
orleans/serviceId: {{ .Values.orleans.serviceId | quote }}
orleans/clusterId: {{ .Values.orleans.clusterId | quote }}
{{- end }}

{{/*
The service account of one pod kind: one per silo role and one for the nightly sweep, so that each can be federated
with a managed identity of its own. Argument: dict "root" (the chart context) "name" (inference, trainer, worker or
nightly-sweep).
*/}}
{{- define "disambig.serviceAccountName" -}}
{{- printf "%s-%s" (include "disambig.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The service account of one pod kind; with workload identity, federated with the managed identity of that kind alone.
Argument: dict "root" (the chart context) "name" (the pod kind) "clientIdKey" (its key in
storage.workloadIdentity.clientIds).
*/}}
{{- define "disambig.serviceAccount" -}}
{{- $workloadIdentity := .root.Values.storage.workloadIdentity }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "disambig.serviceAccountName" . }}
  labels:
    {{- include "disambig.labels" .root | nindent 4 }}
  {{- if or $workloadIdentity.enabled .root.Values.serviceAccount.annotations }}
  annotations:
    {{- if $workloadIdentity.enabled }}
    azure.workload.identity/client-id: {{ index $workloadIdentity.clientIds .clientIdKey | quote }}
    {{- end }}
    {{- with .root.Values.serviceAccount.annotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
# Pods that need the Kubernetes API (Orleans Kubernetes hosting) mount the token themselves.
automountServiceAccountToken: false
{{- end }}

{{- define "disambig.kubernetesHosting" -}}
{{- eq .Values.orleans.clustering.provider "Kubernetes" }}
{{- end }}

{{/*
Image reference. Argument: dict "root" (the chart context) "cuda" (bool: the CUDA image).
*/}}
{{- define "disambig.image" -}}
{{- $image := .root.Values.image }}
{{- $repository := ternary $image.cudaRepository $image.cpuRepository .cuda }}
{{- $tag := default .root.Chart.AppVersion $image.tag }}
{{- if $image.registry }}
{{- printf "%s/%s:%s" $image.registry $repository $tag }}
{{- else }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}
{{- end }}

{{/*
The storage connection. With workload identity: only the account's blob and table service URIs, no credential (the
application then authenticates with DefaultAzureCredential, i.e. the pod's federated identity). Without: the
connection string, by Secret reference only. Argument: dict "root" (the chart context) "name" (the variable: the
silos' storage connection, or the CLI's cluster connection).
*/}}
{{- define "disambig.storageEnv" -}}
{{- $identity := .root.Values.storage.workloadIdentity }}
{{- if $identity.enabled }}
- name: {{ .name }}
  value: {{ printf "BlobEndpoint=https://%s.blob.%s;TableEndpoint=https://%s.table.%s" $identity.accountName $identity.endpointSuffix $identity.accountName $identity.endpointSuffix | quote }}
{{- else }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.storage.existingSecret }}
      key: {{ .root.Values.storage.connectionStringKey }}
{{- end }}
{{- end }}

{{/*
Pod labels of every silo and the sweep: the workload identity webhook injects the identity's token into labelled pods.
*/}}
{{- define "disambig.workloadIdentityLabels" -}}
{{- if .Values.storage.workloadIdentity.enabled }}
azure.workload.identity/use: "true"
{{- end }}
{{- end }}

{{/*
Where the Orleans TLS Secret is mounted, and the volume and mount of silos and the sweep (with orleans.tls.enabled).
*/}}
{{- define "disambig.tlsDirectory" -}}
/etc/disambig/orleans-tls
{{- end }}

{{- define "disambig.tlsVolume" -}}
- name: orleans-tls
  secret:
    secretName: {{ .Values.orleans.tls.existingSecret }}
    defaultMode: 0440
{{- end }}

{{- define "disambig.tlsVolumeMount" -}}
- name: orleans-tls
  mountPath: {{ include "disambig.tlsDirectory" . }}
  readOnly: true
{{- end }}

{{/*
Environment Orleans Kubernetes hosting reads (KubernetesHostingOptions), from the downward API: the pod's name (the
silo name) and namespace. ClusterOptions come from Disambig__ServiceId/ClusterId and the advertised address from
Disambig__AdvertisedAddress, which the silo sets itself, so ORLEANS_SERVICE_ID, ORLEANS_CLUSTER_ID and POD_IP would
only repeat them.
*/}}
{{- define "disambig.orleansHostingEnv" -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
{{- end }}

{{/*
A probe on the silo's HTTP port. Argument: dict "root" "path" "failureThreshold".
*/}}
{{- define "disambig.httpProbe" -}}
httpGet:
  path: {{ .path }}
  port: http
periodSeconds: {{ .root.Values.probes.periodSeconds }}
timeoutSeconds: {{ .root.Values.probes.timeoutSeconds }}
failureThreshold: {{ .failureThreshold }}
{{- end }}

{{/*
Resource requests or limits of a silo, plus the GPU when the role has one.
Argument: dict "amounts" (requests or limits, may be empty) "gpu" (the role's gpu block).
*/}}
{{- define "disambig.resourceAmounts" -}}
{{- $amounts := deepCopy (default dict .amounts) }}
{{- if .gpu.enabled }}
{{- $_ := set $amounts .gpu.resourceName .gpu.count }}
{{- end }}
{{- toYaml $amounts }}
{{- end }}

{{/*
The Deployment of one silo role. Argument: dict "root" (the chart context) "name" (inference, trainer
or worker) "role" (that role's values).
*/}}
{{- define "disambig.siloDeployment" -}}
{{- $root := .root }}
{{- $name := .name }}
{{- $role := .role }}
{{- $env := $root.Values.appContract.env }}
{{- $paths := $root.Values.appContract.paths }}
{{- $roleList := join "," $role.roles }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "disambig.fullname" $root }}-{{ $name }}
  labels:
    {{- include "disambig.labels" $root | nindent 4 }}
    app.kubernetes.io/component: silo
    disambig.io/role: {{ $name }}
spec:
  {{- if not (dig "autoscaling" "enabled" false $role) }}
  replicas: {{ $role.replicas }}
  {{- end }}
  revisionHistoryLimit: 3
  selector:
    matchLabels:
      {{- include "disambig.siloSelectorLabels" (dict "root" $root "name" $name) | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "disambig.siloSelectorLabels" (dict "root" $root "name" $name) | nindent 8 }}
        {{- include "disambig.orleansLabels" $root | nindent 8 }}
        {{- include "disambig.workloadIdentityLabels" $root | nindent 8 }}
        {{- with $root.Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        {{- if $root.Values.metrics.scrapeAnnotations }}
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ $root.Values.http.port | quote }}
        prometheus.io/path: {{ $paths.metrics | quote }}
        {{- end }}
        {{- with $role.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "disambig.serviceAccountName" (dict "root" $root "name" $name) }}
      # Only Kubernetes hosting talks to the Kubernetes API.
      automountServiceAccountToken: {{ include "disambig.kubernetesHosting" $root }}
      {{- with $root.Values.image.pullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      # Orleans deactivates grains and leaves the cluster gracefully on SIGTERM.
      terminationGracePeriodSeconds: {{ $role.terminationGracePeriodSeconds }}
      {{- with $role.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $role.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $role.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: silo
          image: {{ include "disambig.image" (dict "root" $root "cuda" $role.gpu.enabled) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          command: ["dotnet", {{ $root.Values.appContract.siloAssembly | quote }}]
          ports:
            - name: http
              containerPort: {{ $root.Values.http.port }}
            - name: silo
              containerPort: {{ $root.Values.orleans.siloPort }}
            - name: gateway
              containerPort: {{ $root.Values.orleans.gatewayPort }}
          envFrom:
            - configMapRef:
                name: {{ include "disambig.fullname" $root }}
          env:
            # The silo publishes its roles as silo metadata, read by the role placement directors on every silo.
            - name: {{ $env.roles }}
              value: {{ $roleList | quote }}
            # Other silos and clients reach this one at its pod IP.
            - name: {{ $env.advertisedAddress }}
              valueFrom:
                fieldRef:
                  fieldPath: status.podIP
            {{- if eq (include "disambig.kubernetesHosting" $root) "true" }}
            {{- include "disambig.orleansHostingEnv" $root | nindent 12 }}
            {{- end }}
            {{- include "disambig.storageEnv" (dict "root" $root "name" $env.storageConnection) | nindent 12 }}
            - name: {{ $env.bearerToken }}
              valueFrom:
                secretKeyRef:
                  name: {{ $root.Values.http.bearerToken.existingSecret }}
                  key: {{ $root.Values.http.bearerToken.key }}
            {{- range $key, $value := $role.extraEnv }}
            - name: {{ $key }}
              value: {{ $value | quote }}
            {{- end }}
          startupProbe:
            {{- include "disambig.httpProbe" (dict "root" $root "path" $paths.liveness "failureThreshold" $role.startupFailureThreshold) | nindent 12 }}
          livenessProbe:
            {{- include "disambig.httpProbe" (dict "root" $root "path" $paths.liveness "failureThreshold" $root.Values.probes.failureThreshold) | nindent 12 }}
          readinessProbe:
            {{- include "disambig.httpProbe" (dict "root" $root "path" $paths.readiness "failureThreshold" $root.Values.probes.failureThreshold) | nindent 12 }}
          resources:
            requests:
              {{- include "disambig.resourceAmounts" (dict "amounts" $role.resources.requests "gpu" $role.gpu) | nindent 14 }}
            limits:
              {{- include "disambig.resourceAmounts" (dict "amounts" $role.resources.limits "gpu" $role.gpu) | nindent 14 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if $root.Values.orleans.tls.enabled }}
            {{- include "disambig.tlsVolumeMount" $root | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.tmpVolume.sizeLimit }}
        {{- if $root.Values.orleans.tls.enabled }}
        {{- include "disambig.tlsVolume" $root | nindent 8 }}
        {{- end }}
{{- end }}
