/**
 * Runs Debian's nginx (not as a daemon, not as a service) with deploy/nginx.conf, so the bench tests the
 * configuration that docker-compose.yml deploys. Only what must differ is put in: the instances' and its own
 * ports, HTTPS with a throwaway certificate, and its pid, logs and temporary files in a folder of its own.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const DEPLOYED_CONF = path.join(__dirname, '..', '..', 'deploy', 'nginx.conf')
const NGINX = process.env.BENCH_NGINX ?? '/usr/sbin/nginx'

export interface RunningNginx {
  process: ChildProcess
  /** The certificate the residents trust, as a browser trusts the site's. */
  certificate: Buffer
  /** The upstream address of every request nginx passed on, one a line. */
  upstreamLog: string
}

function replaceOnce(text: string, marker: string, replacement: string): string {
  const parts = text.split(marker)
  if (parts.length !== 2) throw new Error(`deploy/nginx.conf should hold "${marker}" once`)
  return parts.join(replacement)
}

function makeCertificate(dir: string): { certificate: string; key: string } {
  const certificate = path.join(dir, 'certificate.pem')
  const key = path.join(dir, 'key.pem')
  const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']
  const keyType = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1']
  execFileSync(
    'openssl',
    ['req', '-x509', ...keyType, '-nodes', '-days', '1', ...subject, '-keyout', key, '-out', certificate],
    {
      stdio: 'ignore',
    },
  )
  return { certificate, key }
}

export function benchConf(dir: string, port: number, instancePorts: number[]): string {
  const { certificate, key } = makeCertificate(dir)
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
    (kind) => `  ${kind}_temp_path ${path.join(dir, kind)};`,
  )
  let conf = fs.readFileSync(DEPLOYED_CONF, 'utf8')
  conf = replaceOnce(
    conf,
    '  access_log off;',
    [
      "  log_format upstream '$upstream_addr';",
      `  access_log ${path.join(dir, 'upstream.log')} upstream;`,
      ...temp,
    ].join('\n'),
  )
  conf = replaceOnce(conf, '    server app:3000;', instancePorts.map((p) => `    server 127.0.0.1:${p};`).join('\n'))
  conf = replaceOnce(
    conf,
    '    listen 80;',
    [
      `    listen 127.0.0.1:${port} ssl;`,
      `    ssl_certificate ${certificate};`,
      `    ssl_certificate_key ${key};`,
      // Every resident connects from 127.0.0.1. As behind a CDN that names each visitor in X-Forwarded-For,
      // nginx believes the address that 127.0.0.1 states, so each resident is a household with an address of
      // its own and the app's per-address limits count them apart, as they would 200 real households.
      '    set_real_ip_from 127.0.0.1;',
      '    real_ip_header X-Forwarded-For;',
    ].join('\n'),
  )
  return conf
}

/** Starts nginx on `port` in front of the instances and resolves once it accepts connections. */
export async function startNginx(dir: string, port: number, instancePorts: number[]): Promise<RunningNginx> {
  const confFile = path.join(dir, 'nginx.conf')
  fs.writeFileSync(confFile, benchConf(dir, port, instancePorts))
  // Run as root, nginx's workers run as nobody, and must reach the temporary folders inside `dir`.
  fs.chmodSync(dir, 0o755)
  const args = ['-p', dir, '-c', confFile, '-e', path.join(dir, 'error.log'), '-g', 'daemon off; pid nginx.pid;']
  execFileSync(NGINX, ['-t', '-q', ...args], { stdio: 'inherit' })
  const child = spawn(NGINX, args, { stdio: ['ignore', 'inherit', 'inherit'] })
  await waitForStart(child, path.join(dir, 'nginx.pid'))
  return {
    process: child,
    certificate: fs.readFileSync(path.join(dir, 'certificate.pem')),
    upstreamLog: path.join(dir, 'upstream.log'),
  }
}

/** nginx writes its pid file once it has opened its port. */
async function waitForStart(child: ChildProcess, pidFile: string): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`)
    if (fs.existsSync(pidFile)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('nginx did not start within 5 seconds')
}

/** A graceful stop: nginx finishes the requests it has, then exits. */
export async function stopNginx(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGQUIT')
  await exited
}
