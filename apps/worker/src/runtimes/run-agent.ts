import type { SecretBox } from '@cp/config';
import type { AgentRuntime } from '@cp/contracts';
import type { AgentInvocation, AgentOutcome } from './agent-runtime';
import { runCommand } from './command-runtime';
import { runHttp } from './http-runtime';
import { runOpenAi } from './openai-runtime';

/** Runs one agent with the runtime its registry entry names. */
export async function runAgent(runtime: AgentRuntime, invocation: AgentInvocation, secretBox: SecretBox): Promise<AgentOutcome> {
  switch (runtime.type) {
    case 'command':
      return runCommand(runtime, invocation);
    case 'http':
      return runHttp(runtime, invocation);
    case 'openai': {
      let apiKey: string | null = null;
      try {
        apiKey = runtime.api_key_encrypted ? secretBox.decrypt(runtime.api_key_encrypted) : null;
      } catch {
        return { ok: false, error: 'the agent\'s API key cannot be decrypted with this worker\'s SECRETS_KEY' };
      }
      return runOpenAi(runtime, apiKey, invocation);
    }
    default: {
      const unreachable: never = runtime;
      return unreachable;
    }
  }
}
