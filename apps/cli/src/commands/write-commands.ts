import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { jobDetail } from '../output/job-views';
import { outputOption, type OutputFormat } from '../output/output-format';
import { addJobFlags, checkJobFlags, needsCurrentConfig, toCreateInput, toUpdateInput, type JobFlags } from './job-flags';

type WithOutput = { output: OutputFormat };

const CREATE_EXAMPLES = `
Examples:
  # Scheduled job
  $ jobs create --name "daily-report" --agent <agent-id> --schedule "0 9 * * *" --prompt "Generate daily report"

  # Webhook-triggered job (prints the webhook URL and its one-time secret)
  $ jobs create --name "on-demand" --team <team-id> --webhook "/deploy-trigger" --prompt "Process incoming deployment event"

  # Disabled job (create but do not activate)
  $ jobs create --name "future-job" --agent <agent-id> --schedule "0 0 * * 0" --prompt "Weekly maintenance" --enabled=false

  # Manual job with a timeout and retries, on a specific worker queue
  $ jobs create --name "rollback" --workflow <workflow-id> --prompt "Roll back {{service}}" --queue production --timeout 600 --retries 2`;

export function registerCreate(program: Command, ctx: CliContext): void {
  addJobFlags(program.command('create').description('Create a job: cron (--schedule), webhook (--webhook) or manual (neither)'))
    .addOption(outputOption())
    .addHelpText('after', CREATE_EXAMPLES)
    .action(async (flags: JobFlags & WithOutput) => {
      checkJobFlags(flags, 'create');
      if (typeof flags.webhook === 'string') ctx.note(`note: the server assigns each webhook an unguessable URL; "${flags.webhook}" is not used as its path.`);
      const job = await ctx.client().jobs.create(toCreateInput(flags));
      ctx.print(flags.output, job, (view) => jobDetail(job, view));
    });
}

export function registerUpdate(program: Command, ctx: CliContext): void {
  addJobFlags(program.command('update').argument('<job-id>', 'job id').description('Change a job; only the flags you give change'))
    .addOption(outputOption())
    .addHelpText('after', '\nExamples:\n  $ jobs update <job-id> --schedule "0 12 * * *"\n  $ jobs update <job-id> --prompt "Regenerate analytics dashboard"\n  $ jobs update <job-id> --name "Midday Analytics Job"\n  $ jobs update <job-id> --enabled=false')
    .action(async (jobId: string, flags: JobFlags & WithOutput) => {
      const { output, ...jobFlags } = flags;
      checkJobFlags(jobFlags, 'update');
      const client = ctx.client();
      const current = needsCurrentConfig(jobFlags) ? await client.jobs.get(jobId) : null;
      const job = await client.jobs.update(jobId, toUpdateInput(jobFlags, current));
      ctx.print(output, job, (view) => jobDetail(job, view));
    });
}

export function registerToggle(program: Command, ctx: CliContext, verb: 'enable' | 'disable'): void {
  const description = verb === 'enable' ? 'Resume a job (cron jobs get their next run back)' : 'Pause a job without deleting it';
  program
    .command(verb)
    .argument('<job-id>', 'job id')
    .description(description)
    .addOption(outputOption())
    .addHelpText('after', `\nExample:\n  $ jobs ${verb} <job-id>`)
    .action(async (jobId: string, options: WithOutput) => {
      const client = ctx.client();
      const job = verb === 'enable' ? await client.jobs.enable(jobId) : await client.jobs.disable(jobId);
      ctx.print(options.output, job, (view) => jobDetail(job, view));
    });
}
