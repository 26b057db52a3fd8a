import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const JOBS_BIN = resolve(__dirname, '..', '..', 'bin', 'jobs.js');
const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

export type CliResult = { code: number; stdout: string; stderr: string };
export type CliEnv = Record<string, string | undefined>;

/** Connection settings the caller's own environment must not leak into a test run. */
const CONNECTION_ENV = ['CONTROL_PLANE_URL', 'CONTROL_PLANE_API_KEY', 'KUBIYA_CONTROL_PLANE_BASE_URL', 'KUBIYA_API_KEY', 'NO_COLOR', 'FORCE_COLOR', 'COLUMNS'];

/** An environment with its own empty HOME/XDG_CONFIG_HOME plus `extra` (undefined removes a variable). */
export function isolatedEnv(extra: CliEnv = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'jobs-cli-home-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
  for (const name of CONNECTION_ENV) delete env[name];
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Runs the real `jobs` binary as a subprocess (stdin closed, so not a terminal) and collects its output. */
export function runJobs(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(process.execPath, [JOBS_BIN, ...args], { cwd: REPO_ROOT, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(new Error(`jobs ${args.join(' ')} did not run: ${error.message}\n${stderr}`));
      resolvePromise({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

/**
 * Runs `jobs` under a pseudo-terminal with util-linux `script`, so stdout and stderr are TTYs as for a person at a
 * terminal. Returns everything the terminal received (both streams, with escape sequences).
 */
export function runJobsInTerminal(args: string[], env: NodeJS.ProcessEnv, columns = 100): Promise<CliResult> {
  const command = [process.execPath, JOBS_BIN, ...args].map(shellQuote).join(' ');
  return new Promise((resolvePromise, reject) => {
    const child = spawn('script', ['-qfec', `stty cols ${columns} rows 40 2>/dev/null; exec ${command}`, '/dev/null'], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr });
    });
  });
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
