/** One dispatched Server-Sent Event, before its data is interpreted. */
export type SseMessage = { id: string | null; event: string; data: string };

/**
 * Incremental parser of the `text/event-stream` format (WHATWG HTML §9.2.6): feed it chunks as they arrive and it
 * returns the events completed so far. Handles CRLF/CR/LF line ends, `:` comments, multi-line `data`, fields
 * without a value, and keeps the last event id across events as the spec asks (it is what a reconnect resumes from).
 */
export class SseParser {
  private buffer = '';
  private pendingCr = false;
  private dataLines: string[] = [];
  private eventType = '';
  lastEventId: string | null = null;
  /** The reconnection time the server asked for with `retry:`. */
  retryMs: number | null = null;

  constructor(lastEventId: string | null = null) {
    this.lastEventId = lastEventId;
  }

  push(chunk: string): SseMessage[] {
    const messages: SseMessage[] = [];
    let text = chunk;
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      if (match[0] === '\r' && match.index === this.buffer.length - 1) this.pendingCr = true;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.field(field, value);
    return null;
  }

  private field(field: string, value: string): void {
    switch (field) {
      case 'data':
        this.dataLines.push(value);
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break;
    }
  }

  private dispatch(): SseMessage | null {
    const hadData = this.dataLines.length > 0;
    const message: SseMessage = { id: this.lastEventId, event: this.eventType || 'message', data: this.dataLines.join('\n') };
    this.dataLines = [];
    this.eventType = '';
    return hadData ? message : null;
  }
}
