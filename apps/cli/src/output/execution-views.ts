import type { ExecutionLogLine, ExecutionResponse, JobExecutionsResponse, JobTriggerResponse } from '@cp/sdk';
import { renderDetail } from './detail';
import type { ViewContext } from './job-views';
import type { Style } from './style';
import { renderTable, type Column } from './table';
import { formatDuration, formatWhen, formatWhenShort } from './time-format';

type Item = JobExecutionsResponse['executions'][number];

/** Colours `text` (the status itself unless given) by what the status means. */
export function statusColor(style: Style, status: string, text: string = status): string {
  if (status === 'completed' || status === 'succeeded') return style.green(text);
  if (status === 'failed' || status === 'timed_out' || status === 'cancelled') return style.red(text);
  if (status === 'running' || status === 'retrying' || status === 'started') return style.cyan(text);
  return style.yellow(text);
}

export function executionsTable(history: JobExecutionsResponse, view: ViewContext, offset: number): string {
  const { style, now } = view;
  const total = history.total_count ?? history.total ?? history.executions.length;
  if (history.executions.length === 0) return `No executions (total ${total}).\n`;
  const columns: Column<Item>[] = [
    { header: 'EXECUTION ID', value: (e) => e.execution_id, minWidth: 36, priority: 10 },
    { header: 'STATUS', value: (e) => e.status, color: (text, e) => statusColor(style, e.status, text), priority: 9 },
    { header: 'TRIGGER', value: (e) => e.trigger_type, priority: 6 },
    { header: 'STARTED', value: (e) => formatWhenShort(e.started_at ?? e.created_at, now), priority: 8 },
    { header: 'DURATION', value: (e) => formatDuration(e.duration_ms), priority: 7 },
    { header: 'ERROR', value: (e) => e.error_message ?? '', minWidth: 10, priority: 5 },
  ];
  const first = offset + 1;
  const last = offset + history.executions.length;
  return `${renderTable(columns, history.executions, view.columns, style.bold)}${style.dim(`Showing ${first}-${last} of ${total} executions`)}\n`;
}

export function executionDetail(execution: ExecutionResponse, view: ViewContext): string {
  const { style, now } = view;
  return renderDetail(
    [
      ['Execution', execution.id ?? execution.execution_id],
      ['Job', execution.job_id],
      ['Status', statusColor(style, execution.status)],
      ['Trigger', execution.trigger_type],
      ['Started', formatWhen(execution.started_at, now)],
      ['Completed', formatWhen(execution.completed_at, now)],
      ['Duration', formatDuration(execution.duration_ms)],
      execution.error_message ? ['Error', style.red(execution.error_message)] : null,
    ],
    style.bold,
  );
}

export function triggerResult(result: JobTriggerResponse, style: Style): string {
  return renderDetail(
    [
      ['Execution', result.execution_id],
      ['Workflow', result.workflow_id],
      ['Status', statusColor(style, result.status)],
      ['Message', result.message],
    ],
    style.bold,
  );
}

/** `09:00:01  line` (stderr lines marked), the way `jobs logs` prints stored and live lines alike. */
export function logLine(line: Pick<ExecutionLogLine, 'line'> & Partial<ExecutionLogLine>, style: Style): string {
  const time = line.at ? style.dim(new Date(line.at).toISOString().slice(11, 19)) : '';
  const text = line.stream === 'stderr' ? style.red(line.line) : line.stream === 'system' ? style.dim(line.line) : line.line;
  return `${time ? `${time}  ` : ''}${text}\n`;
}
