import { toStreamUpdate } from './stream-updates';

describe('stream events', () => {
  it('a log event with lines prints each line', () => {
    const data = { lines: [{ seq: 1, stream: 'stdout', line: 'hello', at: '2025-01-01T00:00:00Z' }, { seq: 2, stream: 'stderr', line: 'oops', at: '2025-01-01T00:00:01Z' }] };
    expect(toStreamUpdate({ id: '3', event: 'log', data })).toEqual({ kind: 'logs', lines: data.lines });
  });

  it('a single-line log event and the {data, timestamp} envelope of the real CLI are read alike', () => {
    expect(toStreamUpdate({ id: '1', event: 'log', data: { line: 'one' } })).toMatchObject({ kind: 'logs', lines: [{ line: 'one' }] });
    expect(toStreamUpdate({ id: '1', event: 'message', data: { data: { message: 'two' }, timestamp: '2025-01-01T00:00:00Z' } })).toMatchObject({
      kind: 'logs',
      lines: [{ line: 'two', at: '2025-01-01T00:00:00Z' }],
    });
  });

  it('reads the gateway events as sent: connected, status, chunk, complete and error', () => {
    expect(toStreamUpdate({ id: null, event: 'connected', data: { execution_id: 'e', status: 'queued', timestamp: 't' } })).toEqual({ kind: 'ignore' });
    expect(toStreamUpdate({ id: '2.0', event: 'status', data: { data: { status: 'running', attempt: 1 }, status: 'running', timestamp: 't' } })).toEqual({ kind: 'status', status: 'running' });
    expect(toStreamUpdate({ id: '3.0', event: 'chunk', data: { data: { seq: 1, stream: 'stdout', line: 'step one', attempt: 1 }, content: 'step one\n', timestamp: '2025-01-01T00:00:00Z' } })).toEqual({
      kind: 'logs',
      lines: [{ seq: 1, stream: 'stdout', line: 'step one', at: '2025-01-01T00:00:00Z' }],
    });
    expect(toStreamUpdate({ id: '5.1', event: 'complete', data: { data: { status: 'completed', output: 'x' }, status: 'completed' } })).toEqual({ kind: 'end', status: 'completed', error: null });
    expect(toStreamUpdate({ id: '5.1', event: 'error', data: { data: { status: 'cancelled', reason: 'user' }, status: 'cancelled', error: 'Execution cancelled: user' } })).toEqual({
      kind: 'end',
      status: 'cancelled',
      error: 'Execution cancelled: user',
    });
  });

  it('a status event changes the status line', () => {
    expect(toStreamUpdate({ id: '2', event: 'status', data: { status: 'running' } })).toEqual({ kind: 'status', status: 'running' });
  });

  it('complete and error end the stream with the final status and error', () => {
    expect(toStreamUpdate({ id: '9', event: 'complete', data: { status: 'completed' } })).toEqual({ kind: 'end', status: 'completed', error: null });
    expect(toStreamUpdate({ id: '9', event: 'complete', data: { status: 'failed', error_message: 'exit 3' } })).toEqual({ kind: 'end', status: 'failed', error: 'exit 3' });
    expect(toStreamUpdate({ id: '9', event: 'error', data: 'boom' })).toEqual({ kind: 'end', status: 'failed', error: 'boom' });
  });

  it('anything else is ignored', () => {
    expect(toStreamUpdate({ id: null, event: 'ping', data: {} })).toEqual({ kind: 'ignore' });
  });
});
