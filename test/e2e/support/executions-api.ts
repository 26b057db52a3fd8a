import { waitFor } from '@cp/testing';
import type { ApiClient } from './api-client';

export type Execution = Record<string, unknown> & { id: string; execution_id: string; status: string; attempt: number; queue: string | null };
export type Job = Record<string, unknown> & { id: string };
export type TriggerResponse = { job_id: string; execution_id: string; workflow_id: string; status: string; message: string };

export const commandAgent = (overrides: Record<string, unknown> = {}) => ({
  name: 'Echo bot', description: 'Repeats the prompt', capabilities: ['echo'], runtime: { type: 'command', command: 'cat', args: [] }, ...overrides,
});

/** Helpers over the REST API for the executions tests (what a user would do with curl). */
export function executionsApi(api: ApiClient) {
  const createAgent = async (overrides: Record<string, unknown> = {}): Promise<Job> => {
    const res = await api.post<Job>('/api/v1/agents', commandAgent(overrides));
    if (res.status !== 201) throw new Error(`create agent: ${res.status} ${res.text}`);
    return res.body;
  };
  const createJob = async (agentId: string, overrides: Record<string, unknown> = {}): Promise<Job> => {
    const res = await api.post<Job>('/api/v1/jobs', {
      name: 'Backup', trigger_type: 'manual', planning_mode: 'predefined_agent', entity_id: agentId, prompt_template: 'Back up {{db}}', ...overrides,
    });
    if (res.status !== 201) throw new Error(`create job: ${res.status} ${res.text}`);
    return res.body;
  };
  const trigger = async (jobId: string, body: unknown = { parameters: { db: 'orders' } }): Promise<TriggerResponse> => {
    const res = await api.post<TriggerResponse>(`/api/v1/jobs/${jobId}/trigger`, body);
    if (res.status !== 200) throw new Error(`trigger: ${res.status} ${res.text}`);
    return res.body;
  };
  const execution = async (executionId: string): Promise<Execution> => (await api.get<Execution>(`/api/v1/executions/${executionId}`)).body;
  const waitForStatus = (executionId: string, statuses: string[], timeoutMs = 30_000): Promise<Execution> =>
    waitFor(async () => {
      const current = await execution(executionId);
      return statuses.includes(current.status) ? current : null;
    }, { timeoutMs, intervalMs: 100, description: `execution ${executionId} to be ${statuses.join('|')}` });
  const job = async (jobId: string): Promise<Job> => (await api.get<Job>(`/api/v1/jobs/${jobId}`)).body;
  return { createAgent, createJob, trigger, execution, waitForStatus, job };
}
