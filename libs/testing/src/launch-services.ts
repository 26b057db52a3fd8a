import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { ServiceProcess } from './service-process';
import { createTestSchema, testDatabaseUrl, type TestSchema } from './test-database';
import { cleanupNamespace, randomNamespace, testNatsUrl } from './test-nats';

export type LaunchOptions = {
  /** App names under apps/, started in this order (one after the other unless `parallel`). */
  services: string[];
  /** Extra environment for every service; wins over the defaults. Pass DB_SCHEMA / NATS_NAMESPACE to own them yourself. */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  parallel?: boolean;
  /** Directory holding scripts/run-ts.js and apps/; the repository root unless a test of the launcher says otherwise. */
  repoRoot?: string;
};

export type ServiceHandle = {
  readonly pid: number | undefined;
  readonly running: boolean;
  readonly env: Record<string, string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  logs(): string;
};

export type StartServiceOptions = { instance?: number; env?: Record<string, string> };

export type LaunchedServices = {
  gatewayUrl: string;
  webhooksUrl: string;
  /** The environment shared by every service (DB_SCHEMA, NATS_NAMESPACE, ports, ...). */
  env: Record<string, string>;
  service(name: string, instance?: number): ServiceHandle;
  killService(name: string, signal?: NodeJS.Signals, instance?: number): Promise<void>;
  startService(name: string, options?: StartServiceOptions): Promise<ServiceHandle>;
  /** SIGTERM to every service (SIGKILL after 10 s), then drops the schema and streams the launcher created. */
  stop(): Promise<void>;
};

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Starts real service processes for end-to-end tests and waits until each is ready. */
export async function launchServices(options: LaunchOptions): Promise<LaunchedServices> {
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  if (!existsSync(join(repoRoot, 'scripts', 'run-ts.js'))) throw new Error(`scripts/run-ts.js not found under ${repoRoot}`);
  const missing = options.services.filter((name) => !existsSync(join(repoRoot, 'apps', name, 'src', 'main.ts')));
  if (missing.length > 0) throw new Error(`No apps/<name>/src/main.ts for: ${missing.join(', ')}`);
  const owned = await ownedResources(options.env ?? {});
  const env = await sharedEnv(options.env ?? {}, owned);
  const launcher = new Launcher(env, { repoRoot, readyTimeoutMs: options.readyTimeoutMs ?? 60_000, logDir: mkdtempSync(join(tmpdir(), 'cp-services-')) }, owned);
  try {
    if (options.parallel) await Promise.all(options.services.map((name) => launcher.start(name, {})));
    else for (const name of options.services) await launcher.start(name, {});
  } catch (err) {
    await launcher.stop().catch(() => undefined);
    throw err;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${env.GATEWAY_PORT}`,
    webhooksUrl: `http://127.0.0.1:${env.WEBHOOKS_PORT}`,
    env,
    service: (name, instance = 1) => launcher.handle(name, instance),
    killService: (name, signal = 'SIGKILL', instance = 1) => launcher.handle(name, instance).kill(signal),
    startService: (name, startOptions = {}) => launcher.start(name, startOptions),
    stop: () => launcher.stop(),
  };
}

type Owned = { schema: TestSchema | null; namespace: string | null };

async function ownedResources(env: Record<string, string>): Promise<Owned> {
  return {
    schema: env.DB_SCHEMA ? null : await createTestSchema('e2e'),
    namespace: env.NATS_NAMESPACE ? null : randomNamespace('e2e'),
  };
}

async function sharedEnv(extra: Record<string, string>, owned: Owned): Promise<Record<string, string>> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return {
    ...inherited,
    DATABASE_URL: testDatabaseUrl(),
    NATS_URL: testNatsUrl(),
    ...(owned.schema ? { DB_SCHEMA: owned.schema.schema } : {}),
    ...(owned.namespace ? { NATS_NAMESPACE: owned.namespace } : {}),
    GATEWAY_PORT: String(await freePort()),
    WEBHOOKS_PORT: String(await freePort()),
    NODE_ENV: 'test',
    LOG_LEVEL: 'info', // the `ready` line services print is an info entry
    ...extra,
  };
}

class Launcher {
  private readonly processes = new Map<string, ServiceProcess>();

  constructor(
    private readonly env: Record<string, string>,
    private readonly settings: { repoRoot: string; readyTimeoutMs: number; logDir: string },
    private readonly owned: Owned,
  ) {}

  async start(name: string, options: StartServiceOptions): Promise<ServiceHandle> {
    const instance = options.instance ?? 1;
    const key = `${name}#${instance}`;
    const existing = this.processes.get(key);
    if (existing && options.env === undefined) {
      await existing.start();
      return this.handle(name, instance);
    }
    if (existing?.running) throw new Error(`${existing.label} is already running; stop it before starting it with a new env`);
    const env = await this.instanceEnv(name, instance, options.env ?? {});
    const port = name === 'gateway' ? env.GATEWAY_PORT : undefined;
    const service = new ServiceProcess({
      name,
      instance,
      env,
      repoRoot: this.settings.repoRoot,
      logFile: join(this.settings.logDir, `${name}-${instance}.log`),
      readyTimeoutMs: this.settings.readyTimeoutMs,
      healthUrl: port ? `http://127.0.0.1:${port}/health` : undefined,
    });
    this.processes.set(key, service);
    await service.start();
    return this.handle(name, instance);
  }

  handle(name: string, instance: number): ServiceHandle {
    const service = this.processes.get(`${name}#${instance}`);
    if (!service) throw new Error(`No service ${name} instance ${instance} was started (known: ${[...this.processes.keys()].join(', ') || 'none'})`);
    return {
      get pid() {
        return service.pid;
      },
      get running() {
        return service.running;
      },
      env: service.options.env as Record<string, string>,
      kill: (signal = 'SIGTERM') => service.kill(signal),
      restart: () => service.restart(),
      logs: () => service.logs(),
    };
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((service) => service.kill('SIGTERM')));
    this.processes.forEach((service) => service.output.close());
    const problems: string[] = [];
    await this.owned.schema?.drop().catch((err: Error) => problems.push(`drop schema: ${err.message}`));
    if (this.owned.namespace) await cleanupNamespace(this.owned.namespace).catch((err: Error) => problems.push(`cleanup namespace: ${err.message}`));
    if (problems.length > 0) throw new Error(`Services stopped, but cleanup failed: ${problems.join('; ')}`);
  }

  /** Later instances of an HTTP service get their own port unless the caller chose one. */
  private async instanceEnv(name: string, instance: number, extra: Record<string, string>): Promise<Record<string, string>> {
    const env = { ...this.env, ...extra };
    if (instance > 1 && name === 'gateway' && !extra.GATEWAY_PORT) env.GATEWAY_PORT = String(await freePort());
    if (instance > 1 && name === 'webhooks' && !extra.WEBHOOKS_PORT) env.WEBHOOKS_PORT = String(await freePort());
    return env;
  }
}
