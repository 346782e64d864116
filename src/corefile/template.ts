/**
 * The CoreDNS server block template for one Cloud Map DNS namespace, and the
 * small subset of Go's `text/template` that renders it, so the same file can
 * be rendered by us, by the reconciler's Corefile provider, and by Helm's
 * `tpl` (Go) alike. `corefile-templates/namespace.server` holds the same text
 * (a test keeps them identical).
 *
 * Supported template syntax (Go `text/template` semantics): `{{ .Field }}`,
 * `{{ if .Field }}`, `{{ else }}`, `{{ end }}` (nesting allowed), and the
 * trim markers `{{-` / `-}}` that drop the white space (newlines included)
 * before / after an action. A field is true when it is a non-empty string, a
 * non-zero number or `true`.
 */

/** The default per-namespace server block (`corefile-templates/namespace.server`). */
export const NAMESPACE_TEMPLATE = `# Cloud Map namespace {{ .Zone }}: answered by cloudmap-dns over gRPC (coredns.dns.DnsService/Query)
{{ .Zone }}:{{ .Port }} {
    errors
{{- if .CacheSeconds }}
    cache {{ .CacheSeconds }}
{{- end }}
{{- if .Prometheus }}
    prometheus {{ .Prometheus }}
{{- end }}
{{- if .Health }}
    health {{ .Health }}
{{- if .Lameduck }} {
        lameduck {{ .Lameduck }}
    }
{{- end }}
{{- end }}
{{- if .Ready }}
    ready {{ .Ready }}
{{- end }}
    grpc . {{ .Upstream }}
{{- if .Tls }} {
        tls{{ if .TlsArgs }} {{ .TlsArgs }}{{ end }}
{{- if .TlsServerName }}
        tls_servername {{ .TlsServerName }}
{{- end }}
    }
{{- end }}
}
`;

/** Values a template reads. */
export type TemplateData = Record<string, string | number | boolean | undefined>;

type Token = { text: string } | { action: string };

function tokenize(template: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  let trimNext = false;
  for (;;) {
    const open = template.indexOf('{{', at);
    let text = template.slice(at, open < 0 ? undefined : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      out.push({ text });
      return out;
    }
    const close = template.indexOf('}}', open);
    if (close < 0) throw new Error(`unclosed action at offset ${open}`);
    let inner = template.slice(open + 2, close);
    if (inner.startsWith('- ')) {
      text = text.replace(/\s+$/, '');
      inner = inner.slice(2);
    }
    trimNext = inner.endsWith(' -');
    if (trimNext) inner = inner.slice(0, -2);
    out.push({ text }, { action: inner.trim() });
    at = close + 2;
  }
}

const truthy = (v: TemplateData[string]): boolean => v !== undefined && v !== '' && v !== 0 && v !== false;

/**
 * Render `template` with `data` (see the module comment for the syntax).
 * @throws Error for an unknown action, an unbalanced if/end, or a field missing from `data`
 */
export function renderTemplate(template: string, data: TemplateData): string {
  const field = (name: string): TemplateData[string] => {
    const key = name.slice(1);
    if (!name.startsWith('.') || !(key in data)) throw new Error(`template field ${name} is not defined`);
    return data[key];
  };
  let out = '';
  /** One entry per open `if`: whether its current branch is emitted. */
  const stack: { on: boolean; taken: boolean; parentOn: boolean }[] = [];
  const emitting = (): boolean => stack.length === 0 || stack[stack.length - 1]!.on;
  for (const token of tokenize(template)) {
    if ('text' in token) {
      if (emitting()) out += token.text;
      continue;
    }
    const words = token.action.split(/\s+/);
    if (words[0] === 'if' && words.length === 2) {
      const parentOn = emitting();
      const cond = parentOn && truthy(field(words[1]!));
      stack.push({ on: cond, taken: cond, parentOn });
    } else if (words[0] === 'else' && words.length === 1) {
      const top = stack[stack.length - 1];
      if (!top) throw new Error('{{ else }} without {{ if }}');
      top.on = top.parentOn && !top.taken;
    } else if (words[0] === 'end' && words.length === 1) {
      if (!stack.pop()) throw new Error('{{ end }} without {{ if }}');
    } else if (words.length === 1 && words[0]!.startsWith('.')) {
      if (emitting()) out += String(field(words[0]!) ?? '');
    } else {
      throw new Error(`unsupported template action {{ ${token.action} }}`);
    }
  }
  if (stack.length > 0) throw new Error('{{ if }} without {{ end }}');
  return out;
}
