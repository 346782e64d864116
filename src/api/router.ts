/**
 * The Cloud Map awsJson1_1 endpoint as a Hono app: `POST /` routed by the
 * `X-Amz-Target: Route53AutoNaming_v20170314.<Operation>` header, the body
 * validated against the model before a handler sees it.
 *
 * Source: Smithy "AWS JSON 1.1 protocol"; the service shape
 * `Route53AutoNaming_v20170314` of the Cloud Map model.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CloudMapError, errors } from '../model/errors.ts';
import { isOperationName, type OperationName, validateInput } from '../model/validate.ts';
import type { Logger } from '../log.ts';
import { silentLogger } from '../log.ts';
import type { ApiOptions, RequestContext } from './context.ts';
import { regionFromAuthorization } from './context.ts';
import { discoverInstances, discoverInstancesRevision } from './discovery.ts';
import type { Handler } from './handler.ts';
import { getInstancesHealthStatus } from './health.ts';
import { deregisterInstance, getInstance, listInstances, registerInstance } from './instances.ts';
import {
  createHttpNamespace,
  createPrivateDnsNamespace,
  createPublicDnsNamespace,
  deleteNamespace,
  getNamespace,
  listNamespaces,
} from './namespaces.ts';
import { getOperation, listOperations } from './operations.ts';
import { errorResponse, jsonResponse } from './respond.ts';
import { createService, deleteService, getService, listServices } from './services.ts';
import { listTagsForResource } from './tags.ts';

/** The `X-Amz-Target` prefix of this service. */
export const TARGET_PREFIX = 'Route53AutoNaming_v20170314.';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Implemented operations. The rest answer `NotImplemented` (HTTP 501) until their issue lands. */
export const HANDLERS: Partial<Record<OperationName, Handler>> = {
  CreatePrivateDnsNamespace: createPrivateDnsNamespace,
  CreatePublicDnsNamespace: createPublicDnsNamespace,
  CreateHttpNamespace: createHttpNamespace,
  GetNamespace: getNamespace,
  ListNamespaces: listNamespaces,
  DeleteNamespace: deleteNamespace,
  CreateService: createService,
  GetService: getService,
  ListServices: listServices,
  DeleteService: deleteService,
  RegisterInstance: registerInstance,
  DeregisterInstance: deregisterInstance,
  GetInstance: getInstance,
  ListInstances: listInstances,
  GetInstancesHealthStatus: getInstancesHealthStatus,
  DiscoverInstances: discoverInstances,
  DiscoverInstancesRevision: discoverInstancesRevision,
  GetOperation: getOperation,
  ListOperations: listOperations,
  ListTagsForResource: listTagsForResource,
};

/** Options of `createApiApp`. */
export interface ApiAppOptions extends ApiOptions {
  logger?: Logger;
}

/** Parses an awsJson1_1 body: empty means `{}`; anything but a JSON object is a SerializationException. */
function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CloudMapError('SerializationException', 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CloudMapError('SerializationException', 'The request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Runs one awsJson1_1 request through validation and its handler. */
async function dispatch(request: Request, options: ApiAppOptions): Promise<unknown> {
  const target = request.headers.get('x-amz-target') ?? '';
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  if (!isOperationName(operation)) {
    throw new CloudMapError('UnknownOperationException', `Unknown operation: ${target || '(no X-Amz-Target header)'}`);
  }
  const input = parseBody(await request.text());
  validateInput(operation, input);
  const handler = HANDLERS[operation];
  if (!handler) throw new CloudMapError('NotImplemented', `${operation} is not implemented yet by cloudmap-dns`);
  const ctx: RequestContext = {
    store: options.store,
    view: options.view,
    region: regionFromAuthorization(request.headers.get('authorization')) ?? options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    now: (options.now ?? Date.now)(),
    awaitRevision: options.awaitRevision ?? (async () => {}),
  };
  return handler(input, ctx);
}

/**
 * The API as a Hono app serving `POST /`. Host names are not checked, so the
 * `data-` host prefix of DiscoverInstances reaches the same routes.
 */
export function createApiApp(options: ApiAppOptions): Hono {
  const logger = options.logger ?? silentLogger;
  const app = new Hono();
  app.post(
    '/',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => errorResponse(errors.invalidInput(`The request body exceeds ${MAX_BODY_BYTES} bytes`), crypto.randomUUID()),
    }),
    async (c) => {
      const requestId = crypto.randomUUID();
      try {
        return jsonResponse(await dispatch(c.req.raw, options), requestId);
      } catch (error) {
        if (!(error instanceof CloudMapError) || error.status >= 500) {
          logger.error({ err: (error as Error).message, stack: (error as Error).stack, requestId }, 'API request failed');
        }
        return errorResponse(error, requestId);
      }
    },
  );
  return app;
}
