import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
type Started = [id: string, at: number, enqueuedAt: number];
type Message = { type: 'ready' | 'stopped' } | { type: 'error'; message: string } | { type: 'events'; started: Started[]; done: string[] };

/** The baseline worker processes (bench/executions-baseline-worker.ts): what they started and finished, by job id. */
export class BaselineWorkers {
  /** First handler start and the job's enqueue time, by id; a second start of the same id counts as a duplicate. */
  readonly started = new Map<string, { at: number; enqueuedAt: number }>();
  readonly doneIds = new Set<string>();
  duplicates = 0;
  readonly errors = new Map<string, number>();

  private constructor(private readonly children: ChildProcess[]) {}

  get pids(): number[] {
    return this.children.map((c) => c.pid as number);
  }

  get done(): number {
    return this.doneIds.size;
  }

  static async start(count: number, env: Record<string, string>): Promise<BaselineWorkers> {
    const children = Array.from({ length: count }, () =>
      fork(join(ROOT, 'scripts', 'run-ts.js'), [join('bench', 'executions-baseline-worker.ts')], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    const workers = new BaselineWorkers(children);
    try {
      await Promise.all(children.map((child) => workers.follow(child)));
    } catch (error) {
      await workers.stop();
      throw error;
    }
    return workers;
  }

  /** Resolves when the child is ready; afterwards records its reports. */
  private follow(child: ChildProcess): Promise<void> {
    return new Promise((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error('a baseline worker was not ready within 60 s')), 60_000);
      child.once('exit', (code) => reject(new Error(`a baseline worker exited early (code ${code}); errors: ${[...this.errors.keys()].join('; ')}`)));
      child.on('message', (message: Message) => {
        if (message.type === 'ready') { clearTimeout(timer); resolveReady(); }
        if (message.type === 'error') this.errors.set(message.message, (this.errors.get(message.message) ?? 0) + 1);
        if (message.type === 'events') this.record(message.started, message.done);
      });
    });
  }

  private record(started: Started[], done: string[]): void {
    for (const [id, at, enqueuedAt] of started) {
      if (this.started.has(id)) this.duplicates++;
      else this.started.set(id, { at, enqueuedAt });
    }
    for (const id of done) this.doneIds.add(id);
  }

  /** Asks every child to stop gracefully (SIGKILL after 15 s) and waits for it to exit. */
  async stop(): Promise<void> {
    await Promise.all(this.children.map((child) => new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => { clearTimeout(kill); done(); });
      if (child.connected) child.send({ type: 'stop' });
      else child.kill('SIGTERM');
    })));
  }
}
