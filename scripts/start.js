#!/usr/bin/env node
// `npm start`: installs what is missing, finds or starts PostgreSQL and NATS, creates the schemas,
// starts every service as its own process, and prints the gateway URL and a development token.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, ensureDependencies, ensureInfrastructure } = require('./lib/infra');

const SERVICES_IN_START_ORDER = ['projector', 'jobs', 'executor', 'scheduler', 'webhooks', 'worker', 'gateway'];
const COLORS = [36, 33, 35, 32, 34, 31, 90];

function log(msg) {
  process.stdout.write(`[start] ${msg}\n`);
}

function pretty(service, color, line) {
  let text = line;
  try {
    const entry = JSON.parse(line);
    const { time, level, service: _s, msg, ...rest } = entry;
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    text = `${level === 'error' ? 'ERROR ' : level === 'warn' ? 'WARN ' : ''}${msg}${extra}`;
  } catch {
    // not a JSON line: print as it is
  }
  const tag = process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[${color}m${service.padEnd(9)}\x1b[0m` : service.padEnd(9);
  process.stdout.write(`${tag} | ${text}\n`);
}

function startService(service, index, env) {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'run-ts.js'), `apps/${service}/src/main.ts`], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const color = COLORS[index % COLORS.length];
  let ready;
  const readyPromise = new Promise((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code) => reject(new Error(`${service} exited with code ${code} before it was ready`)));
  });
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += chunk.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.includes('"msg":"ready"')) ready();
        pretty(service, color, line);
      }
    });
  }
  return { service, child, readyPromise };
}

async function main() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) throw new Error(`Node.js 20 or newer is needed (this is ${process.version})`);
  ensureDependencies(log);
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development' };
  env.DATABASE_URL = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  env.NATS_URL = env.NATS_URL || 'nats://127.0.0.1:4222';
  await ensureInfrastructure({ databaseUrl: env.DATABASE_URL, natsUrl: env.NATS_URL, log });
  log('Creating schemas and streams ...');
  const migrate = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'run-ts.js'), 'scripts/migrate.ts'], { cwd: ROOT, env, stdio: 'inherit' });
  if (migrate.status !== 0) throw new Error('schema migration failed; see the output above');

  const services = SERVICES_IN_START_ORDER.filter((s) => fs.existsSync(path.join(ROOT, 'apps', s, 'src', 'main.ts')));
  const running = services.map((s, i) => startService(s, i, env));
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping services ...`);
    for (const { child } of running) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => {
      for (const { child } of running) if (child.exitCode === null) child.kill('SIGKILL');
      process.exit(0);
    }, 10000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  for (const r of running) r.child.on('exit', () => { if (running.every((x) => x.child.exitCode !== null || x.child.signalCode)) process.exit(stopping ? 0 : 1); });

  await Promise.all(running.map((r) => r.readyPromise));
  const token = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'run-ts.js'), 'scripts/dev-token.ts'], { cwd: ROOT, env, encoding: 'utf8' }).stdout.trim();
  const url = `http://localhost:${env.GATEWAY_PORT || 8000}`;
  process.stdout.write(`
  Job control plane is running (${services.join(', ')}).

    Gateway:            ${url}
    OpenAPI:            ${url}/api/openapi.json
    Development token:  ${token}

    export CONTROL_PLANE_URL=${url}
    export CONTROL_PLANE_API_KEY=${token}
    curl -H "Authorization: Bearer $CONTROL_PLANE_API_KEY" $CONTROL_PLANE_URL/api/v1/jobs

  Ctrl-C stops every service.
`);
}

main().catch((error) => {
  process.stderr.write(`\nnpm start could not start the control plane:\n${error.message}\n`);
  process.exit(1);
});
