/** Stream names: one place (STYLE.md rule 8). */
export const JOB_STREAM_PREFIX = 'job-';
export const EXECUTION_STREAM_PREFIX = 'execution-';

export const jobStreamId = (jobId: string): string => `${JOB_STREAM_PREFIX}${jobId}`;
export const executionStreamId = (executionId: string): string => `${EXECUTION_STREAM_PREFIX}${executionId}`;

export type StreamCategory = 'job' | 'execution' | 'registry';

export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}
