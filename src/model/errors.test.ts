import { describe, expect, it } from 'vitest';
import { ERROR_HTTP_STATUS, OPERATIONS } from './constraints.generated.ts';
import { CloudMapError, ERROR_STATUS, type ErrorType } from './errors.ts';

/** Errors every awsJson1_1 service returns that are not shapes of the Cloud Map model. */
const PROTOCOL_ERRORS = [
  'UnknownOperationException', 'SerializationException', 'ServiceUnavailable', 'InternalFailure',
  'MissingAuthenticationTokenException', 'IncompleteSignatureException', 'UnrecognizedClientException', 'InvalidSignatureException',
];

describe('ERROR_STATUS', () => {
  it.each(Object.entries(ERROR_HTTP_STATUS))('%s has the model status %i', (name, status) => {
    expect(Object.hasOwn(ERROR_STATUS, name)).toBe(true);
    expect(ERROR_STATUS[name as ErrorType]).toBe(status);
    expect(new CloudMapError(name as ErrorType, 'm').status).toBe(status);
  });

  it('has no model-like entries the model lacks', () => {
    const extra = Object.keys(ERROR_STATUS).filter((name) => !Object.hasOwn(ERROR_HTTP_STATUS, name));
    expect(extra.sort()).toEqual([...PROTOCOL_ERRORS].sort());
  });

  it('covers every error an operation declares', () => {
    const declared = new Set(Object.values(OPERATIONS).flatMap((op) => op.errors));
    expect([...declared].filter((name) => !Object.hasOwn(ERROR_STATUS, name))).toEqual([]);
    expect([...declared].sort()).toEqual(Object.keys(ERROR_HTTP_STATUS).sort());
  });

  it('marks throttling and 5xx as retryable', () => {
    expect(new CloudMapError('RequestLimitExceeded', 'slow down').retryable).toBe(true);
    expect(new CloudMapError('ServiceUnavailable', 'redis down').retryable).toBe(true);
    expect(new CloudMapError('InvalidInput', 'bad').retryable).toBe(false);
  });
});
