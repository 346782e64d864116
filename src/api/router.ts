/**
 * The Cloud Map awsJson1_1 endpoint as a Hono app: `POST /` routed by the
 * `X-Amz-Target: Route53AutoNaming_v20170314.<Operation>` header, the body
 * validated against the model before a handler sees it, one log line per
 * request.
 *
 * Source: Smithy "AWS JSON 1.1 protocol"; the service shape
 * `Route53AutoNaming_v20170314` of the Cloud Map model.
 */
import { Hono } from 'hono';
import { CloudMapError } from '../model/errors.ts';
import { isOperationName, type OperationName, validateInput } from '../model/validate.ts';
import type { Logger } from '../log.ts';
import { isClientAbort, silentLogger } from '../log.ts';
import { parseBody, readBody } from './body.ts';
import type { ApiOptions, RequestContext } from './context.ts';
import { isAwsRegion, regionFromAuthorization } from './context.ts';
import { discoverInstances, discoverInstancesRevision } from './discovery.ts';
import type { Handler, Handlers } from './handler.ts';
import { getInstancesHealthStatus, updateInstanceCustomHealthStatus } from './health.ts';
import { deregisterInstance, getInstance, listInstances, registerInstance } from './instances.ts';
import {
  createHttpNamespace,
  createPrivateDnsNamespace,
  createPublicDnsNamespace,
  deleteNamespace,
  getNamespace,
  listNamespaces,
  updateHttpNamespace,
  updatePrivateDnsNamespace,
  updatePublicDnsNamespace,
} from './namespaces.ts';
import type { ApiRequestReport } from './metrics.ts';
import { getOperation, listOperations } from './operations.ts';
import { errorResponse, jsonResponse } from './respond.ts';
import {
  createService,
  deleteService,
  deleteServiceAttributes,
  getService,
  getServiceAttributes,
  listServices,
  updateService,
  updateServiceAttributes,
} from './services.ts';
import { listTagsForResource, tagResource, untagResource } from './tags.ts';

/** The `X-Amz-Target` prefix of this service. */
export const TARGET_PREFIX = 'Route53AutoNaming_v20170314.';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The handler of each of the model's 30 operations (a missing one fails typechecking). */
export const HANDLERS: Handlers = {
  CreatePrivateDnsNamespace: createPrivateDnsNamespace,
  CreatePublicDnsNamespace: createPublicDnsNamespace,
  CreateHttpNamespace: createHttpNamespace,
  GetNamespace: getNamespace,
  ListNamespaces: listNamespaces,
  DeleteNamespace: deleteNamespace,
  UpdateHttpNamespace: updateHttpNamespace,
  UpdatePrivateDnsNamespace: updatePrivateDnsNamespace,
  UpdatePublicDnsNamespace: updatePublicDnsNamespace,
  CreateService: createService,
  GetService: getService,
  ListServices: listServices,
  DeleteService: deleteService,
  UpdateService: updateService,
  GetServiceAttributes: getServiceAttributes,
  UpdateServiceAttributes: updateServiceAttributes,
  DeleteServiceAttributes: deleteServiceAttributes,
  RegisterInstance: registerInstance,
  DeregisterInstance: deregisterInstance,
  GetInstance: getInstance,
  ListInstances: listInstances,
  GetInstancesHealthStatus: getInstancesHealthStatus,
  UpdateInstanceCustomHealthStatus: updateInstanceCustomHealthStatus,
  DiscoverInstances: discoverInstances,
  DiscoverInstancesRevision: discoverInstancesRevision,
  GetOperation: getOperation,
  ListOperations: listOperations,
  ListTagsForResource: listTagsForResource,
  TagResource: tagResource,
  UntagResource: untagResource,
};

/** Options of `createApiApp`. */
export interface ApiAppOptions extends ApiOptions {
  /** Receives one line per request (see `createApiApp`). @default silentLogger */
  logger?: Logger;
  /** Told about every request where its log line is written (metrics: `metrics.ts`). */
  onRequest?: (report: ApiRequestReport) => void;
}

/** The operation named by the `X-Amz-Target` header, or undefined. */
function operationOf(request: Request): OperationName | undefined {
  const target = request.headers.get('x-amz-target') ?? '';
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  return isOperationName(operation) ? operation : undefined;
}

/** UnknownOperationException for the request's `X-Amz-Target`. */
function unknownOperation(request: Request): CloudMapError {
  const target = request.headers.get('x-amz-target') ?? '';
  return new CloudMapError('UnknownOperationException', `Unknown operation: ${target.slice(0, 200) || '(no X-Amz-Target header)'}`);
}

/** Runs one awsJson1_1 request of `operation` through validation and its handler. */
async function dispatch(body: string, region: string | undefined, operation: OperationName, options: ApiAppOptions): Promise<unknown> {
  const input = parseBody(body);
  validateInput(operation, input);
  const handler = HANDLERS[operation] as Handler<OperationName>;
  const ctx: RequestContext = {
    store: options.store,
    view: options.view,
    region: region ?? options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    now: options.now ?? Date.now,
    awaitRevision: options.awaitRevision ?? (async () => {}),
    awsStrict: options.awsStrict ?? false,
    cachedService: (id) => options.view.services.get(id)?.service,
  };
  return handler(input as never, ctx);
}

/**
 * The API as a Hono app serving `POST /`. Host names are not checked, so the
 * `data-` host prefix of DiscoverInstances reaches the same routes.
 *
 * Logging: exactly one line per request, with `operation`, `status`,
 * `errorCode` (when it failed), `ms` and `requestId` (the
 * `x-amzn-RequestId` response header). Successes and operation errors (4xx)
 * log at info without a stack; retryable backend errors
 * (ServiceUnavailable, 503) at warn; only unexpected failures (bugs,
 * answered as InternalFailure) at error, with the stack.
 */
export function createApiApp(options: ApiAppOptions): Hono {
  const logger = options.logger ?? silentLogger;
  const app = new Hono();
  app.post(
    '/',
    async (c) => {
      const started = performance.now();
      const requestId = crypto.randomUUID();
      const operation = operationOf(c.req.raw);
      try {
        const body = await readBody(c.req.raw, MAX_BODY_BYTES);
        let region: string | undefined;
        if (options.verifySignature) {
          const caller = await options.verifySignature(c.req.raw, body);
          region = isAwsRegion(caller.region) ? caller.region : undefined;
        } else {
          region = regionFromAuthorization(c.req.raw.headers.get('authorization'));
        }
        if (!operation) throw unknownOperation(c.req.raw);
        const response = jsonResponse(await dispatch(body, region, operation, options), requestId);
        const ms = elapsed(started);
        logger.info({ operation, status: 200, ms, requestId }, 'api request');
        options.onRequest?.({ operation, status: 200, ms });
        return response;
      } catch (error) {
        const response = errorResponse(error, requestId);
        const ms = elapsed(started);
        if (isClientAbort(error, c.req.raw.signal)) {
          logger.debug({ operation: operation ?? null, ms, requestId, error: (error as Error).message }, 'api request aborted by the client');
          options.onRequest?.({ operation: operation ?? null, status: 0, errorCode: 'ClientAbort', ms });
          return response;
        }
        const errorCode = logFailure(logger, error, { operation: operation ?? null, status: response.status, ms, requestId });
        options.onRequest?.({ operation: operation ?? null, status: response.status, errorCode, ms });
        return response;
      }
    },
  );
  return app;
}

const elapsed = (started: number): number => Math.round((performance.now() - started) * 1000) / 1000;

/** The request's log line when it failed; see `createApiApp`. Returns the error code logged. */
function logFailure(logger: Logger, error: unknown, fields: Record<string, unknown>): string {
  if (error instanceof CloudMapError && error.type !== 'InternalFailure') {
    const line = { ...fields, errorCode: error.type, error: error.message.slice(0, 500) };
    if (error.status >= 500) logger.warn(line, 'api request');
    else logger.info(line, 'api request');
    return error.type;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  logger.error({ ...fields, errorCode: 'InternalFailure', error: err.message, stack: err.stack }, 'api request failed unexpectedly');
  return 'InternalFailure';
}
