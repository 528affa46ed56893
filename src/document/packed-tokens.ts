import type { Token } from './segment.js';

/**
 * Tokens as a few typed arrays, for handing a segmented document from one
 * worker thread to another: structured cloning ~900 token objects per article
 * cost more CPU than some whole stages (measured 2.9 ms per article to clone
 * and rebuild, against ~0.3 ms to unpack these). `value`, `lower` and
 * `spaceBefore` are not sent: `value` is always `text.slice(start, end)` and
 * `lower` its lower case; the flag rides in the code bytes.
 */
export interface PackedTokens {
  /** start, end, sentence per token. */
  ints: Int32Array;
  /** pos code, kind code (high bit: spaceBefore) per token. */
  codes: Uint16Array;
  /** Code → tag or kind name, in order of first use. */
  names: string[];
}

const SPACE_BIT = 0x8000;

export function packTokens(tokens: readonly Token[]): PackedTokens {
  const ints = new Int32Array(tokens.length * 3);
  const codes = new Uint16Array(tokens.length * 2);
  const names: string[] = [];
  const codeOf = new Map<string, number>();
  const code = (name: string): number => {
    let c = codeOf.get(name);
    if (c === undefined) {
      c = names.length;
      if (c >= SPACE_BIT) throw new Error('too many distinct token tags to pack');
      names.push(name);
      codeOf.set(name, c);
    }
    return c;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    ints[i * 3] = t.start;
    ints[i * 3 + 1] = t.end;
    ints[i * 3 + 2] = t.sentence;
    codes[i * 2] = code(t.pos);
    codes[i * 2 + 1] = code(t.kind) | (t.spaceBefore ? SPACE_BIT : 0);
  }
  return { ints, codes, names };
}

/** The tokens of `text` that `packTokens` packed, as fresh objects equal to the originals. */
export function unpackTokens(packed: PackedTokens, text: string): Token[] {
  const { ints, codes, names } = packed;
  const n = ints.length / 3;
  const tokens = new Array<Token>(n);
  for (let i = 0; i < n; i++) {
    const start = ints[i * 3];
    const end = ints[i * 3 + 1];
    const value = text.slice(start, end);
    const kindCode = codes[i * 2 + 1];
    tokens[i] = {
      start,
      end,
      value,
      lower: value.toLowerCase(),
      pos: names[codes[i * 2]],
      kind: names[kindCode & ~SPACE_BIT],
      sentence: ints[i * 3 + 2],
      spaceBefore: (kindCode & SPACE_BIT) !== 0,
    };
  }
  return tokens;
}
