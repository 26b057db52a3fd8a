import { Option, type Command } from 'commander';
import type { JobCreateInput, JobResponse, JobUpdateInput } from '@cp/sdk';
import { UsageError } from '../cli-errors';
import { parseBoolean, parseCount } from './flag-parsers';

/** The flags of `jobs create` and `jobs update` (seed 004 plus issue 7). */
export type JobFlags = {
  name?: string;
  prompt?: string;
  description?: string;
  enabled?: boolean;
  agent?: string;
  team?: string;
  workflow?: string;
  onTheFly?: boolean;
  schedule?: string;
  timezone?: string;
  webhook?: string | true;
  queue?: string;
  environment?: string;
  timeout?: number;
  retries?: number;
};

export function addJobFlags(command: Command): Command {
  return command
    .option('--name <name>', 'job name')
    .option('--prompt <text>', 'what to do, in natural language; {{variables}} are filled from --param at trigger time')
    .option('--description <text>', 'optional description')
    .addOption(new Option('--enabled [bool]', 'enable the job (default true); --enabled=false keeps it paused').argParser(parseBoolean))
    .option('--agent <id>', 'run with this agent (mutually exclusive with --team, --workflow, --on-the-fly)')
    .option('--team <id>', 'run with this team (mutually exclusive with --agent)')
    .option('--workflow <id>', 'run this workflow')
    .option('--on-the-fly', 'let the control plane pick an agent for each run')
    .option('--schedule <cron>', 'cron schedule, e.g. "0 9 * * *" (makes it a cron job)')
    .option('--timezone <tz>', 'IANA time zone of the schedule, e.g. "America/New_York" (default UTC)')
    .option('--webhook [path]', 'trigger by webhook (the server assigns the URL and a one-time secret)')
    .option('--queue <name>', 'run on this worker queue (mutually exclusive with --environment)')
    .option('--environment <name>', 'run in this environment')
    .option('--timeout <seconds>', 'stop a run after this many seconds (config.timeout)', parseCount)
    .option('--retries <n>', 'retry a failed run up to n times (config.retry.max_attempts = n + 1)', parseCount);
}

const RUNNER_FLAGS = [['agent', '--agent'], ['team', '--team'], ['workflow', '--workflow'], ['onTheFly', '--on-the-fly']] as const;

/** Wrong combinations are reported before any request is sent. */
export function checkJobFlags(flags: JobFlags, mode: 'create' | 'update'): void {
  exclusive(flags, RUNNER_FLAGS);
  exclusive(flags, [['schedule', '--schedule'], ['webhook', '--webhook']]);
  exclusive(flags, [['queue', '--queue'], ['environment', '--environment']]);
  if (mode === 'update') {
    if (!Object.values(flags).some((value) => value !== undefined)) throw new UsageError('nothing to update: give at least one flag, e.g. --schedule "0 12 * * *"');
    return;
  }
  const missing = [flags.name === undefined && '--name', flags.prompt === undefined && '--prompt'].filter(Boolean);
  if (missing.length > 0) throw new UsageError(`missing required ${missing.join(' and ')}`);
  if (!RUNNER_FLAGS.some(([key]) => flags[key] !== undefined)) throw new UsageError('say who runs the job: one of --agent <id>, --team <id>, --workflow <id> or --on-the-fly');
  if (flags.timezone !== undefined && flags.schedule === undefined) throw new UsageError('--timezone only applies to a --schedule');
}

function exclusive(flags: JobFlags, group: readonly (readonly [keyof JobFlags, string])[]): void {
  const given = group.filter(([key]) => flags[key] !== undefined).map(([, flag]) => flag);
  if (given.length > 1) throw new UsageError(`${given.join(' and ')} cannot be used together: ${group.map(([, flag]) => flag).join(', ')} are mutually exclusive`);
}

export function toCreateInput(flags: JobFlags): JobCreateInput {
  const input: JobCreateInput = { name: flags.name ?? '', prompt_template: flags.prompt ?? '', trigger_type: triggerType(flags) ?? 'manual', ...commonFields(flags) };
  const config = executionConfig({}, flags);
  if (config) input.config = config;
  return input;
}

/** Only what the flags name; `config` is merged into the job's current config so other keys survive. */
export function toUpdateInput(flags: JobFlags, current: JobResponse | null): JobUpdateInput {
  const patch: JobUpdateInput = { ...commonFields(flags) };
  if (flags.name !== undefined) patch.name = flags.name;
  if (flags.prompt !== undefined) patch.prompt_template = flags.prompt;
  const trigger = triggerType(flags);
  if (trigger) patch.trigger_type = trigger;
  const config = executionConfig(current?.config ?? {}, flags);
  if (config) patch.config = config;
  return patch;
}

export const needsCurrentConfig = (flags: JobFlags): boolean => flags.timeout !== undefined || flags.retries !== undefined;

function triggerType(flags: JobFlags): JobCreateInput['trigger_type'] | undefined {
  if (flags.schedule !== undefined) return 'cron';
  if (flags.webhook !== undefined) return 'webhook';
  return undefined;
}

function commonFields(flags: JobFlags): JobUpdateInput {
  const fields: JobUpdateInput = {};
  if (flags.description !== undefined) fields.description = flags.description;
  if (flags.enabled !== undefined) fields.enabled = flags.enabled;
  if (flags.schedule !== undefined) fields.cron_schedule = flags.schedule;
  if (flags.timezone !== undefined) fields.cron_timezone = flags.timezone;
  Object.assign(fields, runnerFields(flags), executorFields(flags));
  return fields;
}

function runnerFields(flags: JobFlags): JobUpdateInput {
  if (flags.agent !== undefined) return { planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: flags.agent };
  if (flags.team !== undefined) return { planning_mode: 'predefined_team', entity_type: 'team', entity_id: flags.team };
  if (flags.workflow !== undefined) return { planning_mode: 'predefined_workflow', entity_type: 'workflow', entity_id: flags.workflow };
  if (flags.onTheFly) return { planning_mode: 'on_the_fly', entity_type: null, entity_id: null };
  return {};
}

function executorFields(flags: JobFlags): JobUpdateInput {
  if (flags.queue !== undefined) return { executor_type: 'specific_queue', worker_queue_name: flags.queue };
  if (flags.environment !== undefined) return { executor_type: 'environment', environment_name: flags.environment };
  return {};
}

function executionConfig(current: Record<string, unknown>, flags: JobFlags): Record<string, unknown> | undefined {
  if (!needsCurrentConfig(flags)) return undefined;
  const config: Record<string, unknown> = { ...current };
  if (flags.timeout !== undefined) config.timeout = flags.timeout;
  if (flags.retries !== undefined) {
    const retry = current.retry && typeof current.retry === 'object' ? (current.retry as Record<string, unknown>) : {};
    config.retry = { ...retry, max_attempts: flags.retries + 1 };
  }
  return config;
}
