import { spawn, type ChildProcess } from 'node:child_process';
import type { CommandRuntime } from '@cp/contracts';
import { capOutput, lineSplitter, MAX_OUTPUT_CHARS, stoppedError, type AgentInvocation, type AgentOutcome } from './agent-runtime';

const KILL_GRACE_MS = 2_000;

/** Signals the child's whole process group (it was spawned detached, so it leads one). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function exitError(code: number | null, signal: NodeJS.Signals | null, lastStderr: string | null): string {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  return lastStderr ? `${how}: ${lastStderr}` : how;
}

/** Feeds stdout and stderr to the log line by line; keeps stdout (the output) and the last stderr line (for errors). */
function captureOutput(child: ChildProcess, invocation: AgentInvocation) {
  const captured = { stdout: '', lastStderr: null as string | null };
  const out = lineSplitter((line) => invocation.log('stdout', line));
  const err = lineSplitter((line) => {
    invocation.log('stderr', line);
    if (line.trim() !== '') captured.lastStderr = line.trim();
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    if (captured.stdout.length <= 2 * MAX_OUTPUT_CHARS) captured.stdout += chunk;
    out.push(chunk);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => err.push(chunk));
  return { captured, flush: () => (out.end(), err.end()) };
}

/** SIGTERM to the process group on abort, SIGKILL if it is still there after a grace period. */
function stopOnAbort(child: ChildProcess, signal: AbortSignal): () => void {
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    killGroup(child, 'SIGTERM');
    killTimer = setTimeout(() => killGroup(child, 'SIGKILL'), KILL_GRACE_MS);
  };
  signal.addEventListener('abort', stop, { once: true });
  return () => {
    clearTimeout(killTimer);
    signal.removeEventListener('abort', stop);
  };
}

/**
 * Runs the agent's executable directly (no shell, so nothing in a prompt or parameter is ever interpreted):
 * the prompt on stdin, stdout lines as `stdout` logs and as the output, stderr lines as `stderr` logs.
 */
export function runCommand(runtime: CommandRuntime, invocation: AgentInvocation): Promise<AgentOutcome> {
  return new Promise((resolve) => {
    if (invocation.signal.aborted) return resolve(stoppedError(invocation.signal));
    const child = spawn(runtime.command, runtime.args, { shell: false, detached: true, env: invocation.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const { captured, flush } = captureOutput(child, invocation);
    const stopWatching = stopOnAbort(child, invocation.signal);
    let failedToStart: Error | null = null;
    child.stdin?.on('error', () => undefined); // EPIPE when the program does not read its stdin
    child.stdin?.end(invocation.prompt);
    child.once('error', (error) => (failedToStart = error));
    child.once('close', (code, signal) => {
      stopWatching();
      flush();
      if (failedToStart) return resolve({ ok: false, error: `could not start ${runtime.command}: ${failedToStart.message}` });
      if (invocation.signal.aborted) return resolve(stoppedError(invocation.signal));
      if (code === 0) return resolve({ ok: true, output: capOutput(captured.stdout.replace(/\r?\n$/, '')) });
      resolve({ ok: false, error: `${runtime.command} ${exitError(code, signal, captured.lastStderr)}` });
    });
  });
}
