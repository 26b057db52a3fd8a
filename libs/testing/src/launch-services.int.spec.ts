import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { launchServices, type LaunchedServices } from './launch-services';
import { testDatabaseUrl } from './test-database';
import { waitFor } from './wait-for';

// Stand-in apps (plain JavaScript, which Node loads from a .ts path) so the launcher is tested on real processes.
const READY = `console.log(JSON.stringify({ level: 'info', msg: 'ready', service: process.env.SERVICE_TAG }));`;
const ON_SIGTERM = `process.on('SIGTERM', () => { console.log('{"msg":"stopping"}'); process.exit(0); });`;
const FIXTURE_APPS: Record<string, string> = {
  gateway: `
    const http = require('node:http');
    const startedAt = Date.now();
    const server = http.createServer((req, res) => {
      const healthy = Date.now() - startedAt > 700;
      res.writeHead(req.url === '/health' && healthy ? 200 : 503).end(JSON.stringify({ schema: process.env.DB_SCHEMA, ns: process.env.NATS_NAMESPACE }));
    });
    server.listen(Number(process.env.GATEWAY_PORT), '127.0.0.1', () => { ${READY} });
    ${ON_SIGTERM}`,
  worker: `console.log('booting ' + process.env.NODE_ENV + ' ' + process.env.LOG_LEVEL); setTimeout(() => { ${READY} }, 100); setInterval(() => {}, 1000); ${ON_SIGTERM}`,
  broken: `console.error('Invalid configuration: DATABASE_URL is wrong'); process.exit(3);`,
  silent: `console.log('still thinking'); setInterval(() => {}, 1000);`,
};

function fixtureRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'cp-launcher-fixture-'));
  mkdirSync(join(root, 'scripts'));
  writeFileSync(join(root, 'scripts', 'run-ts.js'), "require(require('node:path').resolve(process.argv[2]));\n");
  for (const [name, source] of Object.entries(FIXTURE_APPS)) {
    mkdirSync(join(root, 'apps', name, 'src'), { recursive: true });
    writeFileSync(join(root, 'apps', name, 'src', 'main.ts'), source);
  }
  return root;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('launchServices', () => {
  let repoRoot: string;
  let launched: LaunchedServices | null = null;

  beforeAll(() => {
    repoRoot = fixtureRepo();
  });
  afterEach(async () => {
    await launched?.stop();
    launched = null;
  });
  afterAll(() => rmSync(repoRoot, { recursive: true, force: true }));

  it('starts each service, waits for its ready line and for the gateway health check', async () => {
    launched = await launchServices({ services: ['gateway', 'worker'], repoRoot, env: { SERVICE_TAG: 'one' } });

    const response = await fetch(`${launched.gatewayUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ schema: launched.env.DB_SCHEMA, ns: launched.env.NATS_NAMESPACE });
    expect(launched.service('worker').logs()).toContain('booting test info');
    expect(launched.service('worker').logs()).toContain('"msg":"ready"');
  });

  it('creates a schema for the run and drops it on stop', async () => {
    launched = await launchServices({ services: ['worker'], repoRoot });
    const schema = launched.env.DB_SCHEMA;
    const pid = launched.service('worker').pid as number;

    await launched.stop();
    launched = null;

    expect(isAlive(pid)).toBe(false);
    const pool = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
    const { rowCount } = await pool.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema]);
    await pool.end();
    expect(rowCount).toBe(0);
  });

  it('reports a service that dies before it is ready, with its output', async () => {
    const attempt = launchServices({ services: ['worker', 'broken'], repoRoot });

    await expect(attempt).rejects.toThrow(/broken exited before it was ready \(code 3[\s\S]*DATABASE_URL is wrong/);
  });

  it('reports a service that is not ready in time, with its output, and kills it', async () => {
    const attempt = launchServices({ services: ['silent'], repoRoot, readyTimeoutMs: 1_000 });

    await expect(attempt).rejects.toThrow(/silent was not ready within 1000 ms[\s\S]*still thinking/);
  });

  it('kills and starts a service again, and runs a second instance of one service', async () => {
    launched = await launchServices({ services: ['worker'], repoRoot });
    const firstPid = launched.service('worker').pid as number;

    await launched.killService('worker', 'SIGKILL');
    expect(launched.service('worker').running).toBe(false);
    await launched.startService('worker');
    const second = await launched.startService('worker', { instance: 2, env: { SERVICE_TAG: 'second' } });

    expect(launched.service('worker').pid).not.toBe(firstPid);
    expect(second.logs()).toContain('"service":"second"');
    await waitFor(() => !isAlive(firstPid), { description: 'the killed process to be gone', timeoutMs: 2_000 });
  });

  it('restarts a service gracefully', async () => {
    launched = await launchServices({ services: ['worker'], repoRoot });
    const handle = launched.service('worker');
    const before = handle.pid;

    await handle.restart();

    expect(handle.pid).not.toBe(before);
    expect(handle.logs()).toContain('{"msg":"stopping"}');
  });
});
