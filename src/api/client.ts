/**
 * A minimal Cloud Map API client (awsJson1_1 over `fetch`, no SigV4) for the
 * commands that read a running server's state through its API: `inspect`,
 * `corefile` and the reconciler's API source (memory state lives inside that
 * server's process). Source: Smithy "AWS JSON 1.1 protocol".
 */

/**
 * One call of `operation` with `body` to the API at `endpoint` (e.g.
 * `http://127.0.0.1:8053/`).
 * @returns the output shape, parsed
 * @throws Error "cannot reach the Cloud Map API at …" when the request fails,
 *   or "<operation> at <endpoint> failed: <status> <__type> <Message>" for a non-200 answer
 */
export async function callCloudMap<T = Record<string, unknown>>(endpoint: string, operation: string, body: Record<string, unknown>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Route53AutoNaming_v20170314.${operation}` },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new Error(`cannot reach the Cloud Map API at ${endpoint}: ${(error as Error).message}`);
  }
  const out = (await res.json().catch(() => ({}))) as T & { __type?: string; Message?: string; message?: string };
  if (res.status !== 200) throw new Error(`${operation} at ${endpoint} failed: ${res.status} ${out.__type ?? ''} ${out.Message ?? out.message ?? ''}`.trim());
  return out;
}

/**
 * Every page of a List* operation (following `NextToken`): the items under `field` of each page, in order.
 * @throws as `callCloudMap`
 */
export async function listAllPages<T>(endpoint: string, operation: string, body: Record<string, unknown>, field: string): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await callCloudMap<Record<string, unknown>>(endpoint, operation, token ? { ...body, NextToken: token } : body);
    out.push(...((page[field] as T[] | undefined) ?? []));
    token = page.NextToken as string | undefined;
  } while (token);
  return out;
}
