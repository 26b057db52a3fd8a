// `npm run rebuild`: rebuilds every read model from the event store and swaps the new tables in while the
// services keep serving (libs/read-model/src/rebuild). Progress on stderr; the summary as JSON on stdout.
import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from '@cp/config';
import { progressSink, rebuildFromSettings } from '@cp/read-model';

async function main(): Promise<void> {
  const config = readConfig();
  const report = await rebuildFromSettings(config, {
    batchSize: positiveInteger('REBUILD_BATCH_SIZE', 20_000),
    maxCachedRows: positiveInteger('REBUILD_CACHED_ROWS', 50_000),
    progress: progressSink(process.stderr),
  });
  process.stdout.write(`${JSON.stringify({ rebuilt: report.tables, events: report.events, position: report.position, seconds: report.seconds, events_per_second: report.eventsPerSecond })}\n`);
}

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`rebuild: ${error.message}\n`);
    process.exit(78);
  }
}

/** REBUILD_BATCH_SIZE: events per read and flush; REBUILD_CACHED_ROWS: rows kept in memory (bounds the RSS). */
function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(`\nrebuild failed: ${error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : String(error)}\n`);
  process.exit(1);
});
