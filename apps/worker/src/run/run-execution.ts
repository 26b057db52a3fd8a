import type { SecretBox } from '@cp/config';
import type { WorkItem } from '@cp/contracts';
import type { AgentOutcome, LogSink } from '../runtimes/agent-runtime';
import { runAgent } from '../runtimes/run-agent';
import type { RegistryReader } from '../plan/registry-reader';
import { planRun, type RunStep } from '../plan/run-plan';
import { childEnv, secretValues } from './child-env';

export type RunDependencies = { registry: RegistryReader; secretBox: SecretBox; workerEnv: NodeJS.ProcessEnv };

const failure = (error: string): AgentOutcome => ({ ok: false, error });

function noEntityError(item: WorkItem): string {
  return item.planning_mode === 'on_the_fly'
    ? 'No agent to run: on-the-fly planning found no agent in the registry for this prompt'
    : 'No agent to run: the job names no agent, team or workflow';
}

/** Everything that must be known before the first agent starts; a problem here fails the execution with its reason. */
async function prepare(item: WorkItem, deps: RunDependencies): Promise<{ steps: RunStep[]; env: Record<string, string> } | string> {
  if (!item.entity) return noEntityError(item);
  try {
    const steps = planRun(item, await deps.registry.target(item.organization_id, item.entity));
    const env = childEnv(item, secretValues(item.secret_names, deps.workerEnv, deps.secretBox), deps.workerEnv);
    return { steps, env };
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Runs an execution's agents in order (one, a team's members, or a workflow's steps), each seeing the previous
 * output, and stops at the first failure. Never throws: every problem becomes a failed outcome with its reason.
 */
export async function runExecution(item: WorkItem, deps: RunDependencies, signal: AbortSignal, log: LogSink): Promise<AgentOutcome> {
  const prepared = await prepare(item, deps);
  if (typeof prepared === 'string') return failure(prepared);
  let previous: string | null = null;
  for (const step of prepared.steps) {
    if (prepared.steps.length > 1) log('system', `${step.label} (${step.agent.runtime.type})`);
    let prompt: string;
    try {
      prompt = step.prompt(previous);
    } catch (error) {
      return failure(`${step.label}: ${(error as Error).message}`);
    }
    const outcome = await runAgent(step.agent.runtime, { prompt, systemPrompt: item.system_prompt, executionId: item.execution_id, env: prepared.env, signal, log }, deps.secretBox);
    if (!outcome.ok) return prepared.steps.length > 1 ? failure(`${step.label} failed: ${outcome.error}`) : outcome;
    previous = outcome.output;
  }
  return { ok: true, output: previous ?? '' };
}
