/**
 * Every setting of every service, read and validated once at start-up (STYLE.md rule 10).
 * A bad or missing setting stops the process with one clear line per problem.
 */
export type EventStoreKind = 'postgres' | 'eventstoredb';

export type AppConfig = {
  env: 'development' | 'production' | 'test';
  databaseUrl: string;
  /** PostgreSQL schema holding the event store tables and the read models. */
  dbSchema: string;
  natsUrl: string;
  /** Prefix of every NATS subject and JetStream stream name. */
  natsNamespace: string;
  eventStore: EventStoreKind;
  eventStoreDbUrl: string | null;
  jwtSecret: string;
  /** 32-byte key (base64) for AES-256-GCM encryption of secrets at rest. */
  secretsKey: Buffer;
  gatewayPort: number;
  webhooksPort: number;
  publicBaseUrl: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** How long the gateway waits for the projector to catch up after a command (read-your-writes). */
  readYourWritesTimeoutMs: number;
};

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me';
const DEV_SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const mode = (env.NODE_ENV ?? 'development') as AppConfig['env'];
  if (!['development', 'production', 'test'].includes(mode)) problems.push(`NODE_ENV must be development, production or test (got "${mode}")`);
  const production = mode === 'production';

  const required = (name: string, devDefault: string): string => {
    const value = env[name];
    if (value) return value;
    if (production) problems.push(`${name} is required when NODE_ENV=production`);
    return devDefault;
  };
  const port = (name: string, def: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) problems.push(`${name} must be a TCP port number (got "${raw}")`);
    return n;
  };

  const dbSchema = env.DB_SCHEMA ?? 'control_plane';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(dbSchema)) problems.push(`DB_SCHEMA must be a lower-case SQL identifier (got "${dbSchema}")`);

  const natsNamespace = env.NATS_NAMESPACE ?? 'cp';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(natsNamespace)) problems.push(`NATS_NAMESPACE may only hold letters, digits, _ and - (got "${natsNamespace}")`);

  const eventStore = (env.EVENT_STORE ?? 'postgres') as EventStoreKind;
  if (!['postgres', 'eventstoredb'].includes(eventStore)) problems.push(`EVENT_STORE must be postgres or eventstoredb (got "${eventStore}")`);
  const eventStoreDbUrl = env.EVENTSTOREDB_URL || null;
  if (eventStore === 'eventstoredb' && !eventStoreDbUrl) problems.push('EVENTSTOREDB_URL is required when EVENT_STORE=eventstoredb');

  const secretsKey = Buffer.from(required('SECRETS_KEY', DEV_SECRETS_KEY), 'base64');
  if (secretsKey.length !== 32) problems.push('SECRETS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');

  const jwtSecret = required('JWT_SECRET', DEV_JWT_SECRET);
  if (production && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters in production');

  const logLevel = (env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push(`LOG_LEVEL must be debug, info, warn or error (got "${logLevel}")`);

  const publicBaseUrl = env.PUBLIC_BASE_URL ? env.PUBLIC_BASE_URL.replace(/\/+$/, '') : null;
  if (publicBaseUrl && !/^https?:\/\//.test(publicBaseUrl)) problems.push(`PUBLIC_BASE_URL must start with http:// or https:// (got "${publicBaseUrl}")`);

  const rywRaw = env.READ_YOUR_WRITES_TIMEOUT_MS ?? '5000';
  const readYourWritesTimeoutMs = Number(rywRaw);
  if (!Number.isFinite(readYourWritesTimeoutMs) || readYourWritesTimeoutMs < 0) problems.push(`READ_YOUR_WRITES_TIMEOUT_MS must be a number of milliseconds (got "${rywRaw}")`);

  const config: AppConfig = {
    env: mode,
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    dbSchema,
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    natsNamespace,
    eventStore,
    eventStoreDbUrl,
    jwtSecret,
    secretsKey,
    gatewayPort: port('GATEWAY_PORT', 8000),
    webhooksPort: port('WEBHOOKS_PORT', 8001),
    publicBaseUrl,
    logLevel,
    readYourWritesTimeoutMs,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export const DEVELOPMENT_DEFAULTS = { jwtSecret: DEV_JWT_SECRET, secretsKey: DEV_SECRETS_KEY } as const;
