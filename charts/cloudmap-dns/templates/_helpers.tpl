{{/* Chart name, at most 63 characters (a DNS label). */}}
{{- define "cloudmap-dns.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's objects: fullnameOverride, else RELEASE-NAME (or
RELEASE alone when it already contains the name), at most 63 characters.
*/}}
{{- define "cloudmap-dns.fullname" -}}
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

{{/* chart label value: NAME-VERSION. */}}
{{- define "cloudmap-dns.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels every object carries, but app.kubernetes.io/component. */}}
{{- define "cloudmap-dns.commonLabels" -}}
helm.sh/chart: {{ include "cloudmap-dns.chart" . }}
app.kubernetes.io/name: {{ include "cloudmap-dns.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels of the DNS objects. */}}
{{- define "cloudmap-dns.labels" -}}
{{ include "cloudmap-dns.commonLabels" . }}
app.kubernetes.io/component: dns
{{- end }}

{{/* Labels that select the DNS pods (Deployment selector, Service, PDB, ServiceMonitor). */}}
{{- define "cloudmap-dns.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cloudmap-dns.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: dns
{{- end }}

{{/* ServiceAccount the pods run as. */}}
{{- define "cloudmap-dns.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "cloudmap-dns.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The cloudmap-dns image: repository:tag, tag defaulting to appVersion. */}}
{{- define "cloudmap-dns.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
The Secret and key holding REDIS_URL: redis.existingSecret, else the chart's
own Secret (from redis.url, or pointing at the bundled Redis). Fails when no
Redis is configured: every replica must share one state.
*/}}
{{- define "cloudmap-dns.redisSecretName" -}}
{{- if .Values.redis.existingSecret }}
{{- .Values.redis.existingSecret }}
{{- else if or .Values.redis.url .Values.redis.bundled.enabled }}
{{- printf "%s-redis-url" (include "cloudmap-dns.fullname" .) }}
{{- else }}
{{- required "redis: set redis.url, redis.existingSecret or redis.bundled.enabled=true (cloudmap-dns replicas share their state in Redis)" nil }}
{{- end }}
{{- end }}

{{- define "cloudmap-dns.redisSecretKey" -}}
{{- if .Values.redis.existingSecret }}
{{- required "redis.existingSecretKey: the key of the Redis URL in redis.existingSecret is required" .Values.redis.existingSecretKey }}
{{- else }}
{{- print "redis-url" }}
{{- end }}
{{- end }}

{{/* "true" when the bundled Redis is the one used (no existingSecret, no url). */}}
{{- define "cloudmap-dns.bundledRedis" -}}
{{- if and .Values.redis.bundled.enabled (not .Values.redis.existingSecret) (not .Values.redis.url) }}true{{ end }}
{{- end }}

{{/* Name of the bundled Redis Deployment and Service. */}}
{{- define "cloudmap-dns.redisName" -}}
{{- printf "%s-redis" (include "cloudmap-dns.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Reconcile providers that talk to the Kubernetes API. */}}
{{- define "cloudmap-dns.kubeProviders" -}}
{{- if .Values.reconcile.enabled }}
{{- without .Values.reconcile.providers "route53" | join "," }}
{{- end }}
{{- end }}

{{/*
The Corefile: one server block per zone in corefile.zones, each rendered with
`tpl` from files/namespace.server (the same template and fields as
`cloudmap-dns corefile` and src/corefile/render.ts): health (with
lameduck) in the first block only, grpc to the sidecar on
127.0.0.1:cloudmapDns.grpcPort.
*/}}
{{- /* .Template rides along: Helm before 3.14 refuses tpl data without Template.Name and Template.BasePath. */}}
{{- define "cloudmap-dns.corefile" -}}
{{- $template := .Files.Get "files/namespace.server" }}
{{- if not $template }}
{{- fail "files/namespace.server is missing from the chart" }}
{{- end }}
{{- if not .Values.corefile.zones }}
{{- fail "corefile.zones: list at least one DNS zone (a Cloud Map DNS namespace name, e.g. app.local) for CoreDNS to hand to cloudmap-dns" }}
{{- end }}
{{- $blocks := list }}
{{- range $i, $zone := .Values.corefile.zones }}
{{- if not (regexMatch "^([a-z0-9]([-a-z0-9_]*[a-z0-9])?\\.)*[a-z0-9]([-a-z0-9_]*[a-z0-9])?$" ($zone | toString | lower | trimSuffix ".")) }}
{{- fail (printf "corefile.zones: %q is not a DNS zone name" $zone) }}
{{- end }}
{{- $fields := dict
  "Zone" ($zone | lower | trimSuffix ".")
  "Port" (int $.Values.coredns.port)
  "CacheSeconds" (int $.Values.corefile.cacheSeconds)
  "Prometheus" (ternary (printf ":%d" (int $.Values.coredns.metricsPort)) "" (gt (int $.Values.coredns.metricsPort) 0))
  "Health" (ternary (printf ":%d" (int $.Values.coredns.healthPort)) "" (eq $i 0))
  "Lameduck" (ternary (toString $.Values.coredns.lameduck) "" (eq $i 0))
  "Ready" (printf ":%d" (int $.Values.coredns.readyPort))
  "Upstream" (printf "127.0.0.1:%d" (int $.Values.cloudmapDns.grpcPort))
  "Tls" false
  "TlsArgs" ""
  "TlsServerName" ""
  "Template" $.Template }}
{{- $blocks = append $blocks (tpl $template $fields) }}
{{- end }}
{{- join "\n" $blocks }}
{{- end }}
