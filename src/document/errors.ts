/** Why an input was refused; stable codes so that batches can report and count them. */
export type InputErrorCode = 'empty' | 'binary' | 'invalid-utf8' | 'too-large' | 'unreadable' | 'malformed' | 'unsupported' | 'refused';

/**
 * An input Dossier will not analyse. The message names the input and the
 * reason, e.g. `notes.pdf: binary data (NUL byte at offset 10)`.
 */
export class InputError extends Error {
  readonly input: string;
  readonly code: InputErrorCode;
  readonly reason: string;

  constructor(input: string, code: InputErrorCode, reason: string) {
    super(`${input}: ${reason}`);
    this.name = 'InputError';
    this.input = input;
    this.code = code;
    this.reason = reason;
  }
}
