/**
 * Items as JSON Lines: one compact JSON value per line, each ending in "\n".
 * JSON.stringify escapes line breaks and control characters inside strings,
 * so a value can never split a record across lines.
 *
 * @example [...toJsonl([{ a: 1 }, { b: 'x\ny' }])] // ['{"a":1}\n', '{"b":"x\\ny"}\n']
 */
export function* toJsonl(items: Iterable<unknown>): Generator<string> {
  for (const item of items) yield `${JSON.stringify(item)}\n`;
}
