import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-errors';
import { followExecution } from '../follow/follow-execution';
import { logLine, triggerResult } from '../output/execution-views';
import { outputOption, type OutputFormat } from '../output/output-format';
import { collectParam, parseCount } from './flag-parsers';

type TriggerOptions = { param?: Record<string, string>; configOverride?: Record<string, unknown>; follow?: boolean; output: OutputFormat };
type LogsOptions = { follow?: boolean; after?: number; output: OutputFormat };

export function registerTrigger(program: Command, ctx: CliContext): void {
  program
    .command('trigger')
    .alias('run')
    .argument('<job-id>', 'job id')
    .description('Run a job now, whatever its schedule; --follow streams its logs until it ends')
    .option('-p, --param <key=value>', 'a {{variable}} of the prompt template (repeatable)', collectParam)
    .option('--config-override <json>', 'config for this run only, e.g. \'{"timeout": 7200}\'', parseJsonObject)
    .option('-f, --follow', 'stream the logs live with a status line until the execution ends')
    .addOption(outputOption())
    .addHelpText('after', '\nExamples:\n  $ jobs trigger <job-id>\n  $ jobs trigger <job-id> --param branch_name=main --param environment=production --follow')
    .action(async (jobId: string, options: TriggerOptions) => {
      checkFollowFormat(options);
      const client = ctx.client();
      const result = await client.jobs.trigger(jobId, { parameters: options.param ?? {}, configOverride: options.configOverride });
      if (options.follow && options.output === 'json') ctx.terminal.out(`${JSON.stringify(result)}\n`);
      else ctx.print(options.output, result, (view) => triggerResult(result, view.style));
      if (!options.follow) {
        if (options.output === 'table') ctx.note(`Follow it with: jobs logs ${result.execution_id} --follow`);
        return;
      }
      await followExecution(ctx, client, result.execution_id, options.output === 'json' ? 'json' : 'table');
    });
}

export function registerLogs(program: Command, ctx: CliContext): void {
  program
    .command('logs')
    .argument('<execution-id>', 'execution id (from jobs trigger or jobs executions)')
    .description("Print an execution's log lines; --follow streams them live until it ends")
    .option('-f, --follow', 'stream live with a status line until the execution ends')
    .option('--after <seq>', 'only lines after this sequence number', parseCount)
    .addOption(outputOption())
    .addHelpText('after', '\nExamples:\n  $ jobs logs <execution-id>\n  $ jobs logs <execution-id> --follow\n  $ jobs logs <execution-id> -o json | jq -r \'.lines[].line\'')
    .action(async (executionId: string, options: LogsOptions) => {
      checkFollowFormat(options);
      const client = ctx.client();
      if (options.follow) {
        await followExecution(ctx, client, executionId, options.output === 'json' ? 'json' : 'table');
        return;
      }
      const logs = await client.executions.allLogs(executionId, { after: options.after });
      ctx.print(options.output, logs, (view) => logs.lines.map((line) => logLine(line, view.style)).join(''));
      if (options.output === 'table' && logs.lines.length === 0) ctx.note(`No log lines yet (execution is ${logs.status}).`);
    });
}

function checkFollowFormat(options: { follow?: boolean; output: OutputFormat }): void {
  if (options.follow && options.output === 'yaml') throw new UsageError('--follow prints a table or one JSON object per line: use -o table or -o json');
}

function parseJsonObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new InvalidArgumentError(`not valid JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidArgumentError('expected a JSON object');
  return parsed as Record<string, unknown>;
}
