/**
 * `metav1.Status` failures as the real Kubernetes API server words them,
 * for the fake API server.
 */
import { apiVersionOf, type Cause, type KindSpec } from './fake-kube-apiserver-kinds.ts';

/** An error response: HTTP status and `Status` body. */
export class KubeStatusError extends Error {
  constructor(readonly code: number, readonly body: Record<string, unknown>) {
    super(String(body.message));
  }
}

/** A failure `Status`. */
export function failure(code: number, reason: string, message: string, details?: Record<string, unknown>): KubeStatusError {
  return new KubeStatusError(code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
}

/** `services`, `endpointslices.discovery.k8s.io`: the qualified resource in messages. */
export const qualified = (k: KindSpec): string => (k.group ? `${k.resource}.${k.group}` : k.resource);

const details = (k: KindSpec, name: string): Record<string, unknown> => ({ name, ...(k.group ? { group: k.group } : {}), kind: k.resource });

export const notFound = (k: KindSpec, name: string): KubeStatusError => failure(404, 'NotFound', `${qualified(k)} "${name}" not found`, details(k, name));

export const alreadyExists = (k: KindSpec, name: string): KubeStatusError => failure(409, 'AlreadyExists', `${qualified(k)} "${name}" already exists`, details(k, name));

export const conflict = (k: KindSpec, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): KubeStatusError =>
  failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(k)} "${name}": ${why}`, details(k, name));

/** 422 Invalid: `Service "x" is invalid: spec.ports: Required value` (several errors in brackets). */
export function invalidObject(k: KindSpec, name: string, causes: Cause[]): KubeStatusError {
  const lines = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const what = k.group ? `${k.kind}.${k.group}` : k.kind;
  return failure(422, 'Invalid', `${what} "${name}" is invalid: ${lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`}`, {
    name, ...(k.group ? { group: k.group } : {}), kind: k.kind, causes,
  });
}

export const badRequest = (message: string): KubeStatusError => failure(400, 'BadRequest', message);

export const expiredStatus = (message: string): Record<string, unknown> => failure(410, 'Expired', message).body;

/** Success Status that DELETE answers for most kinds. */
export function deleted(k: KindSpec, name: string, uid: string | undefined): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { ...details(k, name), uid } };
}

/** The `apiVersion` the kind's objects and lists carry. */
export const apiVersion = apiVersionOf;
