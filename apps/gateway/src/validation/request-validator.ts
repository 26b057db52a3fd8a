import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { JOB_COMPONENT_SCHEMAS, REGISTRY_COMPONENT_SCHEMAS, type ValidationIssue } from '@cp/contracts';

/** Validates request bodies against the published OpenAPI components and reports errors as FastAPI/pydantic does. */
const COMPONENT_SCHEMAS = { ...JOB_COMPONENT_SCHEMAS, ...REGISTRY_COMPONENT_SCHEMAS };
type Component = keyof typeof COMPONENT_SCHEMAS;
const ajv = new Ajv2020({ allErrors: true, useDefaults: true, strict: false });
for (const [name, schema] of Object.entries(COMPONENT_SCHEMAS)) ajv.addSchema(schema, `#/components/schemas/${name}`);

const compiled = new Map<string, ValidateFunction>();
function validatorFor(component: Component): ValidateFunction {
  let fn = compiled.get(component);
  if (!fn) {
    fn = ajv.getSchema(`#/components/schemas/${component}`) as ValidateFunction;
    compiled.set(component, fn);
  }
  return fn;
}

const TYPE_ERRORS: Record<string, { type: string; msg: string }> = {
  string: { type: 'string_type', msg: 'Input should be a valid string' },
  boolean: { type: 'bool_type', msg: 'Input should be a valid boolean' },
  object: { type: 'dict_type', msg: 'Input should be a valid dictionary' },
  array: { type: 'list_type', msg: 'Input should be a valid list' },
  integer: { type: 'int_type', msg: 'Input should be a valid integer' },
  number: { type: 'float_type', msg: 'Input should be a valid number' },
};

const quoteList = (values: unknown[]): string => {
  const quoted = values.map((v) => `'${String(v)}'`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}` : quoted.join('');
};

function toIssue(error: ErrorObject, root: (string | number)[]): ValidationIssue | null {
  const path = error.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  const loc = [...root, ...path];
  switch (error.keyword) {
    case 'required':
      return { loc: [...loc, (error.params as { missingProperty: string }).missingProperty], msg: 'Field required', type: 'missing' };
    case 'type': {
      const expected = String((error.params as { type: string | string[] }).type).split(',')[0];
      if (expected === 'null') return null;
      return { loc, ...(TYPE_ERRORS[expected] ?? { type: `${expected}_type`, msg: `Input should be a valid ${expected}` }) };
    }
    case 'minLength': {
      const limit = (error.params as { limit: number }).limit;
      return { loc, msg: `String should have at least ${limit} character${limit === 1 ? '' : 's'}`, type: 'string_too_short' };
    }
    case 'maxLength':
      return { loc, msg: `String should have at most ${(error.params as { limit: number }).limit} characters`, type: 'string_too_long' };
    case 'enum':
      return { loc, msg: `Input should be ${quoteList((error.params as { allowedValues: unknown[] }).allowedValues)}`, type: 'literal_error' };
    case 'anyOf':
    case 'if':
      return null;
    case 'minItems':
      return { loc, msg: `List should have at least ${(error.params as { limit: number }).limit} item${(error.params as { limit: number }).limit === 1 ? '' : 's'} after validation`, type: 'too_short' };
    case 'pattern':
      return { loc, msg: `String should match pattern '${(error.params as { pattern: string }).pattern}'`, type: 'string_pattern_mismatch' };
    default:
      return { loc, msg: error.message ?? 'Invalid value', type: 'value_error' };
  }
}

/** One issue per location: the most specific error of an `anyOf` (string-or-null) is kept. */
function collapse(issues: ValidationIssue[]): ValidationIssue[] {
  const byLoc = new Map<string, ValidationIssue>();
  for (const issue of issues) {
    const key = JSON.stringify(issue.loc);
    if (!byLoc.has(key)) byLoc.set(key, issue);
  }
  return [...byLoc.values()];
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** Validates (and fills defaults into a copy of) a request body; unknown fields are dropped, as the seed's service does. */
export function validateBody<T>(component: Component, body: unknown): Validated<T> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, issues: [{ loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', type: 'model_attributes_type' }] };
  }
  const schema = COMPONENT_SCHEMAS[component] as { properties: Record<string, unknown> };
  const known = Object.fromEntries(Object.entries(body).filter(([key]) => key in schema.properties));
  const copy = structuredClone(known);
  const validate = validatorFor(component);
  if (validate(copy)) return { ok: true, value: copy as T };
  const issues = (validate.errors ?? []).map((e) => toIssue(e, ['body'])).filter((i): i is ValidationIssue => i !== null);
  return { ok: false, issues: collapse(issues) };
}
