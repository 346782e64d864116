/**
 * Name and value checks of the fake Kubernetes API server, with the real
 * server's messages (k8s.io/apimachinery/pkg/util/validation).
 *
 * Each returns a list of problems; empty means valid.
 */
import { isIPv4, isIPv6 } from 'node:net';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

const maxLen = (value: string, max: number): string[] => (value.length > max ? [`must be no more than ${max} characters`] : []);

/** RFC 1123 label (namespace names, port names, hostnames): ≤ 63 characters. */
export function isDns1123Label(value: string): string[] {
  const problems = maxLen(value, 63);
  if (!DNS1123_LABEL.test(value)) {
    problems.push(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
  }
  return problems;
}

/** RFC 1123 subdomain (most object names): ≤ 253 characters. */
export function isDns1123Subdomain(value: string): string[] {
  const problems = maxLen(value, 253);
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  }
  return problems;
}

/** RFC 1035 label (Service names): ≤ 63 characters, starting with a letter. */
export function isDns1035Label(value: string): string[] {
  const problems = maxLen(value, 63);
  if (!DNS1035_LABEL.test(value)) {
    problems.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  }
  return problems;
}

/** Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63 characters. */
export function isQualifiedName(value: string): string[] {
  const parts = value.split('/');
  let name = value;
  const problems: string[] = [];
  if (parts.length === 2) {
    const [prefix, rest] = parts as [string, string];
    name = rest;
    if (prefix.length === 0) problems.push('prefix part must be non-empty');
    else problems.push(...isDns1123Subdomain(prefix).map((p) => `prefix part ${p}`));
  } else if (parts.length > 2) {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (name.length === 0) problems.push('name part must be non-empty');
  else if (name.length > 63) problems.push('name part must be no more than 63 characters');
  if (name.length > 0 && !QUALIFIED_NAME_PART.test(name)) {
    problems.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
  }
  return problems;
}

/** Label values: empty, or ≤ 63 alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric. */
export function isLabelValue(value: string): string[] {
  const problems = maxLen(value, 63);
  if (!LABEL_VALUE.test(value)) {
    problems.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  }
  return problems;
}

/** ConfigMap data keys. */
export function isConfigMapKey(value: string): string[] {
  const problems = maxLen(value, 253);
  if (!CONFIG_MAP_KEY.test(value)) problems.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  if (value === '.' || value === '..' || value.startsWith('..')) problems.push("must not be '.' or '..' or start with '..'");
  return problems;
}

/** An IPv4 address in dotted-quad form. */
export function isIPv4Address(value: string): string[] {
  return isIPv4(value) ? [] : ['must be a valid IPv4 address'];
}

/** An IPv6 address. */
export function isIPv6Address(value: string): string[] {
  return isIPv6(value) && !isIPv4(value) ? [] : ['must be a valid IPv6 address'];
}

/**
 * Rejects the addresses endpoints may not use (core validation
 * `ValidateNonSpecialIP`): unspecified, loopback, link-local and
 * link-local multicast.
 */
export function isNonSpecialIP(value: string): string[] {
  if (isIPv4(value)) {
    const [a, b, c] = value.split('.').map(Number) as [number, number, number];
    if (value === '0.0.0.0') return ['may not be unspecified (0.0.0.0)'];
    if (a === 127) return ['may not be in the loopback range (127.0.0.0/8, ::1/128)'];
    if (a === 169 && b === 254) return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'];
    if (a === 224 && b === 0 && c === 0) return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'];
    return [];
  }
  const v = value.toLowerCase();
  if (v === '::') return ['may not be unspecified (::)'];
  if (v === '::1') return ['may not be in the loopback range (127.0.0.0/8, ::1/128)'];
  if (/^fe[89ab]/.test(v)) return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'];
  if (/^ff02:/.test(v)) return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'];
  return [];
}
