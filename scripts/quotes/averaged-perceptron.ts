import type { FeatureKey } from '../../src/extract/quotes/feature-key.js';

/**
 * An averaged perceptron's weights with lazy averaging: each weight remembers
 * when it last changed (its stamp), so an update costs only its own features.
 * The trainer advances the clock `t` after every example.
 */
export class AveragedPerceptron {
  w = new Map<string, number>();
  acc = new Map<string, number>();
  stamp = new Map<string, number>();
  t = 1;

  update(features: readonly FeatureKey[], delta: number): void {
    for (const key of features) {
      const f = key as string;
      const old = this.w.get(f) ?? 0;
      this.acc.set(f, (this.acc.get(f) ?? 0) + old * (this.t - (this.stamp.get(f) ?? 0)));
      this.stamp.set(f, this.t);
      this.w.set(f, old + delta);
    }
  }

  /** Every weight's mean over the clock so far, unrounded. */
  means(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [f, v] of this.w) out.set(f, ((this.acc.get(f) ?? 0) + v * (this.t - (this.stamp.get(f) ?? 0))) / this.t);
    return out;
  }

  /** The means rounded to 4 decimals, without those smaller than `prune` (and without zeros). */
  averaged(prune: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const [f, mean] of this.means()) {
      const a = Math.round(mean * 10000) / 10000;
      if (Math.abs(a) >= prune && a !== 0) out.set(f, a);
    }
    return out;
  }
}
