{{/*
Arguments of the sidecar: `cloudmap-dns serve` with the flags src/cli.ts
defines (a test compares them with `cloudmap-dns serve --help`). --host
0.0.0.0 so the Service reaches the API and DoH; CoreDNS uses 127.0.0.1.
Redis URL, prefix, region, account id and log level come as environment
variables (REDIS_URL, CLOUDMAP_REDIS_PREFIX, AWS_REGION, CLOUDMAP_ACCOUNT_ID,
LOG_LEVEL).
*/}}
{{- define "cloudmap-dns.serveArgs" -}}
{{- $args := list "serve" "--host" "0.0.0.0"
  "--http-port" (toString (int .Values.cloudmapDns.httpPort))
  "--grpc-port" (toString (int .Values.cloudmapDns.grpcPort))
  "--dns-port" (toString (int .Values.cloudmapDns.dnsPort))
  "--redis-connect-timeout" (toString (int .Values.cloudmapDns.redisConnectTimeout))
  "--auth" .Values.cloudmapDns.auth }}
{{- if .Values.cloudmapDns.tls.secretName }}
{{- $args = concat $args (list "--https-port" (toString (int .Values.cloudmapDns.tls.httpsPort)) "--tls-cert" "/etc/cloudmap-dns/tls/tls.crt" "--tls-key" "/etc/cloudmap-dns/tls/tls.key") }}
{{- end }}
{{- if eq .Values.cloudmapDns.auth "sigv4" }}
{{- $args = concat $args (list "--credentials" "/etc/cloudmap-dns/credentials/credentials") }}
{{- end }}
{{- if not .Values.cloudmapDns.healthChecks }}
{{- $args = append $args "--no-health-checks" }}
{{- end }}
{{- with .Values.reconcile }}
{{- if .enabled }}
{{- if not .providers }}
{{- fail "reconcile.providers: list at least one of route53, kubernetes, corefile, kubernetes-source" }}
{{- end }}
{{- $args = concat $args (list "--reconcile" "--reconcile-providers" (join "," .providers) "--reconcile-interval" (toString (int .interval))) }}
{{- if has "kubernetes" .providers }}
{{- $args = concat $args (list "--kube-namespace" (default $.Release.Namespace .kubeNamespace)) }}
{{- if .alias }}
{{- $args = append $args "--kube-alias" }}
{{- end }}
{{- end }}
{{- if has "corefile" .providers }}
{{- /* CoreDNS's grpc plugin takes IP addresses only (parse.HostPortOrFile): the Service's fixed cluster IP, or an explicit address. */}}
{{- $upstream := .corefileUpstream }}
{{- if and (not $upstream) $.Values.service.clusterIP }}
{{- $upstream = printf "%s:%d" $.Values.service.clusterIP (int $.Values.cloudmapDns.grpcPort) }}
{{- end }}
{{- $upstream = required "reconcile.corefileUpstream: the corefile provider writes `grpc . IP:PORT` stanzas and CoreDNS's grpc plugin accepts only IP addresses; set service.clusterIP (a fixed Service IP) or reconcile.corefileUpstream" $upstream }}
{{- $args = concat $args (list "--corefile-configmap" .corefileConfigMap "--corefile-namespace" .corefileNamespace "--corefile-upstream" $upstream) }}
{{- end }}
{{- if has "kubernetes-source" .providers }}
{{- $args = concat $args (list "--cluster-name" .clusterName) }}
{{- with .sourceNamespace }}
{{- $args = concat $args (list "--source-namespace" .) }}
{{- end }}
{{- end }}
{{- with .route53Endpoint }}
{{- $args = concat $args (list "--route53-endpoint" .) }}
{{- end }}
{{- end }}
{{- end }}
{{- $args = concat $args .Values.cloudmapDns.extraArgs }}
{{- toYaml $args }}
{{- end }}
