/** Plain-text formatting for the script reports. */

/** Fixed decimals; '—' for NaN/undefined, '∞' for infinities. */
export function num(x: number | undefined | null, digits = 3): string {
  if (x === undefined || x === null || Number.isNaN(x)) return '—';
  if (x === Number.POSITIVE_INFINITY) return '∞';
  if (x === Number.NEGATIVE_INFINITY) return '-∞';
  return x.toFixed(digits);
}

/** Percentage with one decimal. */
export function pct(x: number | undefined | null, digits = 1): string {
  return x === undefined || x === null || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
}

export function ms(x: number | undefined | null): string {
  if (x === undefined || x === null || Number.isNaN(x)) return '—';
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(2)} ms`;
}

export function mib(kib: number | undefined | null): string {
  return kib === undefined || kib === null || Number.isNaN(kib) ? '—' : `${(kib / 1024).toFixed(0)} MiB`;
}

export const mark = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? '✓' : '✗');

/** Display width: code points, ignoring combining marks. Enough for the symbols used here. */
export function width(s: string): number {
  return [...s.replace(/\p{M}/gu, '')].length;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

export interface TableOptions {
  /** Per column: 'l' or 'r'. Default: 'l' for the first column, 'r' for the others. */
  align?: ('l' | 'r')[];
  indent?: number;
}

/** An aligned text table with a rule under the header. */
export function table(headers: string[], rows: (string | number)[][], opts: TableOptions = {}): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? num(c) : c)));
  const ncol = Math.max(headers.length, ...cells.map((r) => r.length));
  const widths = Array.from({ length: ncol }, (_, i) =>
    Math.max(width(headers[i] ?? ''), ...cells.map((r) => width(r[i] ?? ''))),
  );
  const align = (i: number): boolean => (opts.align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'r';
  const ind = ' '.repeat(opts.indent ?? 2);
  const line = (r: string[]) =>
    ind +
    widths
      .map((w, i) => pad(r[i] ?? '', w, align(i)))
      .join('  ')
      .trimEnd();
  return [line(headers), ind + widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Wall-clock stopwatch. */
export function stopwatch(): () => number {
  const t0 = performance.now();
  return () => performance.now() - t0;
}

/** Replaces non-finite numbers by null (JSON cannot hold NaN/Infinity) and keeps the rest. */
export function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
  );
}

/** Message of anything thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}`;
  return String(err);
}
