// Offsets in the decoded text → 1-based line and column, columns counted in characters (code points).
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    const start = this.starts[line - 1];
    let column = 1;
    for (let i = start; i < offset && i < this.text.length; i++) {
      const unit = this.text.charCodeAt(i);
      // The second half of a surrogate pair is part of the same character.
      if (unit < 0xdc00 || unit > 0xdfff) column++;
    }
    return { line, column };
  }

  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const end = this.starts[line] !== undefined ? this.starts[line] - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}
