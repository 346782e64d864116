/** Value sets of the Helm chart that the chart suites render, check and apply (test/chart*.e2e.test.ts). */
export const VALUE_SETS: Record<string, Record<string, unknown>> = {
  defaults: {},
  'external Redis URL, bundled off': { redis: { url: 'redis://:s3cret@redis.data.svc:6379/2', bundled: { enabled: false } } },
  'existing Secret': { redis: { existingSecret: 'my-redis', existingSecretKey: 'url' } },
  'ServiceMonitor on, HPA off, PDB minAvailable': { serviceMonitor: { enabled: true, labels: { release: 'prom' } }, autoscaling: { enabled: false }, replicaCount: 3, podDisruptionBudget: { minAvailable: 2 } },
  'every reconcile provider': { reconcile: { enabled: true, providers: ['route53', 'kubernetes', 'corefile', 'kubernetes-source'], kubeNamespace: 'mirror', alias: true }, service: { clusterIP: '10.96.0.53' } },
  'three zones, other ports, no metrics': { corefile: { zones: ['app.local', 'Pub.Example.', 'b.c'], cacheSeconds: 0 }, coredns: { port: 5300, metricsPort: 0 }, cloudmapDns: { grpcPort: 9054, httpPort: 9053 } },
  'DoH and API over TLS': { cloudmapDns: { tls: { secretName: 'dns-tls' } } },
  'sigv4, no health checks, readiness requires Redis': { cloudmapDns: { auth: 'sigv4', credentialsSecret: 'keys', healthChecks: false, readinessRequiresRedis: true, extraArgs: ['--aws-strict'] } },
};
