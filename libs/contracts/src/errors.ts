/** Error shapes of the seed (FastAPI): 422 `{detail: ValidationIssue[]}`, others `{detail: string}`. */
export type ValidationIssue = { loc: (string | number)[]; msg: string; type: string };

export type ErrorCode = 'validation' | 'not_found' | 'conflict' | 'bad_request' | 'unauthorized' | 'unavailable' | 'internal';

export const HTTP_STATUS_FOR_ERROR: Record<ErrorCode, number> = {
  validation: 422,
  not_found: 404,
  conflict: 409,
  bad_request: 400,
  unauthorized: 401,
  unavailable: 503,
  internal: 500,
};

/** A typed failure that crosses process boundaries (NATS replies) unchanged. */
export type DomainError =
  | { code: 'validation'; detail: ValidationIssue[] }
  | { code: Exclude<ErrorCode, 'validation'>; detail: string };

export class DomainFailure extends Error {
  constructor(readonly error: DomainError) {
    super(typeof error.detail === 'string' ? error.detail : error.detail.map((i) => `${i.loc.join('.')}: ${i.msg}`).join('; '));
    this.name = 'DomainFailure';
  }
}

export const notFound = (detail: string): DomainFailure => new DomainFailure({ code: 'not_found', detail });
export const conflict = (detail: string): DomainFailure => new DomainFailure({ code: 'conflict', detail });
export const badRequest = (detail: string): DomainFailure => new DomainFailure({ code: 'bad_request', detail });
export const validationFailed = (detail: ValidationIssue[]): DomainFailure => new DomainFailure({ code: 'validation', detail });
