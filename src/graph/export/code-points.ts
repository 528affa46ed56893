/**
 * Dossier spans count UTF-16 code units (what `String.prototype.slice` uses);
 * the W3C Web Annotation TextPositionSelector counts characters as Unicode code
 * points (Web Annotation Data Model §4.2.5, settled in w3c/web-annotation#206).
 * They differ after every astral character (emoji, many CJK extension
 * ideographs): "😀 Iran" has "Iran" at [3,7) in UTF-16 but [2,6) in code points.
 *
 * `CodePointIndex` converts in O(log n) per offset after an O(n) scan of the
 * text, so a long article with thousands of annotations stays linear-ish.
 */
export class CodePointIndex {
  /** UTF-16 offsets of the low half of each surrogate pair, ascending. */
  private readonly lowSurrogates: number[] = [];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length - 1; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.lowSurrogates.push(i + 1);
          i++;
        }
      }
    }
  }

  /** Code point offset of a UTF-16 offset (an offset inside a pair counts as after its high half). */
  toCodePoints(utf16: number): number {
    return utf16 - this.countLowBefore(utf16);
  }

  /** UTF-16 offset of a code point offset: the inverse of `toCodePoints` on pair boundaries. */
  toUtf16(codePoints: number): number {
    // Each low surrogate before the answer adds one unit: find the smallest k
    // with lowSurrogates[k] >= codePoints + k (+1 for the unit itself).
    let lo = 0;
    let hi = this.lowSurrogates.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lowSurrogates[mid] - mid <= codePoints) lo = mid + 1;
      else hi = mid;
    }
    return codePoints + lo;
  }

  /** Move an offset that splits a surrogate pair back to the pair's start. */
  snapBack(utf16: number): number {
    return this.isInsidePair(utf16) ? utf16 - 1 : utf16;
  }

  /** Move an offset that splits a surrogate pair forward past the pair. */
  snapForward(utf16: number): number {
    return this.isInsidePair(utf16) ? utf16 + 1 : utf16;
  }

  private isInsidePair(utf16: number): boolean {
    if (utf16 <= 0 || utf16 >= this.text.length) return false;
    const c = this.text.charCodeAt(utf16);
    const p = this.text.charCodeAt(utf16 - 1);
    return c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff;
  }

  private countLowBefore(utf16: number): number {
    // Number of low surrogates at offsets < utf16... a low half at exactly
    // `utf16 - 1` is complete, one at `utf16` is not yet reached.
    let lo = 0;
    let hi = this.lowSurrogates.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lowSurrogates[mid] < utf16) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
