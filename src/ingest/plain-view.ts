import type { PlainView } from './loaded-source.js';

/** Builds a PlainView one piece at a time: each piece is plain text and the raw span it stands for. */
export class PlainViewBuilder {
  private readonly parts: string[] = [];
  private starts: number[] = [];
  private ends: number[] = [];

  /** Appends `plain`, every code unit of which stands for raw [rawStart, rawEnd). */
  push(plain: string, rawStart: number, rawEnd: number): void {
    this.parts.push(plain);
    for (let i = 0; i < plain.length; i++) {
      this.starts.push(rawStart);
      this.ends.push(rawEnd);
    }
  }

  /** Appends raw text that is its own plain text, character for character. */
  pushVerbatim(raw: string, rawStart: number): void {
    this.parts.push(raw);
    for (let i = 0; i < raw.length; i++) {
      this.starts.push(rawStart + i);
      this.ends.push(rawStart + i + 1);
    }
  }

  get length(): number {
    return this.starts.length;
  }

  /** The last plain character pushed, if any. */
  lastChar(): string | undefined {
    const last = this.parts[this.parts.length - 1];
    return last === undefined ? undefined : last[last.length - 1];
  }

  build(): PlainView {
    return {
      text: this.parts.join(''),
      starts: Uint32Array.from(this.starts),
      ends: Uint32Array.from(this.ends),
    };
  }
}

/** The raw span covering plain [start, end) (end > start). */
export function rawSpan(
  view: PlainView,
  start: number,
  end: number,
): { start: number; end: number } {
  return { start: view.starts[start] as number, end: view.ends[end - 1] as number };
}
