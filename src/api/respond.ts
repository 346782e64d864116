/**
 * awsJson1_1 responses: the one place that turns results and `CloudMapError`s
 * into HTTP. Source: Smithy "AWS JSON 1.1 protocol" (error `__type`,
 * `x-amzn-ErrorType`, `x-amzn-RequestId`).
 */
import { CloudMapError } from '../model/errors.ts';

/** Content type of every awsJson1_1 body. */
export const AWS_JSON = 'application/x-amz-json-1.1';

/** A 200 response carrying `output` (an AWS output shape) as JSON. */
export function jsonResponse(output: unknown, requestId: string): Response {
  return new Response(JSON.stringify(output ?? {}), {
    status: 200,
    headers: { 'content-type': AWS_JSON, 'x-amzn-requestid': requestId },
  });
}

/**
 * The error response for `error`: `{"__type", "Message", ...fields}` with the
 * shape's HTTP status. Anything that is not a `CloudMapError` is a bug: it is
 * answered as `InternalFailure` (500) without internal details.
 */
export function errorResponse(error: unknown, requestId: string): Response {
  const e = error instanceof CloudMapError ? error : new CloudMapError('InternalFailure', 'An internal error occurred');
  const body = { __type: e.type, Message: e.message, message: e.message, ...e.fields };
  return new Response(JSON.stringify(body), {
    status: e.status,
    headers: { 'content-type': AWS_JSON, 'x-amzn-requestid': requestId, 'x-amzn-errortype': e.type },
  });
}
