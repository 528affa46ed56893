/**
 * A one-line progress display on stderr, shown only when stderr is a terminal
 * (never in pipes, logs or CI).
 */
export class Progress {
  private readonly enabled: boolean;
  private readonly started = performance.now();
  private last = 0;
  done = 0;
  skipped = 0;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private total: number | null = null,
  ) {
    this.enabled = Boolean(stream.isTTY) && !process.env.CI;
  }

  tick(ok: boolean): void {
    if (ok) this.done++;
    else this.skipped++;
    const now = performance.now();
    if (this.enabled && now - this.last > 100) {
      this.last = now;
      this.render(now);
    }
  }

  setTotal(total: number): void {
    this.total = total;
  }

  private render(now: number): void {
    const n = this.done + this.skipped;
    const rate = n / Math.max((now - this.started) / 1000, 0.001);
    const width = 24;
    let bar = '';
    if (this.total) {
      const filled = Math.min(width, Math.round((n / this.total) * width));
      bar = `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${n}/${this.total} `;
    } else bar = `${n} `;
    this.stream.write(`\r${this.label} ${bar}${this.skipped ? `(${this.skipped} skipped) ` : ''}${rate.toFixed(1)}/s\u001b[K`);
  }

  finish(): void {
    if (this.enabled) this.stream.write('\r\u001b[K');
  }
}
