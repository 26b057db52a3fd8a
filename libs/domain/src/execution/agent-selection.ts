import type { AgentCandidate, AgentSelection } from '@cp/contracts';

const words = (text: string): Set<string> => new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0));

/** A capability (`kubernetes`, `data-analysis`) matches when every word of it appears in the prompt. */
function matchedCapabilities(candidate: AgentCandidate, promptWords: Set<string>): string[] {
  return candidate.capabilities.filter((capability) => {
    const parts = [...words(capability)];
    return parts.length > 0 && parts.every((part) => promptWords.has(part));
  });
}

type Scored = { candidate: AgentCandidate; matched: string[] };

/** Most matched capabilities first, then the least loaded, then by name and id for a stable choice. */
function better(a: Scored, b: Scored): number {
  if (a.matched.length !== b.matched.length) return b.matched.length - a.matched.length;
  if (a.candidate.load !== b.candidate.load) return a.candidate.load - b.candidate.load;
  return a.candidate.name.localeCompare(b.candidate.name) || a.candidate.agent_id.localeCompare(b.candidate.agent_id);
}

function reasonFor(best: Scored): string {
  const load = `current load ${best.candidate.load}`;
  if (best.matched.length === 0) return `no agent's capabilities match the prompt; least loaded agent (${load})`;
  return `matched capabilities ${best.matched.join(', ')} (${best.matched.length} of ${best.candidate.capabilities.length}); ${load}`;
}

/** on_the_fly planning: picks the agent for a prompt by capability match and current load; null without candidates. */
export function selectAgent(prompt: string, candidates: AgentCandidate[]): AgentSelection | null {
  if (candidates.length === 0) return null;
  const promptWords = words(prompt);
  const best = candidates.map((candidate) => ({ candidate, matched: matchedCapabilities(candidate, promptWords) })).sort(better)[0];
  return {
    agent_id: best.candidate.agent_id,
    agent_name: best.candidate.name,
    reason: reasonFor(best),
    score: best.matched.length,
    matched_capabilities: best.matched,
    load: best.candidate.load,
  };
}
