/**
 * Shared reports (`/r/<id>`) kept in memory, bounded by count, size and age.
 */
import { randomBytes } from 'node:crypto';

/** A stored report: the comparison JSON, its HTML page and the CSP that page needs. */
export interface StoredReport {
  json: string;
  html: string;
  csp: string;
  expires: number;
  bytes: number;
}

/**
 * Shared reports kept in memory under unguessable ids: bounded by count and by size (the least
 * recently used go first) and by age. Nothing is written to disk; a restart forgets them all.
 *
 * @example
 * ```ts
 * const store = new ResultStore({ ttlMs: 3_600_000, maxEntries: 100, maxBytes: 128 << 20 });
 * const id = store.put({ json, html, csp });
 * store.get(id)?.html;
 * ```
 */
export class ResultStore {
  // A Map iterates in insertion order; re-inserting on read keeps the least recently used first.
  private readonly entries = new Map<string, StoredReport>();
  private bytes = 0;

  constructor(
    private readonly opts: { ttlMs: number; maxEntries: number; maxBytes: number; now?: () => number },
  ) {}

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  /** Stores a report and returns its new id (128 random bits, URL-safe). */
  put(r: { json: string; html: string; csp: string }): string {
    const id = randomBytes(16).toString('base64url');
    // UTF-16 strings: two bytes per code unit is close enough for a memory bound.
    const bytes = 2 * (r.json.length + r.html.length + r.csp.length);
    this.sweep();
    this.entries.set(id, { ...r, expires: this.now() + this.opts.ttlMs, bytes });
    this.bytes += bytes;
    for (const [key, e] of this.entries) {
      if (this.entries.size <= this.opts.maxEntries && this.bytes <= this.opts.maxBytes) break;
      if (key === id && this.entries.size === 1) break; // one report larger than the bound is still kept
      this.delete(key, e);
    }
    return id;
  }

  /** The report stored under `id`, or undefined when unknown or expired. */
  get(id: string): StoredReport | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.delete(id, e);
      return undefined;
    }
    this.entries.delete(id);
    this.entries.set(id, e);
    return e;
  }

  /** Number of reports held. */
  get size(): number {
    return this.entries.size;
  }

  private delete(id: string, e: StoredReport): void {
    this.entries.delete(id);
    this.bytes -= e.bytes;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, e] of this.entries) if (e.expires <= now) this.delete(id, e);
  }
}
