import type { HttpRuntime } from '@cp/contracts';
import { capOutput, logText, stoppedError, type AgentInvocation, type AgentOutcome } from './agent-runtime';

const excerpt = (text: string): string => (text.length > 500 ? `${text.slice(0, 500)}…` : text);

/** POSTs `{prompt, system_prompt, execution_id}` to the agent's URL; a 2xx response body is the output. */
export async function runHttp(runtime: HttpRuntime, invocation: AgentInvocation): Promise<AgentOutcome> {
  let response: Response;
  try {
    response = await fetch(runtime.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...runtime.headers },
      body: JSON.stringify({ prompt: invocation.prompt, system_prompt: invocation.systemPrompt, execution_id: invocation.executionId }),
      signal: invocation.signal,
    });
  } catch (error) {
    if (invocation.signal.aborted) return stoppedError(invocation.signal);
    return { ok: false, error: `POST ${runtime.url} failed: ${describe(error)}` };
  }
  const body = await response.text().catch((error: unknown) => `(could not read the response body: ${describe(error)})`);
  if (invocation.signal.aborted) return stoppedError(invocation.signal);
  if (!response.ok) return { ok: false, error: `POST ${runtime.url} answered HTTP ${response.status}: ${excerpt(body)}` };
  logText(invocation.log, 'stdout', body);
  return { ok: true, output: capOutput(body) };
}

export function describe(error: unknown): string {
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return cause ? `${message} (${cause})` : message;
}
