import { ControlPlaneClient } from '@cp/sdk';
import { AuthRequiredError, UsageError } from './cli-errors';
import { resolveConnection, type Connection } from './config/connection';
import type { ViewContext } from './output/job-views';
import { formatData, type OutputFormat } from './output/output-format';
import { createStyle, type Style } from './output/style';
import { withoutColor, type Terminal } from './terminal';

/** Options every command accepts (declared on the program). */
export type GlobalOptions = { url?: string; token?: string; color?: boolean };

/** What a command needs: the terminal, the connection settings, a client, and the output helpers. */
export class CliContext {
  private globals: GlobalOptions = {};
  private term: Terminal;

  constructor(terminal: Terminal) {
    this.term = terminal;
  }

  configure(globals: GlobalOptions): void {
    this.globals = globals;
    if (globals.color === false) this.term = withoutColor(this.term);
  }

  get terminal(): Terminal {
    return this.term;
  }

  connection(): Connection {
    return resolveConnection({ url: this.globals.url, token: this.globals.token }, this.term.env);
  }

  /** A client for the resolved connection; without any token, an auth error (exit 4) before any request. */
  client(): ControlPlaneClient {
    const { url, token } = this.connection();
    if (!token) throw new AuthRequiredError("No API token: run 'jobs login', set CONTROL_PLANE_API_KEY, or pass --token <token>.");
    try {
      return new ControlPlaneClient({ baseUrl: url, apiKey: token });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }

  get outStyle(): Style {
    return createStyle(this.term.colorOut);
  }

  get errStyle(): Style {
    return createStyle(this.term.colorErr);
  }

  view(): ViewContext {
    return { style: this.outStyle, now: this.term.now(), columns: this.term.columns };
  }

  /** Data on stdout: unchanged JSON/YAML, or the table the command draws. */
  print(format: OutputFormat, data: unknown, table: (view: ViewContext) => string): void {
    this.term.out(formatData(format, data, () => table(this.view())));
  }

  /** Messages for people (hints, confirmations) on stderr, so stdout stays pure data. */
  note(text: string): void {
    this.term.err(`${text}\n`);
  }
}
