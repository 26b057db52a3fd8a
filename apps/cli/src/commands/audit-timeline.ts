import type { AuditEventItem } from '@cp/sdk';
import type { Style } from '../output/style';
import { renderTable, type Column } from '../output/table';
import { formatDuration, formatInstant } from '../output/time-format';

/** One line of `jobs audit`: when, who, what happened and what changed. */
export type TimelineEntry = { event: AuditEventItem; change: string };

/**
 * Describes each event, folding the job's definition along the way so an update can show "old → new".
 * Pass the fold of earlier pages in `known` when continuing (follow mode); it is updated in place.
 */
export function timelineEntries(events: AuditEventItem[], known: Record<string, unknown> = {}): TimelineEntry[] {
  return events.map((event) => ({ event, change: describe(event, known) }));
}

export function renderTimeline(entries: TimelineEntry[], style: Style, columns: number): string {
  const table: Column<TimelineEntry>[] = [
    { header: 'TIME', value: (e) => formatInstant(e.event.recorded_at), minWidth: 23, priority: 3 },
    { header: 'REV', value: (e) => String(e.event.revision), minWidth: 3, priority: 2 },
    { header: 'ACTOR', value: (e) => e.event.actor.email ?? e.event.actor.id, minWidth: 8, priority: 1 },
    { header: 'EVENT', value: (e) => e.event.type, color: (text) => style.cyan(text), minWidth: 12, priority: 3 },
    { header: 'CHANGE', value: (e) => e.change, minWidth: 20, priority: 3 },
  ];
  return renderTable(table, entries, columns, style.bold);
}

function describe(event: AuditEventItem, known: Record<string, unknown>): string {
  const data = event.data;
  switch (event.type) {
    case 'JobCreated': {
      const definition = (data.definition ?? {}) as Record<string, unknown>;
      Object.assign(known, definition);
      const schedule = definition.trigger_type === 'cron' ? ` "${String(definition.cron_schedule)}" ${String(definition.cron_timezone ?? 'UTC')}` : '';
      return `created "${String(definition.name)}" (${String(definition.trigger_type)}${schedule}, ${definition.enabled === false ? 'disabled' : 'enabled'})`;
    }
    case 'JobUpdated':
      return changes((data.changes ?? {}) as Record<string, unknown>, known) + (data.webhook === null ? ', webhook removed' : data.webhook ? ', new webhook' : '');
    case 'JobEnabled':
      known.enabled = true;
      return 'enabled';
    case 'JobDisabled':
      known.enabled = false;
      return 'disabled';
    case 'JobDeleted':
      return 'deleted';
    case 'WebhookSecretRotated':
      return `webhook secret rotated; the old one stays valid ${formatDuration(Number(data.grace_period_seconds ?? 0) * 1000)}`;
    case 'ScheduledRunSkipped':
      return `skipped ${String(data.slot_count)} cron slot(s) from ${formatInstant(String(data.scheduled_for))} (${String(data.reason)})`;
    default:
      return compact(data);
  }
}

function changes(changed: Record<string, unknown>, known: Record<string, unknown>): string {
  const parts = Object.entries(changed).map(([field, value]) => {
    const before = field in known ? `${short(known[field])} → ` : '';
    known[field] = value;
    return `${field}: ${before}${short(value)}`;
  });
  return parts.length > 0 ? parts.join(', ') : 'no field changed';
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? 'null';
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function compact(data: Record<string, unknown>): string {
  const text = JSON.stringify(data);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
