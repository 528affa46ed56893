import { InputError } from './errors.js';

/** Default cap on one input, in bytes (10 MB); configurable per call and on the CLI. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

// C0 controls except tab and newline, DEL, and C1 controls (the usual trace of a
// wrong decoding). Carriage returns are folded into newlines before this runs.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Normalise text once, before anything gets an offset: BOM stripped, lone
 * surrogates replaced by U+FFFD, CRLF and CR to LF, control characters other
 * than tab and newline removed, NFC. All spans point into the result.
 *
 * @example normalizeText('\uFEFFa\r\nb\u0000') // 'a\nb'
 */
export function normalizeText(input: string): string {
  let s = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  s = s.toWellFormed();
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  s = s.replace(CONTROL, '');
  return s.normalize('NFC');
}

const MAGIC: Array<[string, number[]]> = [
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['ZIP archive (or DOCX/XLSX)', [0x50, 0x4b, 0x03, 0x04]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['gzip data', [0x1f, 0x8b]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
];

export interface DecodeOptions {
  /** Refuse inputs larger than this many bytes. */
  maxBytes?: number;
}

/**
 * Turn the bytes of one input into normalised text, or refuse it with an
 * `InputError` that names the input and the reason. UTF-8 (with or without
 * BOM) and UTF-16 with a BOM are accepted; anything else must be converted by
 * the caller, because guessing a legacy code page silently corrupts names.
 */
export function decodeInput(bytes: Uint8Array, input: string, options: DecodeOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new InputError(input, 'too-large', `too large: ${bytes.length} bytes, over the cap of ${maxBytes} bytes (raise it with --max-bytes)`);
  }
  if (bytes.length === 0) throw new InputError(input, 'empty', 'empty input (0 bytes)');
  for (const [what, magic] of MAGIC) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) {
      throw new InputError(input, 'binary', `binary data: looks like a ${what}, not text`);
    }
  }
  let raw: string;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const le = bytes[0] === 0xff;
    try {
      raw = new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
    } catch {
      throw new InputError(input, 'invalid-utf8', 'invalid UTF-16 after a UTF-16 byte-order mark');
    }
  } else {
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new InputError(input, 'binary', `binary data: NUL byte at offset ${nul}`);
    try {
      raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      throw new InputError(input, 'invalid-utf8', `invalid UTF-8 at byte ${at}: convert the file to UTF-8 first (it may be Latin-1 or Windows-1252)`);
    }
  }
  return checkText(raw, input);
}

/** Normalise an already-decoded string (JSONL fields, stdin) and refuse empty or binary-looking text. */
export function checkText(raw: string, input: string): string {
  const text = normalizeText(raw);
  if (text.trim().length === 0) throw new InputError(input, 'empty', 'no text after normalisation (only white space or control characters)');
  const sample = raw.slice(0, 4096);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c <= 0x9f)) controls++;
  }
  if (sample.length >= 64 && controls / sample.length > 0.1) {
    throw new InputError(input, 'binary', `binary data: ${Math.round((100 * controls) / sample.length)}% control characters`);
  }
  return text;
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let n = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}
