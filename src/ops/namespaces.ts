/**
 * Namespace use cases: create (CreateHttpNamespace, CreatePrivateDnsNamespace,
 * CreatePublicDnsNamespace), update (UpdateHttpNamespace,
 * UpdatePrivateDnsNamespace, UpdatePublicDnsNamespace) and delete
 * (DeleteNamespace).
 * Source: AWS Cloud Map API reference for those operations.
 */
import { errors } from '../model/errors.ts';
import { arn, newHostedZoneId, newNamespaceId } from '../model/ids.ts';
import type { Namespace, NamespaceType } from '../model/types.ts';
import { isDnsNamespace } from '../model/types.ts';
import type { Tags } from '../store/store.ts';
import { completedOperation, namespaceOrThrow, nowOf, type OpsDeps, visible } from './deps.ts';
import { idempotently, requestRecord } from './idempotency.ts';
import { checkTagCount } from './tags.ts';

/** SOA TTL of a DNS namespace created without `Properties.DnsProperties.SOA`, seconds (what Cloud Map's console proposes). */
export const DEFAULT_SOA_TTL = 15;

/** Longest DNS name in octets without the root dot, and longest label (RFC 1035 §2.3.4). */
const MAX_NAME_OCTETS = 253;
const MAX_LABEL_OCTETS = 63;

/** Input of `createNamespace`. */
export interface CreateNamespaceInput {
  type: NamespaceType;
  /** Namespace name; for DNS namespaces a zone name (one trailing dot is dropped). */
  name: string;
  /** Idempotency token (AWS `CreatorRequestId`). */
  creatorRequestId?: string;
  description?: string;
  /** VPC id; required for DNS_PRIVATE, ignored otherwise. */
  vpc?: string;
  /** SOA TTL in seconds (also the negative-caching TTL); DNS namespaces only. @default DEFAULT_SOA_TTL */
  soaTtl?: number;
  /** Tags to attach, at most 50. */
  tags?: Tags;
}

/** What a namespace write returns. */
export interface NamespaceWriteResult {
  /** Id of the (already SUCCESS) operation, for GetOperation. */
  operationId: string;
  /** The namespace after the write (on a replayed request: as it is now; undefined if deleted since). */
  namespace: Namespace | undefined;
}

/** Answers a retried request with its original operation and the namespace as it is now. */
async function replayed(deps: OpsDeps, operationId: string | undefined, namespaceId: string): Promise<NamespaceWriteResult> {
  await visible(deps, await deps.store.revision());
  return { operationId: operationId ?? '', namespace: await deps.store.getNamespace(namespaceId) };
}

/**
 * Checks that a DNS namespace name is a DNS name: labels of 1 to 63 octets,
 * at most 253 octets in all (RFC 1035 §2.3.4).
 * @throws InvalidInput
 */
export function checkZoneName(name: string): void {
  const octets = new TextEncoder().encode(name).length;
  if (octets > MAX_NAME_OCTETS) throw errors.invalidInput(`Namespace name ${name} is longer than ${MAX_NAME_OCTETS} octets`);
  for (const label of name.split('.')) {
    if (label.length === 0) throw errors.invalidInput(`Namespace name ${name} has an empty label`);
    if (new TextEncoder().encode(label).length > MAX_LABEL_OCTETS) {
      throw errors.invalidInput(`Namespace name ${name} has a label longer than ${MAX_LABEL_OCTETS} octets`);
    }
  }
}

/**
 * Creates a namespace and its CREATE_NAMESPACE operation (already SUCCESS),
 * and waits until the view has it (a DNS namespace is answered as a zone
 * when this resolves). A retry with the same `creatorRequestId` and content
 * returns the original operation id and creates nothing.
 * @throws InvalidInput (bad DNS name, missing VPC, SOA on an HTTP namespace),
 *   TooManyTagsException, NamespaceAlreadyExists (name taken, any case),
 *   DuplicateRequest (the token was used by another request), ServiceUnavailable
 */
export async function createNamespace(deps: OpsDeps, input: CreateNamespaceInput): Promise<NamespaceWriteResult> {
  const dns = input.type !== 'HTTP';
  const name = dns ? input.name.replace(/\.$/, '') : input.name;
  if (dns) checkZoneName(name);
  if (input.type === 'DNS_PRIVATE' && !input.vpc) throw errors.invalidInput('Vpc is required for a private DNS namespace');
  if (!dns && input.soaTtl !== undefined) throw errors.invalidInput('An HTTP namespace has no SOA record');
  checkTagCount(input.tags, name);
  const now = nowOf(deps);
  const id = newNamespaceId();
  const namespace: Namespace = {
    id,
    arn: arn(deps.region, deps.accountId, 'namespace', id),
    name,
    type: input.type,
    createDate: now,
    httpName: name,
    resourceOwner: deps.accountId,
    ...(input.description !== undefined && { description: input.description }),
    ...(input.creatorRequestId !== undefined && { creatorRequestId: input.creatorRequestId }),
    ...(input.type === 'DNS_PRIVATE' && { vpc: input.vpc }),
    ...(dns && { soaTtl: input.soaTtl ?? DEFAULT_SOA_TTL, hostedZoneId: newHostedZoneId() }),
  };
  const operation = completedOperation(deps, 'CREATE_NAMESPACE', { NAMESPACE: id }, now);
  const content = { type: input.type, name, description: input.description, vpc: namespace.vpc, soaTtl: namespace.soaTtl, tags: input.tags };
  const request = requestRecord('CreateNamespace', input.creatorRequestId, content, { resourceId: id, operationId: operation.id });
  return idempotently(request, async () => {
    const event = await deps.store.createNamespace(namespace, operation, input.tags, request);
    await visible(deps, event.revision);
    return { operationId: operation.id, namespace: event.namespace };
  }, (original) => replayed(deps, original.operationId, original.resourceId));
}

/**
 * Deletes a namespace that has no services, recording DELETE_NAMESPACE.
 * @param input.namespaceId namespace id or ARN
 * @throws NamespaceNotFound, ResourceInUse (services remain), ServiceUnavailable
 */
export async function deleteNamespace(deps: OpsDeps, input: { namespaceId: string }): Promise<{ operationId: string }> {
  const ns = await namespaceOrThrow(deps.store, input.namespaceId);
  const operation = completedOperation(deps, 'DELETE_NAMESPACE', { NAMESPACE: ns.id });
  const event = await deps.store.deleteNamespace(ns.id, operation);
  await visible(deps, event.revision);
  return { operationId: operation.id };
}

/** Input of `updateNamespace`. */
export interface UpdateNamespaceInput {
  /** Namespace id or ARN. */
  namespaceId: string;
  /** The kind the caller means (which Update*Namespace operation it called); must be the namespace's type. */
  type: NamespaceType;
  /** New description; undefined keeps it. */
  description?: string;
  /** New SOA TTL in seconds (DNS namespaces; the SOA answer and the negative-answer TTL use it at once); undefined keeps it. */
  soaTtl?: number;
  /** Idempotency token (AWS `UpdaterRequestId`). */
  updaterRequestId?: string;
}

/** The operation that updates a namespace of `type`, for messages. */
const UPDATE_OPERATION: Record<NamespaceType, string> = {
  HTTP: 'UpdateHttpNamespace', DNS_PRIVATE: 'UpdatePrivateDnsNamespace', DNS_PUBLIC: 'UpdatePublicDnsNamespace',
};

/**
 * Changes a namespace's description and/or SOA TTL, records
 * UPDATE_NAMESPACE (already SUCCESS) and waits until the view (the zone's
 * SOA and negative answers) has it. A retry with the same
 * `updaterRequestId` and content returns the original operation id.
 * @throws NamespaceNotFound, InvalidInput (the namespace is of another type
 *   than the operation, SOA on an HTTP namespace), DuplicateRequest,
 *   ServiceUnavailable
 */
export async function updateNamespace(deps: OpsDeps, input: UpdateNamespaceInput): Promise<NamespaceWriteResult> {
  const ns = await namespaceOrThrow(deps.store, input.namespaceId);
  if (ns.type !== input.type) {
    throw errors.invalidInput(`Namespace ${ns.id} is of type ${ns.type}; update it with ${UPDATE_OPERATION[ns.type]}`);
  }
  if (input.soaTtl !== undefined && !isDnsNamespace(ns)) throw errors.invalidInput('An HTTP namespace has no SOA record');
  const operation = completedOperation(deps, 'UPDATE_NAMESPACE', { NAMESPACE: ns.id });
  const change = {
    ...(input.description !== undefined && { description: input.description }),
    ...(input.soaTtl !== undefined && { soaTtl: input.soaTtl }),
  };
  const request = requestRecord('UpdateNamespace', input.updaterRequestId, { namespaceId: ns.id, ...change }, {
    resourceId: ns.id, operationId: operation.id,
  });
  return idempotently(request, async () => {
    const event = await deps.store.updateNamespace(ns.id, change, operation, request);
    await visible(deps, event.revision);
    return { operationId: operation.id, namespace: event.namespace };
  }, (original) => replayed(deps, original.operationId, original.resourceId));
}

/**
 * Records the Route 53 hosted zone that holds a DNS namespace's records as
 * its `DnsProperties.HostedZoneId` (the reconciler's Route 53 provider finds
 * or creates the zone). Records UPDATE_NAMESPACE (already SUCCESS); does
 * nothing when the id is already set.
 * @throws NamespaceNotFound, InvalidInput (an HTTP namespace), ServiceUnavailable
 */
export async function setNamespaceHostedZone(deps: OpsDeps, input: { namespaceId: string; hostedZoneId: string }): Promise<Namespace> {
  const ns = await namespaceOrThrow(deps.store, input.namespaceId);
  if (!isDnsNamespace(ns)) throw errors.invalidInput(`Namespace ${ns.id} is an HTTP namespace and has no hosted zone`);
  if (ns.hostedZoneId === input.hostedZoneId) return ns;
  const operation = completedOperation(deps, 'UPDATE_NAMESPACE', { NAMESPACE: ns.id });
  const event = await deps.store.updateNamespace(ns.id, { hostedZoneId: input.hostedZoneId }, operation);
  await visible(deps, event.revision);
  return event.namespace;
}
