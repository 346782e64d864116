/**
 * Cloud Map error shapes.
 *
 * Every error the API returns is a `CloudMapError` whose `type` is the AWS
 * error shape name. `src/api/respond.ts` is the one place that turns it into
 * the awsJson1_1 body `{"__type": type, "Message": message, ...fields}` with
 * `status` as the HTTP status.
 *
 * Source: the `smithy.api#httpError` traits of the error shapes in the AWS
 * Cloud Map model (via the generated constraint table), plus the
 * protocol-level errors every awsJson1_1 service returns
 * (UnknownOperationException, SerializationException, ServiceUnavailable,
 * InternalFailure) and the SigV4 authentication errors (`src/api/sigv4.ts`).
 */
import { ERROR_HTTP_STATUS } from './constraints.generated.ts';

/**
 * HTTP status per error shape: the model's error shapes (generated table),
 * then the protocol-level errors.
 */
export const ERROR_STATUS = {
  ...ERROR_HTTP_STATUS,
  // Protocol-level errors (not in the service model).
  UnknownOperationException: 400,
  SerializationException: 400,
  /** Retryable: the state backend (Redis) cannot be reached. SDKs retry 503. */
  ServiceUnavailable: 503,
  InternalFailure: 500,
  // Authentication (--auth sigv4), AWS "Common Errors" with the JSON protocols' Exception suffix.
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 400,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403,
} as const;

/** Name of an error shape this service returns. */
export type ErrorType = keyof typeof ERROR_STATUS;

/** An AWS-shaped error: `type` is the `__type`, `fields` are extra members (e.g. `NamespaceId`). */
export class CloudMapError extends Error {
  override readonly name: ErrorType;
  constructor(
    readonly type: ErrorType,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = type;
  }

  /** HTTP status from the model's `httpError` trait. */
  get status(): number {
    return ERROR_STATUS[this.type];
  }

  /** True for errors a client should retry (5xx, throttling). */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429;
  }
}

/** Shorthands for the errors the store and API raise; messages follow AWS wording. */
export const errors = {
  invalidInput: (message: string) => new CloudMapError('InvalidInput', message),
  namespaceNotFound: (id: string) => new CloudMapError('NamespaceNotFound', `Namespace not found: ${id}`),
  serviceNotFound: (id: string) => new CloudMapError('ServiceNotFound', `Service not found: ${id}`),
  instanceNotFound: (serviceId: string, instanceId: string) =>
    new CloudMapError('InstanceNotFound', `Instance not found: ${instanceId} in service ${serviceId}`),
  operationNotFound: (id: string) => new CloudMapError('OperationNotFound', `Operation not found: ${id}`),
  namespaceAlreadyExists: (name: string, namespaceId: string, creatorRequestId?: string) =>
    new CloudMapError('NamespaceAlreadyExists', `Namespace already exists with name ${name}`, {
      NamespaceId: namespaceId,
      ...(creatorRequestId ? { CreatorRequestId: creatorRequestId } : {}),
    }),
  serviceAlreadyExists: (name: string, serviceId: string, serviceArn: string, creatorRequestId?: string) =>
    new CloudMapError('ServiceAlreadyExists', `Service already exists with name ${name}`, {
      ServiceId: serviceId,
      ServiceArn: serviceArn,
      ...(creatorRequestId ? { CreatorRequestId: creatorRequestId } : {}),
    }),
  resourceInUse: (message: string) => new CloudMapError('ResourceInUse', message),
  hostNameTaken: (instanceId: string, otherId: string) =>
    new CloudMapError('InvalidInput',
      `Instance id ${instanceId} differs only in case from the registered instance ${otherId}: the service has an SRV record, ` +
      'so both would have the same DNS host name (DNS names are case-insensitive, RFC 4343)'),
  resourceNotFound: (arn: string) => new CloudMapError('ResourceNotFoundException', `Resource not found: ${arn}`),
  tooManyTags: (resourceName: string, count: number, max: number) =>
    new CloudMapError('TooManyTagsException', `A resource can have at most ${max} tags; ${resourceName} would have ${count}`, {
      ResourceName: resourceName,
    }),
  serviceAttributesLimit: (serviceId: string, count: number, max: number) =>
    new CloudMapError('ServiceAttributesLimitExceededException', `A service can have at most ${max} attributes; ${serviceId} would have ${count}`),
  unavailable: (message: string) => new CloudMapError('ServiceUnavailable', message),
} as const;
