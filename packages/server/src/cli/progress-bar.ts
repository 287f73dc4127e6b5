/**
 * A progress bar on a terminal (redrawn in place, at most every 100 ms), or, when
 * the stream is a file or a pipe (CI logs, cron mail), one line per tenth of the
 * work so the log stays readable.
 */
export interface ProgressStream {
  write(text: string): boolean;
  isTTY?: boolean;
}

const WIDTH = 28;
const REDRAW_MS = 100;

export class ProgressBar {
  private lastDraw = 0;
  private lastTenth = -1;
  private readonly started = performance.now();

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
  ) {}

  update(done: number, total: number, detail = ""): void {
    const now = performance.now();
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    if (this.stream.isTTY) {
      if (now - this.lastDraw < REDRAW_MS && done < total) return;
      this.lastDraw = now;
      this.stream.write(`\r${this.line(done, total, fraction, detail)}\x1b[K`);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    this.stream.write(`${this.line(done, total, fraction, detail)}\n`);
  }

  /** Ends the bar's line on a terminal. */
  finish(): void {
    if (this.stream.isTTY) this.stream.write("\n");
  }

  private line(done: number, total: number, fraction: number, detail: string): string {
    const filled = Math.round(fraction * WIDTH);
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const bar = `${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}`;
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    return `${this.label} ${bar} ${percent} ${done}/${total}${detail ? ` ${detail}` : ""} ${rate.toFixed(1)}/s`;
  }
}
