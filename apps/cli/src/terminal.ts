/** Where the CLI writes and what it knows about the terminal; one per run, so tests and the PTY behave alike. */
export type Terminal = {
  out(text: string): void;
  err(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Width available to tables; Infinity when output goes to a pipe or file without COLUMNS. */
  columns: number;
  /** Colour on stdout / stderr: only on a TTY, never with NO_COLOR, TERM=dumb or --no-color. */
  colorOut: boolean;
  colorErr: boolean;
  env: NodeJS.ProcessEnv;
  now(): Date;
};

const DEFAULT_TTY_COLUMNS = 80;

export function processTerminal(env: NodeJS.ProcessEnv = process.env): Terminal {
  const stdoutIsTTY = process.stdout.isTTY === true;
  const stderrIsTTY = process.stderr.isTTY === true;
  const colorAllowed = !env.NO_COLOR && env.TERM !== 'dumb';
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    stdoutIsTTY,
    stderrIsTTY,
    stdinIsTTY: process.stdin.isTTY === true,
    columns: terminalColumns(stdoutIsTTY ? process.stdout.columns : undefined, env.COLUMNS, stdoutIsTTY),
    colorOut: stdoutIsTTY && colorAllowed,
    colorErr: stderrIsTTY && colorAllowed,
    env,
    now: () => new Date(),
  };
}

export function terminalColumns(ttyColumns: number | undefined, envColumns: string | undefined, isTTY: boolean): number {
  if (ttyColumns && ttyColumns > 0) return ttyColumns;
  const fromEnv = Number(envColumns);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return isTTY ? DEFAULT_TTY_COLUMNS : Number.POSITIVE_INFINITY;
}

export function withoutColor(terminal: Terminal): Terminal {
  return { ...terminal, colorOut: false, colorErr: false };
}
