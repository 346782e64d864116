import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corefileZones, renderCorefile } from './render.ts';
import { NAMESPACE_TEMPLATE, renderTemplate } from './template.ts';

/** Compare with `golden/<name>`; `UPDATE_GOLDEN=1` rewrites it. */
function golden(name: string, text: string): void {
  const file = new URL(`./golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('renderCorefile (golden)', () => {
  it('lameduck inside health, first block only; refuses a value that is not a duration', () => {
    const text = renderCorefile(['a.b', 'c.d'], { lameduck: '5s' });
    expect(text).toContain('    health :8080 {\n        lameduck 5s\n    }\n    ready :8181\n');
    expect(text.match(/lameduck/g)).toHaveLength(1);
    expect(renderCorefile(['a.b'], { lameduck: '5s', health: false })).not.toContain('lameduck');
    expect(() => renderCorefile(['a.b'], { lameduck: '5 s' })).toThrow('lameduck must be a Go duration such as 5s, got "5 s"');
  });

  it('default: one block per zone, health only in the first', () => {
    golden('default.server', renderCorefile(['app.local', 'pub.example']));
  });

  it('TLS to the sidecar with a CA and a server name, no health, custom upstream, port and cache', () => {
    golden(
      'tls.server',
      renderCorefile(['app.local'], {
        upstream: 'cloudmap-dns.kube-system.svc:8054',
        port: 1053,
        cacheSeconds: 0,
        health: false,
        prometheus: '0.0.0.0:9153',
        tls: { ca: '/etc/coredns/tls/ca.pem', serverName: 'cloudmap-dns' },
      }),
    );
  });

  it('mutual TLS and no prometheus or ready', () => {
    golden('mtls.server', renderCorefile(['app.local'], { prometheus: false, ready: false, health: false, tls: { cert: '/t/c.pem', key: '/t/k.pem', ca: '/t/ca.pem' } }));
  });

  it('TLS with system CAs: a bare tls directive', () => {
    expect(renderCorefile(['a.b'], { tls: {}, health: false })).toContain('    grpc . 127.0.0.1:8054 {\n        tls\n    }\n}\n');
  });

  it('renders nothing for no zones', () => {
    expect(renderCorefile([])).toBe('');
  });

  it.each([
    [['bad zone'], {}, /not a DNS zone name|cannot be written/],
    [['a..b'], {}, /not a DNS zone name/],
    [['a.b'], { upstream: 'x { y' }, /cannot be written into a Corefile/],
    [['a.b'], { port: 0 }, /port must be/],
    [['a.b'], { tls: { cert: 'c.pem' } }, /given together/],
  ])('rejects %j %j', (zones, options, message) => {
    expect(() => renderCorefile(zones, options)).toThrow(message);
  });
});

describe('corefileZones', () => {
  it('keeps DNS namespaces only, lowercased, sorted, once', () => {
    expect(
      corefileZones([
        { name: 'Pub.Example', type: 'DNS_PUBLIC' },
        { name: 'orders', type: 'HTTP' },
        { name: 'app.local', type: 'DNS_PRIVATE' },
        { name: 'pub.example.', type: 'DNS_PRIVATE' },
      ]),
    ).toEqual(['app.local', 'pub.example']);
  });
});

describe('the template', () => {
  it('is corefile-templates/namespace.server, byte for byte', () => {
    expect(readFileSync(new URL('../../corefile-templates/namespace.server', import.meta.url), 'utf8')).toBe(NAMESPACE_TEMPLATE);
  });

  it.each([
    ['{{ .A }}-{{ .B }}', { A: 'x', B: 2 }, 'x-2'],
    ['a\n  {{- if .On }} yes {{- else }} no {{- end }}\n', { On: true }, 'a yes\n'],
    ['a\n  {{- if .On }} yes {{- else }} no {{- end }}\n', { On: '' }, 'a no\n'],
    ['{{ if .A }}{{ if .B }}ab{{ else }}a{{ end }}{{ end }}', { A: 1, B: 0 }, 'a'],
    ['{{ if .A }}{{ if .B }}ab{{ else }}a{{ end }}{{ end }}', { A: 0, B: 1 }, ''],
    ['x {{- .A -}} y', { A: '.' }, 'x.y'],
  ])('%j with %j → %j (Go text/template semantics)', (template, data, expected) => {
    expect(renderTemplate(template, data)).toBe(expected);
  });

  it.each([
    ['{{ .Missing }}', /not defined/],
    ['{{ if .A }}', /without \{\{ end \}\}/],
    ['{{ end }}', /without \{\{ if \}\}/],
    ['{{ range .A }}', /unsupported/],
    ['{{ .A', /unclosed/],
  ])('rejects %j', (template, message) => {
    expect(() => renderTemplate(template, { A: 1 })).toThrow(message);
  });
});
