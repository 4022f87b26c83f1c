// Progress for long work, on stderr so it never mixes with the results on stdout:
// a live bar on a terminal, or one line per 10% when asked for with --progress
// (logs, CI), or nothing.
export type ProgressMode = 'bar' | 'lines' | 'off';

export class Progress {
  private label = '';
  private total = 1;
  private lastDraw = 0;
  private lastTenth = -1;
  private active = false;

  constructor(
    private readonly mode: ProgressMode,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  start(label: string, total: number): void {
    this.label = label;
    this.total = Math.max(1, total);
    this.lastDraw = 0;
    this.lastTenth = -1;
    this.active = true;
    this.update(0);
  }

  update(done: number): void {
    if (!this.active || this.mode === 'off') return;
    const fraction = Math.min(1, done / this.total);
    if (this.mode === 'lines') {
      const tenth = Math.floor(fraction * 10);
      if (tenth > this.lastTenth) {
        this.lastTenth = tenth;
        this.stream.write(`${this.label}: ${tenth * 10}%\n`);
      }
      return;
    }
    const now = Date.now();
    if (now - this.lastDraw < 80 && fraction < 1) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round(fraction * width);
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    this.stream.write(`\r${this.label} [${bar}] ${Math.floor(fraction * 100)}%`);
  }

  done(): void {
    if (!this.active) return;
    this.update(this.total);
    this.active = false;
    if (this.mode === 'bar') this.stream.write('\r\x1b[K');
  }
}
