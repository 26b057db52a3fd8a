import type { AgentRuntime, WorkItem, WorkflowStep } from '@cp/contracts';
import { missingTemplateVariables, renderPromptTemplate } from '@cp/domain';

export type AgentSpec = { id: string; name: string; runtime: AgentRuntime };

/** What an execution's entity turned out to be in the registry, with every agent it needs. */
export type RunTarget =
  | { kind: 'agent'; agent: AgentSpec }
  | { kind: 'team'; name: string; members: AgentSpec[] }
  | { kind: 'workflow'; name: string; steps: { agent: AgentSpec; prompt_template: string }[] };

/** One agent run of an execution; `prompt` gets the output of the step before (null for the first). */
export type RunStep = { label: string; agent: AgentSpec; prompt: (previousOutput: string | null) => string };

const teamPrompt = (prompt: string, previous: string | null): string =>
  previous === null ? prompt : `${prompt}\n\nOutput of the previous team member:\n${previous}`;

/** Workflow templates may use the job parameters, `{{prompt}}` (the job's rendered prompt) and `{{previous_output}}`. */
function workflowVariables(item: WorkItem, previous: string | null): Record<string, unknown> {
  return { ...item.parameters, prompt: item.prompt, previous_output: previous ?? '' };
}

function workflowTemplateProblems(item: WorkItem, steps: Pick<WorkflowStep, 'prompt_template'>[]): string[] {
  return steps.flatMap((step, index) => {
    const missing = missingTemplateVariables(step.prompt_template, workflowVariables(item, null));
    return missing.length > 0 ? [`step ${index + 1} uses ${missing.map((m) => `{{${m}}}`).join(', ')}, which the job parameters do not provide`] : [];
  });
}

/**
 * The agent runs of one execution, in order: one for an agent, one per member for a team (each sees the previous
 * output), one per step for a workflow. Throws with a clear message when a workflow template cannot be filled.
 */
export function planRun(item: WorkItem, target: RunTarget): RunStep[] {
  switch (target.kind) {
    case 'agent':
      return [{ label: `agent ${target.agent.name}`, agent: target.agent, prompt: () => item.prompt }];
    case 'team':
      return target.members.map((agent, index) => ({
        label: `team ${target.name}, member ${index + 1}/${target.members.length}: ${agent.name}`,
        agent,
        prompt: (previous) => teamPrompt(item.prompt, previous),
      }));
    case 'workflow': {
      const problems = workflowTemplateProblems(item, target.steps);
      if (problems.length > 0) throw new Error(`Workflow ${target.name}: ${problems.join('; ')}`);
      return target.steps.map((step, index) => ({
        label: `workflow ${target.name}, step ${index + 1}/${target.steps.length}: ${step.agent.name}`,
        agent: step.agent,
        prompt: (previous) => renderPromptTemplate(step.prompt_template, workflowVariables(item, previous)),
      }));
    }
    default: {
      const unreachable: never = target;
      return unreachable;
    }
  }
}
