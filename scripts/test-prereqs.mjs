#!/usr/bin/env node
// Makes sure the real clients and servers the test suites drive are present:
// Debian's aws CLI v2 (/usr/bin/aws, package awscli), dig (bind9-dnsutils),
// kdig (knot-dnsutils), curl, and redis-server. Run as root, it installs what
// is missing with apt-get; otherwise it names the missing packages and fails,
// because a suite whose real part is missing must fail, never skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** [package, check] — check returns an error string, or '' when fine. */
const requirements = [
  ['awscli', () => {
    if (!existsSync('/usr/bin/aws')) return '/usr/bin/aws not found';
    const out = spawnSync('/usr/bin/aws', ['--version'], { encoding: 'utf8' });
    const text = `${out.stdout}${out.stderr}`;
    return /^aws-cli\/2\./.test(text) ? '' : `/usr/bin/aws is not the aws CLI v2 (${text.trim()})`;
  }],
  ['bind9-dnsutils', () => (onPath('dig') ? '' : 'dig not found')],
  ['knot-dnsutils', () => (onPath('kdig') ? '' : 'kdig not found')],
  ['curl', () => (onPath('curl') ? '' : 'curl not found')],
  ['redis-server', () => (onPath('redis-server') && onPath('redis-cli') ? '' : 'redis-server/redis-cli not found')],
  // DNS suites: TLS certificates, DoH load, and CoreDNS's gRPC client (grpc-go + miekg/dns, GOPATH mode).
  ['openssl', () => (onPath('openssl') ? '' : 'openssl not found')],
  ['dnsperf', () => (onPath('dnsperf') ? '' : 'dnsperf not found')],
  ['golang-go', () => (onPath('go') ? '' : 'go not found')],
  ['protobuf-compiler', () => (onPath('protoc') ? '' : 'protoc not found')],
  ['golang-goprotobuf-dev', () => (onPath('protoc-gen-go') && existsSync('/usr/share/gocode/src/github.com/golang/protobuf') ? '' : 'protoc-gen-go or github.com/golang/protobuf not found')],
  ['golang-google-grpc-dev', () => (existsSync('/usr/share/gocode/src/google.golang.org/grpc') ? '' : 'google.golang.org/grpc not found in /usr/share/gocode')],
  ['unbound', () => (onPath('unbound') || existsSync('/usr/sbin/unbound') ? '' : 'unbound not found')],
  ['dnsmasq-base', () => (onPath('dnsmasq') || existsSync('/usr/sbin/dnsmasq') ? '' : 'dnsmasq not found')],
  ['golang-github-miekg-dns-dev', () => (existsSync('/usr/share/gocode/src/github.com/miekg/dns') ? '' : 'github.com/miekg/dns not found in /usr/share/gocode')],
  // Metrics and chart suites: promtool, and Helm's template engine (text/template + sprig, values through YAML).
  ['prometheus', () => (onPath('promtool') ? '' : 'promtool not found')],
  ['golang-github-masterminds-sprig-dev', () => (existsSync('/usr/share/gocode/src/github.com/Masterminds/sprig') ? '' : 'github.com/Masterminds/sprig not found in /usr/share/gocode')],
  ['golang-gopkg-yaml.v2-dev', () => (existsSync('/usr/share/gocode/src/gopkg.in/yaml.v2') ? '' : 'gopkg.in/yaml.v2 not found in /usr/share/gocode')],
  ['golang-github-xeipuuv-gojsonschema-dev', () => (existsSync('/usr/share/gocode/src/github.com/xeipuuv/gojsonschema') ? '' : 'github.com/xeipuuv/gojsonschema not found in /usr/share/gocode')],
];

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

// moto's server (python3 -m moto.server) is the Route 53 peer of the
// reconciler suites. It comes from pip, not Debian: install it when missing.
const hasMoto = () => spawnSync('python3', ['-c', 'import moto.server, flask_cors'], { stdio: 'ignore' }).status === 0;
if (!hasMoto()) {
  console.error("test prerequisites: moto's server is missing; installing it with pip install 'moto[server]'");
  const pip = spawnSync('python3', ['-m', 'pip', 'install', 'moto[server]'], { stdio: 'inherit' });
  if (pip.status !== 0 || !hasMoto()) {
    console.error("test prerequisites: could not install moto; run: python3 -m pip install 'moto[server]'");
    process.exit(1);
  }
}

const missing = requirements.filter(([, check]) => check() !== '');
if (missing.length === 0) process.exit(0);

const packages = missing.map(([name]) => name);
for (const [name, check] of missing) console.error(`test prerequisites: ${check()} (Debian package ${name})`);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !onPath('apt-get')) {
  console.error(`test prerequisites: missing; install them with: sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`);
  process.exit(1);
}

console.error(`test prerequisites: installing ${packages.join(' ')} with apt-get`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });

const still = requirements.filter(([, check]) => check() !== '');
if (still.length > 0) {
  for (const [name, check] of still) console.error(`test prerequisites: still missing after install: ${check()} (${name})`);
  process.exit(1);
}
