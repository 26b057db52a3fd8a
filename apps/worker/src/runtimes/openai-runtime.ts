import type { OpenAiRuntime } from '@cp/contracts';
import { capOutput, logText, stoppedError, type AgentInvocation, type AgentOutcome } from './agent-runtime';
import { describe } from './http-runtime';

type ChatCompletion = { choices?: { message?: { content?: unknown } }[]; error?: { message?: string } };

function requestBody(runtime: OpenAiRuntime, invocation: AgentInvocation): string {
  const messages = [
    ...(invocation.systemPrompt ? [{ role: 'system', content: invocation.systemPrompt }] : []),
    { role: 'user', content: invocation.prompt },
  ];
  return JSON.stringify({ model: runtime.model, messages, ...(runtime.temperature === null ? {} : { temperature: runtime.temperature }) });
}

function parse(text: string): ChatCompletion | null {
  try {
    return JSON.parse(text) as ChatCompletion;
  } catch {
    return null;
  }
}

/**
 * Any OpenAI-compatible endpoint: POST {base_url}/chat/completions with the system prompt and the prompt;
 * the output is choices[0].message.content. `apiKey` is the agent's key, already decrypted.
 */
export async function runOpenAi(runtime: OpenAiRuntime, apiKey: string | null, invocation: AgentInvocation): Promise<AgentOutcome> {
  const url = `${runtime.base_url.replace(/\/+$/, '')}/chat/completions`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: requestBody(runtime, invocation),
      signal: invocation.signal,
    });
  } catch (error) {
    if (invocation.signal.aborted) return stoppedError(invocation.signal);
    return { ok: false, error: `POST ${url} failed: ${describe(error)}` };
  }
  const text = await response.text().catch(() => '');
  if (invocation.signal.aborted) return stoppedError(invocation.signal);
  const completion = parse(text);
  if (!response.ok) return { ok: false, error: `POST ${url} answered HTTP ${response.status}: ${completion?.error?.message ?? text.slice(0, 500)}` };
  const content = completion?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') return { ok: false, error: `POST ${url}: the response has no choices[0].message.content` };
  logText(invocation.log, 'stdout', content);
  return { ok: true, output: capOutput(content) };
}
