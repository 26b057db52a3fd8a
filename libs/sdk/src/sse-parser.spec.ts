import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('parses id, event and data fields and dispatches on a blank line', () => {
    const parser = new SseParser();
    expect(parser.push('id: 7\nevent: log\ndata: {"line":"hello"}\n\n')).toEqual([{ id: '7', event: 'log', data: '{"line":"hello"}' }]);
    expect(parser.lastEventId).toBe('7');
  });

  it('joins multi-line data, ignores comments, and defaults the event type to message', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\ndata: a\ndata:b\n\n')).toEqual([{ id: null, event: 'message', data: 'a\nb' }]);
  });

  it('assembles events split across chunks, with CRLF and lone CR line ends', () => {
    const parser = new SseParser();
    const events = [...parser.push('id: 1\r'), ...parser.push('\nevent: status\r\nda'), ...parser.push('ta: x\r\r'), ...parser.push('data: y\n\n')];
    expect(events).toEqual([
      { id: '1', event: 'status', data: 'x' },
      { id: '1', event: 'message', data: 'y' },
    ]);
  });

  it('keeps the last event id across events and starts from the one it resumes with', () => {
    const parser = new SseParser('41');
    expect(parser.push('data: no id here\n\n')).toEqual([{ id: '41', event: 'message', data: 'no id here' }]);
    parser.push('id: 42\n\n');
    expect(parser.lastEventId).toBe('42');
  });

  it('does not dispatch an event without data, and reads retry', () => {
    const parser = new SseParser();
    expect(parser.push('event: ping\nretry: 250\n\n')).toEqual([]);
    expect(parser.retryMs).toBe(250);
  });

  it('holds an unterminated event until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('data: partial')).toEqual([]);
    expect(parser.push('\n\n')).toEqual([{ id: null, event: 'message', data: 'partial' }]);
  });
});
