/**
 * The use-case layer: one function per write, shared by the API handlers
 * (`src/api/`), the health checker and the Kubernetes source. Each function
 * takes `OpsDeps` and a typed input, validates it (beyond the wire model,
 * which the API checks first), writes through the `Store` with its operation
 * record and change event, and waits until this process's view has the
 * change. Errors are `CloudMapError`s with AWS shapes.
 */
export { completedOperation, namespaceOrThrow, type OpsDeps, opsDeps, serviceOrThrow } from './deps.ts';
export { setInstanceHealth, type SetInstanceHealthInput, type SetInstanceHealthResult, updateInstanceCustomHealthStatus } from './health.ts';
export { deregisterInstance, registerInstance, type RegisterInstanceInput } from './instances.ts';
export { createNamespace, type CreateNamespaceInput, DEFAULT_SOA_TTL, deleteNamespace, setNamespaceHostedZone } from './namespaces.ts';
export { checkDnsConfig, createService, type CreateServiceInput, deleteService, HTTP_SERVICE_DNS_CONFIG } from './services.ts';
export { MAX_TAGS } from './tags.ts';
