// Finds or brings up PostgreSQL and NATS (JetStream) for `npm start` and `npm test`.
// Order: running ones on the standard ports -> `docker compose` when a Docker engine answers -> exact instructions.
const net = require('node:net');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

function hostPort(url, defaultPort) {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: Number(u.port || defaultPort) };
}

function canConnect({ host, port }, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitUntil(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

function dockerAvailable() {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 10000 });
  return result.status === 0 && result.stdout.trim() !== '';
}

async function checkPostgres(databaseUrl) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error.message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkJetStream(natsUrl) {
  const { connect } = require('nats');
  let nc;
  try {
    nc = await connect({ servers: natsUrl, timeout: 3000, reconnect: false });
    const jsm = await nc.jetstreamManager();
    await jsm.getAccountInfo();
    return null;
  } catch (error) {
    return /503|not enabled|no responders/i.test(String(error.message)) ? 'JetStream is not enabled on this NATS server (start it with -js)' : error.message;
  } finally {
    if (nc) await nc.close().catch(() => undefined);
  }
}

const INSTRUCTIONS = `
PostgreSQL and NATS with JetStream are needed. Either:
  - start them with Docker:      docker compose up -d postgres nats
  - or install them locally:     PostgreSQL 14+ on 127.0.0.1:5432 (user postgres, trust or DATABASE_URL with a password)
                                 nats-server -js -p 4222
  - or point at existing ones:   DATABASE_URL=postgres://user:pass@host:5432/db NATS_URL=nats://host:4222 npm start
`;

async function ensureInfrastructure({ databaseUrl, natsUrl, log = console.log }) {
  const pgAddr = hostPort(databaseUrl, 5432);
  const natsAddr = hostPort(natsUrl, 4222);
  let pgUp = await canConnect(pgAddr);
  let natsUp = await canConnect(natsAddr);
  if ((!pgUp || !natsUp) && dockerAvailable()) {
    const services = [!pgUp && 'postgres', !natsUp && 'nats'].filter(Boolean);
    log(`Starting ${services.join(' and ')} with docker compose ...`);
    const up = spawnSync('docker', ['compose', 'up', '-d', ...services], { cwd: ROOT, stdio: 'inherit' });
    if (up.status !== 0) throw new Error('docker compose up failed; see the output above');
    pgUp = pgUp || (await waitUntil(async () => (await canConnect(pgAddr)) && !(await checkPostgres(databaseUrl)), 60000));
    natsUp = natsUp || (await waitUntil(() => canConnect(natsAddr), 30000));
  }
  const problems = [];
  if (!pgUp) problems.push(`PostgreSQL is not reachable at ${pgAddr.host}:${pgAddr.port}`);
  if (!natsUp) problems.push(`NATS is not reachable at ${natsAddr.host}:${natsAddr.port}`);
  if (pgUp) {
    const pgProblem = await waitUntil(async () => !(await checkPostgres(databaseUrl)), 20000) ? null : await checkPostgres(databaseUrl);
    if (pgProblem) problems.push(`PostgreSQL at ${pgAddr.host}:${pgAddr.port} refused the connection: ${pgProblem}`);
  }
  if (natsUp) {
    const jsProblem = await checkJetStream(natsUrl);
    if (jsProblem) problems.push(`NATS at ${natsAddr.host}:${natsAddr.port}: ${jsProblem}`);
  }
  if (problems.length > 0) {
    const error = new Error(`${problems.map((p) => `  - ${p}`).join('\n')}\n${INSTRUCTIONS}`);
    error.code = 'INFRA';
    throw error;
  }
}

function ensureDependencies(log = console.log) {
  const fs = require('node:fs');
  const lock = path.join(ROOT, 'package-lock.json');
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return;
  log('Installing dependencies (npm ci) ...');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm ci failed; see the output above');
}

module.exports = { ROOT, ensureInfrastructure, ensureDependencies, canConnect };
