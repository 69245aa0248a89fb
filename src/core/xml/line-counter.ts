// Line and column of offsets in a text, for start-tag positions. Lines break at \n, \r\n and a lone
// \r (as XML reads them); columns are 1-based and count code points, so an emoji is one column.
import type { Position } from '../diagnostics.js';

export class LineCounter {
  private line = 1;
  private lineStart = 0;
  /** Next \n and next \r at or after the scan point (-1: none left). */
  private nextLf: number;
  private nextCr: number;
  private readonly astral: boolean;

  constructor(private readonly text: string) {
    this.astral = /[\uD800-\uDFFF]/.test(text);
    this.nextLf = text.indexOf('\n');
    this.nextCr = text.indexOf('\r');
  }

  /** Offsets must be asked for in increasing order (as a parser meets them). */
  at(offset: number): Position {
    for (;;) {
      const lf = this.nextLf;
      const cr = this.nextCr;
      const brk = cr < 0 ? lf : lf < 0 ? cr : Math.min(lf, cr);
      if (brk < 0 || brk >= offset) break;
      // \r\n is one break
      const end = brk === cr && lf === cr + 1 ? lf + 1 : brk + 1;
      this.line++;
      this.lineStart = end;
      if (lf >= 0 && lf < end) this.nextLf = this.text.indexOf('\n', end);
      if (cr >= 0 && cr < end) this.nextCr = this.text.indexOf('\r', end);
    }
    let column = offset - this.lineStart + 1;
    if (this.astral) {
      for (let k = this.lineStart; k < offset; k++) {
        const c = this.text.charCodeAt(k);
        if (c >= 0xd800 && c <= 0xdbff) column--;
      }
    }
    return { line: this.line, column };
  }
}
