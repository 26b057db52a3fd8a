import { Option, type Command } from 'commander';
import type { TriggerType } from '@cp/sdk';
import type { CliContext } from '../cli-context';
import { executionsTable } from '../output/execution-views';
import { jobDetail, jobsTable } from '../output/job-views';
import { outputOption, type OutputFormat } from '../output/output-format';
import { parseBoolean, parseCount, parsePositiveCount } from './flag-parsers';

type ListOptions = { enabled?: boolean; triggerType?: TriggerType; output: OutputFormat };
type PageOptions = { limit: number; offset: number; output: OutputFormat };

export function registerList(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .alias('ls')
    .description('List the jobs of your organization, newest first')
    .addOption(new Option('--enabled <bool>', 'only enabled (true) or disabled (false) jobs').argParser(parseBoolean))
    .addOption(new Option('--trigger-type <type>', 'only jobs with this trigger').choices(['cron', 'webhook', 'manual']))
    .addOption(outputOption())
    .addHelpText('after', '\nExamples:\n  $ jobs list\n  $ jobs list --trigger-type cron --enabled true\n  $ jobs list -o json | jq -r \'.[].id\'')
    .action(async (options: ListOptions) => {
      const jobs = await ctx.client().jobs.list({ enabled: options.enabled, triggerType: options.triggerType });
      ctx.print(options.output, jobs, (view) => jobsTable(jobs, view));
    });
}

export function registerGet(program: Command, ctx: CliContext): void {
  program
    .command('get')
    .alias('show')
    .argument('<job-id>', 'job id (job_<uuid>)')
    .description('Show a job: trigger, schedule and next run, who runs it, counters')
    .addOption(outputOption())
    .addHelpText('after', '\nExamples:\n  $ jobs get job_550e8400-e29b-41d4-a716-446655440000\n  $ jobs get <job-id> -o json')
    .action(async (jobId: string, options: { output: OutputFormat }) => {
      const job = await ctx.client().jobs.get(jobId);
      ctx.print(options.output, job, (view) => jobDetail(job, view));
    });
}

export function registerExecutions(program: Command, ctx: CliContext): void {
  program
    .command('executions')
    .alias('runs')
    .argument('<job-id>', 'job id')
    .description("Show a job's execution history, newest first")
    .option('--limit <n>', 'how many executions', parsePositiveCount, 50)
    .option('--offset <n>', 'how many to skip', parseCount, 0)
    .addOption(outputOption())
    .addHelpText('after', '\nExamples:\n  $ jobs executions <job-id>\n  $ jobs executions <job-id> --limit 5 -o json')
    .action(async (jobId: string, options: PageOptions) => {
      const history = await ctx.client().jobs.getExecutions(jobId, { limit: options.limit, offset: options.offset });
      ctx.print(options.output, history, (view) => executionsTable(history, view, options.offset));
    });
}
