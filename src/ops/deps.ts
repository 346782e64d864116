/**
 * What every use case (`src/ops/*`) needs: the store, who acts (account,
 * region for new ARNs), a clock, and a way to wait until this process's view
 * has applied a write. The API builds one per request (the region comes from
 * the SigV4 scope); the health checker and the Kubernetes source build one
 * with `opsDeps` and reuse it.
 */
import { errors } from '../model/errors.ts';
import { idFromIdOrArn, newOperationId } from '../model/ids.ts';
import type { Namespace, Operation, OperationTargets, OperationType, Service } from '../model/types.ts';
import type { Store } from '../store/store.ts';

/** Dependencies of the use cases. */
export interface OpsDeps {
  store: Store;
  /** AWS region put into new ARNs, e.g. `us-east-1`. */
  region: string;
  /** 12-digit AWS account id that owns and creates resources. */
  accountId: string;
  /** Clock in epoch milliseconds. @default Date.now */
  now?: () => number;
  /**
   * Resolves once this process's view has applied `revision` (the revision a
   * write produced), so DNS answers and DiscoverInstances reflect a write by
   * the time its caller returns. @default resolves at once
   */
  awaitRevision?: (revision: number) => Promise<void>;
  /**
   * Refuse this project's documented extensions with the error AWS returns
   * (`--aws-strict`); today: HealthCheckConfig in private DNS namespaces.
   * @default false
   */
  awsStrict?: boolean;
  /**
   * A recent copy of a service by id, e.g. from this process's view, or
   * undefined. Instance writes validate against it instead of reading the
   * service from the store (one Redis round trip less); the store write
   * still checks atomically that the service exists. A service changed or
   * created on another replica a few milliseconds ago may not be there yet:
   * then the store is read. Must not be mutated. @default none
   */
  cachedService?: (id: string) => Service | undefined;
}

/** `OpsDeps` with the defaults filled in (no service cache). */
export function opsDeps(deps: OpsDeps): Required<Omit<OpsDeps, 'cachedService'>> & Pick<OpsDeps, 'cachedService'> {
  return { now: Date.now, awaitRevision: async () => {}, awsStrict: false, ...deps };
}

/**
 * The service an instance write is about: from `deps.cachedService` when it
 * has it, else from the store.
 * @throws ServiceNotFound
 */
export async function serviceForWrite(deps: OpsDeps, idOrArn: string): Promise<Service> {
  return deps.cachedService?.(idFromIdOrArn(idOrArn)) ?? serviceOrThrow(deps.store, idOrArn);
}

/** The current time of `deps`, epoch milliseconds. */
export const nowOf = (deps: OpsDeps): number => (deps.now ?? Date.now)();

/** Waits for the view to apply `revision` (no-op without `awaitRevision`). */
export async function visible(deps: OpsDeps, revision: number): Promise<void> {
  if (deps.awaitRevision) await deps.awaitRevision(revision);
}

/**
 * A finished operation record. Writes that AWS runs asynchronously complete
 * before the use case returns, so the record is SUCCESS at once (AWS
 * `Operation`, GetOperation).
 */
export function completedOperation(deps: OpsDeps, type: OperationType, targets: OperationTargets, now = nowOf(deps)): Operation {
  return { id: newOperationId(), type, status: 'SUCCESS', ownerAccount: deps.accountId, createDate: now, updateDate: now, targets };
}

/**
 * The namespace named by an id or ARN (model shape `Arn` accepts both).
 * @throws NamespaceNotFound
 */
export async function namespaceOrThrow(store: Store, idOrArn: string): Promise<Namespace> {
  const id = idFromIdOrArn(idOrArn);
  const ns = await store.getNamespace(id);
  if (!ns) throw errors.namespaceNotFound(id);
  return ns;
}

/**
 * The service named by an id or ARN.
 * @throws ServiceNotFound
 */
export async function serviceOrThrow(store: Store, idOrArn: string): Promise<Service> {
  const id = idFromIdOrArn(idOrArn);
  const svc = await store.getService(id);
  if (!svc) throw errors.serviceNotFound(id);
  return svc;
}
