/**
 * A user's query as a search expression that FTS5 and PostgreSQL's
 * `websearch_to_tsquery` read alike: quoted phrases stay phrases, other
 * words become quoted terms (so `-`, `:` or `NEAR` in a query are never syntax),
 * all required; `OR` between two terms is kept.
 *
 * @example searchExpression('Iran "proxy groups" OR Hezbollah') // '"iran" "proxy groups" OR "hezbollah"'
 */
export function searchExpression(query: string): string {
  const parts: string[] = [];
  for (const m of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (m[2] === 'OR' && parts.length > 0 && parts[parts.length - 1] !== 'OR') {
      parts.push('OR');
      continue;
    }
    const words = (m[1] ?? m[2]).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
    if (words.length > 0) parts.push(`"${words.join(' ').toLowerCase()}"`);
  }
  while (parts[parts.length - 1] === 'OR') parts.pop();
  return parts.join(' ');
}
