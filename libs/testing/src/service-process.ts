import { spawn, type ChildProcess } from 'node:child_process';
import { isReadyLine, lineSplitter, ProcessOutput } from './process-output';

export type ServiceProcessOptions = {
  name: string;
  instance: number;
  env: NodeJS.ProcessEnv;
  repoRoot: string;
  logFile: string;
  readyTimeoutMs: number;
  /** When set, readiness also needs GET <healthUrl> to answer 200. */
  healthUrl?: string;
};

type Exit = { code: number | null; signal: NodeJS.Signals | null; error?: Error };

const STOP_GRACE_MS = 10_000;
const live = liveChildren();

/** One registry per OS process (Jest loads this module once per test file), killed when the process exits. */
function liveChildren(): Set<ChildProcess> {
  const holder = process as NodeJS.Process & { __cpTestingLiveChildren?: Set<ChildProcess> };
  if (!holder.__cpTestingLiveChildren) {
    const children = new Set<ChildProcess>();
    holder.__cpTestingLiveChildren = children;
    process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));
  }
  return holder.__cpTestingLiveChildren;
}

/** One running service: `node scripts/run-ts.js apps/<name>/src/main.ts`, started again on demand. */
export class ServiceProcess {
  readonly output: ProcessOutput;
  private child: ChildProcess | null = null;
  private exit: Promise<Exit> = Promise.resolve({ code: null, signal: null });
  private exited = true;

  constructor(readonly options: ServiceProcessOptions) {
    this.output = new ProcessOutput(options.logFile);
  }

  get label(): string {
    return this.options.instance === 1 ? this.options.name : `${this.options.name}#${this.options.instance}`;
  }

  get pid(): number | undefined {
    return this.exited ? undefined : this.child?.pid;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** Spawns the process and resolves once it is ready; on failure kills it and throws with its last output. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.label} is already running (pid ${this.pid})`);
    const ready = this.spawn();
    try {
      await this.waitUntilReady(ready);
    } catch (err) {
      await this.kill('SIGKILL');
      throw new Error(`${(err as Error).message}\n--- last output of ${this.label} (full log: ${this.options.logFile}) ---\n${this.output.tail()}`);
    }
  }

  /** Sends the signal and waits for the exit; a SIGTERM is followed by SIGKILL after 10 s. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.child || this.exited) return;
    this.child.kill(signal);
    if (signal === 'SIGKILL') {
      await this.exit;
      return;
    }
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exit;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.kill('SIGTERM');
    await this.start();
  }

  logs(): string {
    return this.output.text();
  }

  private spawn(): Promise<void> {
    const { name, env, repoRoot } = this.options;
    this.output.append(`\n--- starting ${this.label} at ${new Date().toISOString()} ---\n`);
    const child = spawn(process.execPath, [...serviceNodeArgs(), 'scripts/run-ts.js', `apps/${name}/src/main.ts`], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = false;
    live.add(child);
    let onReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    const stdoutLines = lineSplitter((line) => isReadyLine(line) && onReady());
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.output.append(chunk);
      stdoutLines(chunk);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.output.append(chunk));
    this.exit = new Promise<Exit>((resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    }).then((exit) => {
      this.exited = true;
      live.delete(child);
      this.output.append(`--- ${this.label} exited (code ${exit.code}, signal ${exit.signal}${exit.error ? `, ${exit.error.message}` : ''}) ---\n`);
      return exit;
    });
    return ready;
  }

  private async waitUntilReady(readyLine: Promise<void>): Promise<void> {
    const deadline = Date.now() + this.options.readyTimeoutMs;
    const died = this.exit.then((exit) => {
      throw new Error(`${this.label} exited before it was ready (code ${exit.code}, signal ${exit.signal}${exit.error ? `, ${exit.error.message}` : ''})`);
    });
    died.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.label} was not ready within ${this.options.readyTimeoutMs} ms`)), this.options.readyTimeoutMs);
    });
    try {
      await Promise.race([readyLine, died, timeout]);
      if (this.options.healthUrl) await Promise.race([this.waitHealthy(this.options.healthUrl, deadline), died, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async waitHealthy(url: string, deadline: number): Promise<void> {
    let last = 'no answer';
    while (Date.now() < deadline && this.running) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) return;
        last = `HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`;
      } catch (err) {
        last = (err as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${this.label} did not answer GET ${url} with 200 (last: ${last})`);
  }
}

/** Extra Node.js flags for every service process, e.g. `SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` to profile a benchmark. */
function serviceNodeArgs(): string[] {
  return (process.env.SERVICE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}
