import type { JobResponse } from '@cp/sdk';
import { renderDetail } from './detail';
import type { Style } from './style';
import { renderTable, type Column } from './table';
import { formatWhen, formatWhenShort } from './time-format';

export type ViewContext = { style: Style; now: Date; columns: number };

export function jobsTable(jobs: JobResponse[], view: ViewContext): string {
  if (jobs.length === 0) return 'No jobs found.\n';
  const { style, now } = view;
  const columns: Column<JobResponse>[] = [
    { header: 'ID', value: (job) => job.id, minWidth: 40, priority: 10 },
    { header: 'NAME', value: (job) => job.name, minWidth: 10, priority: 9 },
    { header: 'TRIGGER', value: (job) => job.trigger_type, priority: 5 },
    { header: 'SCHEDULE', value: (job) => schedule(job), minWidth: 9, priority: 7 },
    { header: 'STATUS', value: (job) => (job.enabled ? 'enabled' : 'disabled'), color: (text, job) => (job.enabled ? style.green(text) : style.yellow(text)), minWidth: 8, priority: 8 },
    { header: 'NEXT RUN', value: (job) => formatWhenShort(job.next_execution_at, now), minWidth: 12, priority: 6 },
    { header: 'LAST RUN', value: (job) => formatWhenShort(job.last_execution_at, now), priority: 3 },
    { header: 'RUNS', value: (job) => `${job.total_executions}`, priority: 2 },
  ];
  return renderTable(columns, jobs, view.columns, style.bold);
}

export function jobDetail(job: JobResponse, view: ViewContext): string {
  const { style, now } = view;
  return renderDetail(
    [
      ['ID', job.id],
      ['Name', job.name],
      job.description ? ['Description', job.description] : null,
      ['Status', job.enabled ? style.green('enabled') : style.yellow(job.status === 'disabled' ? 'disabled' : `disabled (${job.status})`)],
      ['Trigger', job.trigger_type],
      job.cron_schedule ? ['Schedule', `${job.cron_schedule} (${job.cron_timezone ?? 'UTC'})`] : null,
      job.trigger_type === 'cron' ? ['Next run', formatWhen(job.next_execution_at, now)] : null,
      job.webhook_url ? ['Webhook URL', job.webhook_url] : null,
      job.webhook_secret ? ['Webhook secret', `${job.webhook_secret}  ${style.yellow('(shown once: store it now)')}`] : null,
      ['Runs', runner(job)],
      ['Executor', executor(job)],
      ['Prompt', job.prompt_template],
      job.system_prompt ? ['System prompt', job.system_prompt] : null,
      Object.keys(job.config ?? {}).length > 0 ? ['Config', JSON.stringify(job.config)] : null,
      ['Executions', `${job.total_executions} total, ${job.successful_executions} succeeded, ${job.failed_executions} failed`],
      job.last_execution_id ? ['Last execution', `${job.last_execution_id} at ${formatWhen(job.last_execution_at, now)}`] : null,
      ['Created', `${formatWhen(job.created_at, now)}${job.created_by_email || job.created_by ? ` by ${job.created_by_email ?? job.created_by}` : ''}`],
      ['Updated', `${formatWhen(job.updated_at, now)}${job.updated_by_email || job.updated_by ? ` by ${job.updated_by_email ?? job.updated_by}` : ''}`],
    ],
    style.bold,
  );
}

function schedule(job: JobResponse): string {
  if (job.trigger_type === 'cron') return `${job.cron_schedule ?? ''}${job.cron_timezone && job.cron_timezone !== 'UTC' ? ` ${job.cron_timezone}` : ''}`;
  return job.trigger_type === 'webhook' ? 'on webhook' : 'on demand';
}

function runner(job: JobResponse): string {
  if (job.planning_mode === 'on_the_fly') return 'on the fly (agent chosen per run)';
  const name = job.entity_name ? ` ${job.entity_name}` : '';
  return `${job.entity_type ?? 'entity'}${name} (${job.entity_id ?? 'none'})`;
}

function executor(job: JobResponse): string {
  if (job.executor_type === 'specific_queue') return `queue ${job.worker_queue_name}`;
  if (job.executor_type === 'environment') return `environment ${job.environment_name}`;
  return 'auto';
}
