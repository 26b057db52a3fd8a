import type { ControlPlaneClient, ExecutionStreamEvent } from '@cp/sdk';
import type { CliContext } from '../cli-context';
import { CommandFailed } from '../cli-errors';
import { logLine, statusColor } from '../output/execution-views';
import { formatElapsed } from '../output/time-format';
import { StatusLine } from './status-line';
import { isSuccessStatus, toStreamUpdate } from './stream-updates';

export type FollowFormat = 'table' | 'json';
type Ending = { status: string; error: string | null };

/**
 * Streams an execution's logs until it ends: lines on stdout, a live status line with the elapsed time on a terminal.
 * `json` prints every stream event as one JSON line. Ends with exit code 0 only when the execution completed.
 */
export async function followExecution(ctx: CliContext, client: ControlPlaneClient, executionId: string, format: FollowFormat): Promise<void> {
  const status = new StatusLine(ctx.terminal, ctx.errStyle, `execution ${executionId}`);
  const abort = new AbortController();
  const onInterrupt = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', onInterrupt);
  let ending: Ending | null = null;
  if (format === 'table') status.start();
  try {
    for await (const event of client.executions.stream(executionId, { signal: abort.signal })) {
      ending = format === 'json' ? printJson(ctx, event) : apply(ctx, status, event);
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    status.stop();
    process.removeListener('SIGINT', onInterrupt);
  }
  finish(ctx, executionId, ending, status.elapsedMs(), abort.signal.aborted);
}

function printJson(ctx: CliContext, event: ExecutionStreamEvent): Ending | null {
  ctx.terminal.out(`${JSON.stringify(event)}\n`);
  const update = toStreamUpdate(event);
  return update.kind === 'end' ? { status: update.status, error: update.error } : null;
}

function apply(ctx: CliContext, status: StatusLine, event: ExecutionStreamEvent): Ending | null {
  const update = toStreamUpdate(event);
  switch (update.kind) {
    case 'logs':
      update.lines.forEach((line) => status.print(logLine(line, ctx.outStyle)));
      return null;
    case 'status':
      status.setStatus(update.status);
      return null;
    case 'end':
      return { status: update.status, error: update.error };
    case 'ignore':
      return null;
    default: {
      const unknownUpdate: never = update;
      throw new Error(`Unhandled stream update ${JSON.stringify(unknownUpdate)}`);
    }
  }
}

function finish(ctx: CliContext, executionId: string, ending: Ending | null, elapsedMs: number, interrupted: boolean): void {
  const style = ctx.errStyle;
  if (interrupted) {
    ctx.note(`Stopped following; the execution goes on. Resume with: jobs logs ${executionId} --follow`);
    throw new CommandFailed('interrupted');
  }
  if (!ending) throw new CommandFailed(`the stream of execution ${executionId} ended without a final status`);
  const summary = `${statusColor(style, ending.status)} after ${formatElapsed(elapsedMs)}`;
  if (isSuccessStatus(ending.status)) {
    ctx.note(`${style.green('✓')} execution ${executionId} ${summary}`);
    return;
  }
  throw new CommandFailed(`execution ${executionId} ${summary}${ending.error ? `: ${ending.error}` : ''}`);
}
