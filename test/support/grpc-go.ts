/**
 * Build and run the Go gRPC client in `grpc-go-client/`, which queries our
 * gRPC listener the way CoreDNS's grpc plugin does (grpc-go + miekg/dns).
 *
 * Built offline in GOPATH mode from Debian packages: golang-go,
 * golang-google-grpc-dev, golang-github-miekg-dns-dev, golang-goprotobuf-dev
 * (protoc-gen-go) and protobuf-compiler (protoc), which generates the
 * `coredns.dns` stubs from CoreDNS's `dns.proto` as CoreDNS's `pb` package is
 * generated. The Go build cache lives in the system temp directory, so
 * rebuilds after the first take a second or two.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('./grpc-go-client/', import.meta.url));
const GOPATH_DEBIAN = '/usr/share/gocode';

/** One query's result as the Go client prints it. */
export interface GoQueryResult {
  name: string;
  type: string;
  /** grpc-go error text, when the call failed. */
  error?: string;
  /** gRPC status code name (`Unavailable`, `ResourceExhausted`) when it failed. */
  code?: string;
  rcode?: string;
  id: number;
  sentId: number;
  question?: string;
  /** The reply answers the question asked (CoreDNS `request.Match`). */
  match: boolean;
  aa: boolean;
  tc: boolean;
  /** Records as miekg/dns prints them, whitespace collapsed. */
  answer: string[];
  authority: string[];
  extra: string[];
}

function need(command: string, pkg: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${command} is not installed: install the Debian package ${pkg}`);
  }
}

let built: string | undefined;

/**
 * Build the client once per process.
 * @returns the path of the binary
 * @throws naming the Debian package when a tool or Go package is missing, or with the compiler output
 */
export function buildGoGrpcClient(): string {
  if (built) return built;
  need('go', 'golang-go');
  need('protoc', 'protobuf-compiler');
  need('protoc-gen-go', 'golang-goprotobuf-dev');
  for (const [dir, pkg] of [
    ['google.golang.org/grpc', 'golang-google-grpc-dev'],
    ['github.com/miekg/dns', 'golang-github-miekg-dns-dev'],
    ['github.com/golang/protobuf', 'golang-goprotobuf-dev'],
  ]) {
    if (!existsSync(join(GOPATH_DEBIAN, 'src', dir!))) throw new Error(`${dir} not found under ${GOPATH_DEBIAN}: install the Debian package ${pkg}`);
  }
  const gopath = mkdtempSync(join(tmpdir(), 'cloudmap-dns-go-'));
  const pkgDir = join(gopath, 'src', 'cmdns');
  mkdirSync(join(pkgDir, 'pb'), { recursive: true });
  copyFileSync(join(SOURCE, 'main.go'), join(pkgDir, 'main.go'));
  copyFileSync(join(SOURCE, 'dns.proto'), join(pkgDir, 'pb', 'dns.proto'));
  const env = { ...process.env, GO111MODULE: 'off', GOPATH: `${gopath}:${GOPATH_DEBIAN}`, GOPROXY: 'off', GOFLAGS: '', GOCACHE: join(tmpdir(), 'cloudmap-dns-gocache') };
  const run = (cmd: string, args: string[], cwd: string): void => {
    try {
      execFileSync(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
    } catch (e) {
      const err = e as { stderr?: Buffer; stdout?: Buffer; message: string };
      throw new Error(`${cmd} ${args.join(' ')} failed:\n${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? err.message}`);
    }
  };
  run('protoc', ['--go_out=plugins=grpc:.', 'dns.proto'], join(pkgDir, 'pb'));
  const bin = join(gopath, 'grpc-dns-client');
  run('go', ['build', '-o', bin, 'cmdns'], gopath);
  built = bin;
  return bin;
}

/**
 * Query `NAME TYPE` pairs over one gRPC connection, as CoreDNS would.
 * @param addr `host:port`
 * @param caFile trust this CA and use TLS (server name `localhost`); plaintext without it
 */
export function goGrpcQuery(addr: string, queries: [string, string][], caFile?: string): Promise<GoQueryResult[]> {
  const bin = buildGoGrpcClient();
  const args = ['-addr', addr, ...(caFile ? ['-ca', caFile] : []), ...queries.flat()];
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: 30_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`grpc-dns-client ${args.join(' ')}: ${err.message}\n${stdout}${stderr}`));
      resolve(stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as GoQueryResult));
    });
  });
}
