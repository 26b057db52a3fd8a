import { JobError, detailText } from '@cp/sdk';

/** Exit codes (issue 7): 0 ok, 1 server-side or connection failure, 2 usage error, 3 not found, 4 auth. */
export const EXIT = { ok: 0, failure: 1, usage: 2, notFound: 3, auth: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A wrong flag or argument: explained before any request is sent. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** No token, or the server refused it. */
export class AuthRequiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthRequiredError';
  }
}

/** The command ran but what it waited for ended badly (a followed execution failed). */
export class CommandFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailed';
  }
}

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof AuthRequiredError) return EXIT.auth;
  if (error instanceof JobError) {
    if (error.status === 404) return EXIT.notFound;
    if (error.status === 401 || error.status === 403) return EXIT.auth;
  }
  return EXIT.failure;
}

/** The lines printed on stderr for an error: the server's `detail`, each validation item on its own line. */
export function errorLines(error: unknown): string[] {
  if (error instanceof JobError) return jobErrorLines(error);
  if (error instanceof UsageError) return [`error: ${error.message}`, "Run 'jobs --help' or 'jobs <command> --help' for usage."];
  if (error instanceof AuthRequiredError) return [`error: ${error.message}`];
  return [`error: ${error instanceof Error ? error.message : String(error)}`];
}

function jobErrorLines(error: JobError): string[] {
  if (error.status === null) return [`error: cannot reach the control plane: ${detailText(error.detail)}`, `(${error.method} ${error.url})`];
  if (error.issues.length > 0) {
    return [`error: the server rejected the request (HTTP ${error.status}):`, ...error.issues.map((issue) => `  - ${issue.loc.filter((part) => part !== 'body').join('.')}: ${issue.msg}`)];
  }
  const text = detailText(error.detail) || `HTTP ${error.status}`;
  if (error.status === 401 || error.status === 403) return [`error: ${text} (HTTP ${error.status})`, "Log in again with 'jobs login' or set CONTROL_PLANE_API_KEY."];
  return [`error: ${text} (HTTP ${error.status})`];
}
