import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseRhetoric } from './test-support.js';

// Short texts written for this test, one per genre.
const EXAMPLES: Record<string, string> = {
  opinion: `The regime in Tehran is a menace, and we must say so plainly. Why do Western capitals keep rewarding its brutal behaviour? They never learn. The trouble is that every concession emboldens the mullahs and their puppet militias. It is time to stop this shameful appeasement!`,
  reporting: `Iraq's prime minister met the Iranian foreign minister in Baghdad on Monday, officials said. "We discussed trade and border security," the prime minister told reporters after the meeting. According to a government statement, the two sides agreed to set up a joint committee. The foreign minister said he would return in March, the state news agency reported.`,
  analysis: `Tehran's influence in Iraq may be weaker than it appears. Several factors suggest the balance could shift: militias depend on state salaries, and younger Shia voters seem less attached to clerical authority. It is unclear whether the new government will act, but pressure is likely to grow if the economy deteriorates. Much will probably depend on oil prices.`,
  statement: `We, the members of the association, condemn the arrest of our colleague and call for his immediate release. Our organisation has always defended the freedom of the press. We urge the authorities to respect their commitments, and we will continue our work with our partners.`,
  satire: `Area man reportedly sobbing after learning the sanctions do not apply to his favourite snack. Sources confirm the nation's pundits are equally devastated. This satire was written by our staff.`,
};

describe('genre', () => {
  for (const [genre, text] of Object.entries(EXAMPLES)) {
    it(`labels the ${genre} example ${genre}`, () => {
      const g = analyseRhetoric(text).document.genre;
      assert.ok(g);
      assert.equal(g.label, genre);
      assert.ok(g.score > 0.2 && g.score <= 1);
    });
  }
  it('gives no genre to an empty text', () => {
    assert.equal(analyseRhetoric(' ').document.genre, null);
  });
});
