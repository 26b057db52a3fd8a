import type { Command } from 'commander';
import type { AuditEventItem, ControlPlaneClient } from '@cp/sdk';
import type { CliContext } from '../cli-context';
import { CommandFailed, UsageError } from '../cli-errors';
import { outputOption, type OutputFormat } from '../output/output-format';
import { parsePositiveCount } from './flag-parsers';
import { renderTimeline, timelineEntries } from './audit-timeline';

type AuditOptions = { asOf?: string; follow?: boolean; interval: number; output: OutputFormat };

const EXAMPLES = `
Examples:
  $ jobs audit <job-id>
  $ jobs audit <job-id> --as-of 2025-06-01T09:00:00Z
  $ jobs audit <job-id> --follow
  $ jobs audit <job-id> -o json | jq '.events[] | {revision, type, actor: .actor.email}'
  $ jobs audit verify <job-id>`;

/** `jobs audit <job-id>` (timeline), `jobs audit verify <job-id>` (hash chain). Issue 8 §4, §8. */
export function registerAudit(program: Command, ctx: CliContext): void {
  const audit = program
    .command('audit')
    .argument('[job-id]', 'job id (deleted jobs too)')
    .description("A job's history: every recorded event with its time, actor and what changed")
    .option('--as-of <time>', 'only what was recorded up to this ISO 8601 time, e.g. 2025-06-01T09:00:00Z')
    .option('-f, --follow', 'keep printing events as they are recorded (Ctrl-C to stop); ends when the job is deleted')
    .option('--interval <seconds>', 'how often --follow asks for new events', parsePositiveCount, 1)
    .addOption(outputOption())
    .addHelpText('after', EXAMPLES)
    .action(async (jobId: string | undefined, options: AuditOptions) => {
      if (!jobId) throw new UsageError("jobs audit needs a job id: jobs audit <job-id> (or jobs audit verify <job-id>)");
      if (options.follow && options.asOf) throw new UsageError('--follow shows what happens from now on; it cannot be combined with --as-of');
      if (options.follow && options.output === 'yaml') throw new UsageError('--follow prints a table or one JSON object per line: use -o table or -o json');
      const client = ctx.client();
      const history = await client.audit.allEvents(jobId, { asOf: options.asOf });
      const known: Record<string, unknown> = {};
      if (options.follow) return follow(ctx, client, jobId, history.events, known, options);
      ctx.print(options.output, history, (view) => renderTimeline(timelineEntries(history.events, known), view.style, view.columns));
      if (options.output === 'table' && history.events.length === 0) ctx.note('No events recorded by then.');
    });
  audit
    .command('verify')
    .argument('<job-id>', 'job id')
    .description("Recompute the job's hash chain and report whether any stored event was changed or removed (PostgreSQL event store); -o json|yaml as for jobs audit")
    .action(async (jobId: string, _options: unknown, command: Command) => {
      // -o belongs to `jobs audit`, which parses it wherever it appears on the line.
      const { output } = command.optsWithGlobals() as { output: OutputFormat };
      const report = await ctx.client().audit.verify(jobId);
      ctx.print(output, report, (view) =>
        report.intact
          ? `${view.style.green('✓')} chain intact: ${report.checked_events} events of ${report.stream_id} checked\n`
          : `${view.style.red('✗')} chain broken at revision ${report.first_broken_revision}: ${report.reason}\n`,
      );
      if (!report.intact) throw new CommandFailed(`the event stream of ${jobId} was tampered with (revision ${report.first_broken_revision})`);
    });
}

/** Prints what is there, then polls for events after the last revision until the job is deleted. */
async function follow(ctx: CliContext, client: ControlPlaneClient, jobId: string, first: AuditEventItem[], known: Record<string, unknown>, options: AuditOptions): Promise<void> {
  let next = 0;
  let headerShown = false;
  const show = (events: AuditEventItem[]): boolean => {
    if (events.length === 0) return false;
    next = events[events.length - 1].revision + 1;
    if (options.output === 'json') events.forEach((event) => ctx.terminal.out(`${JSON.stringify(event)}\n`));
    else {
      const rendered = renderTimeline(timelineEntries(events, known), ctx.outStyle, ctx.terminal.columns);
      ctx.terminal.out(headerShown ? rendered.slice(rendered.indexOf('\n') + 1) : rendered);
      headerShown = true;
    }
    return events.some((event) => event.type === 'JobDeleted');
  };
  if (show(first)) return;
  if (options.output === 'table') ctx.note(`Following ${jobId}; Ctrl-C to stop.`);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, options.interval * 1000));
    const page = await client.audit.events(jobId, { fromRevision: next, limit: 1000 });
    if (show(page.events)) return;
  }
}
