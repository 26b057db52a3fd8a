/**
 * Readers for service-specific settings (each service's `*.settings.ts`): they collect every problem instead of
 * failing on the first, so a bad start-up names all bad settings at once.
 */
export function readPositiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a positive integer (got "${raw}")`);
  return value;
}
