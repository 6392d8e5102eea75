{{/*
Expand the name of the chart.
*/}}
{{- define "hub-bridge.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
*/}}
{{- define "hub-bridge.fullname" -}}
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

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "hub-bridge.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "hub-bridge.labels" -}}
helm.sh/chart: {{ include "hub-bridge.chart" . }}
{{ include "hub-bridge.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels
*/}}
{{- define "hub-bridge.selectorLabels" -}}
app.kubernetes.io/name: {{ include "hub-bridge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Create the name of the service account to use
*/}}
{{- define "hub-bridge.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "hub-bridge.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image reference: the tag defaults to the chart's appVersion.
*/}}
{{- define "hub-bridge.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/*
Environment variables for a tree of bridge.* settings, in Spring Boot's relaxed-binding form:
bridge.rooms.gracePeriod is BRIDGE_ROOMS_GRACEPERIOD. Lists become comma-separated values, whole numbers stay whole (not 1e+07); settings left
empty (null or "") are not set, so that the bridge's own default applies.
*/}}
{{- define "hub-bridge.settingsEnv" -}}
{{- $prefix := .prefix }}
{{- range $key, $value := .settings }}
{{- $name := printf "%s_%s" $prefix (upper $key) }}
{{- if kindIs "map" $value }}
{{- include "hub-bridge.settingsEnv" (dict "prefix" $name "settings" $value) }}
{{- else if kindIs "slice" $value }}
{{- if $value }}
{{ $name }}: {{ join "," $value | quote }}
{{- end }}
{{- else if and (kindIs "float64" $value) (eq $value (float64 (int64 $value))) }}
{{ $name }}: {{ int64 $value | toString | quote }}
{{- else if not (or (kindIs "invalid" $value) (eq (toString $value) "")) }}
{{ $name }}: {{ toString $value | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Seconds of a Spring Boot duration such as 10s, 2m or 500ms (rounded up); plain numbers are milliseconds.
*/}}
{{- define "hub-bridge.durationSeconds" -}}
{{- $d := toString . }}
{{- if hasSuffix "ms" $d }}{{ div (add (trimSuffix "ms" $d | atoi) 999) 1000 }}
{{- else if hasSuffix "s" $d }}{{ trimSuffix "s" $d | atoi }}
{{- else if hasSuffix "m" $d }}{{ mul (trimSuffix "m" $d | atoi) 60 }}
{{- else if hasSuffix "h" $d }}{{ mul (trimSuffix "h" $d | atoi) 3600 }}
{{- else }}{{ div (add ($d | atoi) 999) 1000 }}
{{- end }}
{{- end }}

{{/*
The pod's grace period: the preStop pause, the bridge's drain (bridge.shutdown.timeout, 10s unless set) and
a margin for the web server's stop and the JVM's exit; or what terminationGracePeriodSeconds says.
*/}}
{{- define "hub-bridge.terminationGracePeriodSeconds" -}}
{{- if .Values.terminationGracePeriodSeconds }}
{{- .Values.terminationGracePeriodSeconds }}
{{- else }}
{{- $drain := include "hub-bridge.durationSeconds" (.Values.bridge.shutdown.timeout | default "10s") | atoi }}
{{- add .Values.lifecycle.preStopSleepSeconds $drain .Values.lifecycle.shutdownMarginSeconds }}
{{- end }}
{{- end }}

{{/*
The container's environment beyond the ConfigMap: secrets by reference (never their values), the paths of
mounted secret files, and extraEnv.
*/}}
{{- define "hub-bridge.secretEnv" -}}
{{- range $param, $key := .Values.hub.secretParams }}
- name: BRIDGE_HUB_PARAMS_{{ upper $param }}
  valueFrom:
    secretKeyRef:
      name: {{ required "hub.existingSecret names the Secret of hub.secretParams" $.Values.hub.existingSecret }}
      key: {{ $key }}
{{- end }}
{{- if .Values.hub.caBundle.existingSecret }}
- name: BRIDGE_HUB_CABUNDLE
  value: /etc/hub-bridge/hub-ca/{{ .Values.hub.caBundle.key }}
{{- end }}
{{- if .Values.security.apiKeys.existingSecret }}
- name: BRIDGE_SECURITY_APIKEYSFILE
  value: /etc/hub-bridge/api-keys/{{ .Values.security.apiKeys.key }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}
