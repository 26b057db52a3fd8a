import type { Style } from '../output/style';
import { formatElapsed } from '../output/time-format';
import type { Terminal } from '../terminal';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\x1b[2K';

/**
 * The live line under the logs on a terminal: spinner, status, elapsed time. It is erased before each log line and
 * drawn again after it. Off a terminal it prints each status change once, on stderr.
 */
export class StatusLine {
  private status = 'pending';
  private frame = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly live: boolean;
  private readonly started: number;

  constructor(private readonly terminal: Terminal, private readonly style: Style, private readonly label: string) {
    this.live = terminal.stderrIsTTY;
    this.started = terminal.now().getTime();
  }

  start(): void {
    if (!this.live) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), 250);
  }

  elapsedMs(): number {
    return this.terminal.now().getTime() - this.started;
  }

  setStatus(status: string): void {
    if (status === this.status) return;
    this.status = status;
    if (this.live) this.draw();
    else this.terminal.err(`status: ${status} (${formatElapsed(this.elapsedMs())})\n`);
  }

  /** Writes a line to stdout without tearing the status line. */
  print(text: string): void {
    if (this.live) this.terminal.err(CLEAR_LINE);
    this.terminal.out(text);
    if (this.live) this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.live) this.terminal.err(CLEAR_LINE);
  }

  private draw(): void {
    this.frame = (this.frame + 1) % SPINNER.length;
    const spinner = this.style.cyan(SPINNER[this.frame]);
    this.terminal.err(`${CLEAR_LINE}${spinner} ${this.style.bold(this.status)} · ${formatElapsed(this.elapsedMs())} elapsed · ${this.style.dim(this.label)}`);
  }
}
