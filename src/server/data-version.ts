import type { Store } from '../store/store.js';

/**
 * The store's `dataVersion()`, asked at most once per `maxAgeMs` (two index
 * lookups per request add up under load). Writes through this server call
 * `changed()`, so they show at once; writes by another process (`dossier
 * ingest`, a queue worker) show within `maxAgeMs`.
 */
export class DataVersion {
  private value: Promise<string> | null = null;
  private at = 0;
  private local = 0;

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = 1000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async current(): Promise<string> {
    const t = this.now();
    if (!this.value || t - this.at >= this.maxAgeMs) {
      this.at = t;
      const local = this.local;
      this.value = this.store.dataVersion().then((v) => `${v}/${local}`);
      this.value.catch(() => {
        this.value = null;
      });
    }
    return this.value;
  }

  /** This server changed the data: forget the remembered version. */
  changed(): void {
    this.local++;
    this.value = null;
  }
}
