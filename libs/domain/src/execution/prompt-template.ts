import { validationFailed, type ValidationIssue } from '@cp/contracts';

/** `{{name}}` or `{{ name }}`; names are identifiers, optionally dotted or dashed (`user.id`, `db-name`). */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** Every distinct placeholder name of a template, in order of first appearance. */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

export function missingTemplateVariables(template: string, parameters: Record<string, unknown>): string[] {
  return templateVariables(template).filter((name) => !Object.prototype.hasOwnProperty.call(parameters, name));
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/**
 * Fills every placeholder from `parameters` in one pass (a value containing `{{x}}` is not expanded again).
 * Throws a 422 naming each missing variable at loc ["body", "parameters", <name>].
 */
export function renderPromptTemplate(template: string, parameters: Record<string, unknown>): string {
  const missing = missingTemplateVariables(template, parameters);
  if (missing.length > 0) throw validationFailed(missing.map(missingVariableIssue));
  return template.replace(PLACEHOLDER, (_placeholder, name: string) => asText(parameters[name]));
}

const missingVariableIssue = (name: string): ValidationIssue => ({
  loc: ['body', 'parameters', name],
  msg: `Missing required parameter '${name}' used in the prompt template as {{${name}}}`,
  type: 'missing',
});
