/** `GET /api/v1/jobs/{job_id}/schedule/preview?count=10` (issue 5). */
export type ScheduleSlot = {
  /** The slot in UTC (RFC 3339, `Z`). */
  at: string;
  /** The same instant in the job's time zone, with its offset: `2025-03-09T03:00:00-04:00`. */
  local: string;
};

export type SchedulePreviewResponse = {
  job_id: string;
  cron_schedule: string;
  cron_timezone: string;
  enabled: boolean;
  /** The projected next run (null while the job is disabled). */
  next_execution_at: string | null;
  concurrency_policy: 'allow' | 'forbid' | 'replace';
  catchup_window_seconds: number;
  /** The next `count` slots after now, whether or not the job is enabled. */
  slots: ScheduleSlot[];
};
