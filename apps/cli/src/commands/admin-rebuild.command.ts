import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { outputOption, type OutputFormat } from '../output/output-format';
import { parsePositiveCount } from './flag-parsers';

type RebuildOptions = { batchSize: number; output: OutputFormat };

/**
 * `jobs admin rebuild`: the same rebuild as `npm run rebuild`, run from the CLI on a machine that reaches the
 * control plane's database (DATABASE_URL, DB_SCHEMA, EVENT_STORE as for the services). Not an HTTP call: a rebuild
 * needs the database, not a user token.
 */
export function registerAdmin(program: Command, ctx: CliContext): void {
  const admin = program.command('admin').description("Operator commands, run where the control plane's database is reachable (DATABASE_URL, DB_SCHEMA)");
  admin
    .command('rebuild')
    .description('Rebuild every read model from the event store and swap it in while the services keep serving')
    .option('--batch-size <events>', 'events per read and per write transaction', parsePositiveCount, 20_000)
    .addOption(outputOption())
    .addHelpText('after', '\nExamples:\n  $ DATABASE_URL=postgres://... DB_SCHEMA=control_plane jobs admin rebuild\n  $ jobs admin rebuild -o json')
    .action(async (options: RebuildOptions) => {
      // Loaded here so that every other command starts without the database drivers.
      const { loadConfig } = await import('@cp/config');
      const { progressSink, rebuildFromSettings } = await import('@cp/read-model');
      const config = loadConfig(ctx.terminal.env);
      const progress = progressSink({ isTTY: ctx.terminal.stderrIsTTY, columns: ctx.terminal.columns, write: (text: string) => ctx.terminal.err(text) });
      const report = await rebuildFromSettings(config, { batchSize: options.batchSize, progress });
      const summary = { rebuilt: report.tables, events: report.events, position: report.position, seconds: report.seconds, events_per_second: report.eventsPerSecond };
      ctx.print(options.output, summary, () => '');
    });
}
