import type { AuditEventItem } from '@cp/sdk';
import { createStyle } from '../output/style';
import { renderTimeline, timelineEntries } from './audit-timeline';

let revision = 0;
function event(type: string, data: Record<string, unknown>, email: string | null = 'alice@example.com'): AuditEventItem {
  const n = revision++;
  return {
    revision: n, position: String(n + 1), event_id: `e-${n}`, type, data, recorded_at: `2025-06-01T09:00:0${n}.000Z`, occurred_at: `2025-06-01T09:00:0${n}.000Z`,
    actor: { id: email ? 'alice' : 'system:scheduler', email }, correlation_id: 'c', causation_id: null, schema_version: 1, stored_schema_version: null,
  };
}

describe('jobs audit timeline', () => {
  beforeEach(() => (revision = 0));

  it('says what each event changed, with the value before an update', () => {
    const entries = timelineEntries([
      event('JobCreated', { definition: { name: 'Nightly', trigger_type: 'cron', cron_schedule: '0 3 * * *', cron_timezone: 'UTC', enabled: true } }),
      event('JobUpdated', { changes: { name: 'Nightly v2', cron_schedule: '30 4 * * *' } }),
      event('JobDisabled', {}),
      event('WebhookSecretRotated', { grace_period_seconds: 3600 }),
      event('JobDeleted', {}, null),
    ]);
    expect(entries.map((e) => e.change)).toEqual([
      'created "Nightly" (cron "0 3 * * *" UTC, enabled)',
      'name: "Nightly" → "Nightly v2", cron_schedule: "0 3 * * *" → "30 4 * * *"',
      'disabled',
      'webhook secret rotated; the old one stays valid 1 h 0 min',
      'deleted',
    ]);
  });

  it('shows an update without the value before when the history starts later', () => {
    expect(timelineEntries([event('JobUpdated', { changes: { description: 'x' } })])[0].change).toBe('description: "x"');
  });

  it('prints time, revision, actor, event and change as a table', () => {
    const text = renderTimeline(timelineEntries([event('JobEnabled', {}), event('JobDeleted', {}, null)]), createStyle(false), 200);
    expect(text.split('\n')).toEqual([
      expect.stringMatching(/^TIME\s+REV\s+ACTOR\s+EVENT\s+CHANGE$/),
      expect.stringMatching(/^2025-06-01 09:00:00 UTC\s+0\s+alice@example.com\s+JobEnabled\s+enabled$/),
      expect.stringMatching(/^2025-06-01 09:00:01 UTC\s+1\s+system:scheduler\s+JobDeleted\s+deleted$/),
      '',
    ]);
  });
});
