/**
 * XML 1.0 text helpers shared by the GEXF and GraphML writers.
 *
 * XML 1.0 allows only #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]; anything else (C0 controls, U+FFFE/U+FFFF, lone
 * surrogates) makes the whole file unparseable, even as a character reference.
 * We strip those characters rather than fail the export: a name with a stray
 * control character still deserves its node.
 */

// With the `u` flag a lone surrogate is one code point in \uD800-\uDFFF, outside the allowed set.
const ILLEGAL_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Remove the characters XML 1.0 cannot carry at all. */
export function stripIllegalXmlChars(value: string): string {
  return value.replace(ILLEGAL_XML_CHARS, '');
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// Attribute values also escape quotes, and tab/newline/CR as references: a
// parser normalises literal whitespace in attributes to spaces.
const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Escape for element content.
 * @example xmlText('A & B <c>') // 'A &amp; B &lt;c&gt;'
 */
export function xmlText(value: string): string {
  return stripIllegalXmlChars(value).replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]);
}

/**
 * Escape for a double- or single-quoted attribute value.
 * @example xmlAttr(`"O'Brien" & co`) // '&quot;O&apos;Brien&quot; &amp; co'
 */
export function xmlAttr(value: string): string {
  return stripIllegalXmlChars(value).replace(/[&<>"'\t\n\r]/g, (c) => ATTR_ESCAPES[c]);
}

/** `name="value"` pairs for the non-null entries, escaped, in the given order. */
export function xmlAttrs(attrs: ReadonlyArray<readonly [string, string | number | null | undefined]>): string {
  let out = '';
  for (const [name, value] of attrs) {
    if (value === null || value === undefined) continue;
    out += ` ${name}="${xmlAttr(String(value))}"`;
  }
  return out;
}
