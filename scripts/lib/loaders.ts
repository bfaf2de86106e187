/**
 * Loaders for the labelled evaluation datasets. Each format has a pure `parse*` function (string
 * in, items out) and a `load*` function reading the file. Nothing here is dataset text: files are
 * read at run time from the directory given to the scripts.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Items plus the number of malformed lines that were skipped. */
export interface Parsed<T> {
  items: T[];
  skipped: number;
}

// Windows-1252 code points for bytes 0x80–0x9F (0 = undefined, kept as the C1 control).
// Spelled out because Node's TextDecoder('windows-1252') decodes these bytes as Latin-1.
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/** Decodes Windows-1252 bytes. */
export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b,
    );
    out += String.fromCharCode(...chunk);
  }
  return out;
}

/** Decodes bytes as UTF-8, falling back to Windows-1252 when they are not valid UTF-8; drops a BOM and CRs. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = decodeCp1252(bytes);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n');
}

export function readText(path: string): string {
  return decodeText(readFileSync(path));
}

function lines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
}

// ── MSRP ────────────────────────────────────────────────────────────────────────────────────

export interface MsrpPair {
  label: boolean;
  id1: string;
  id2: string;
  s1: string;
  s2: string;
}

/** MSRP TSV with a header (Quality, #1 ID, #2 ID, #1 String, #2 String). Split on tabs only: quotes are text. */
export function parseMsrp(text: string): Parsed<MsrpPair> {
  const [header, ...rows] = lines(text);
  if (header === undefined) return { items: [], skipped: 0 };
  const cols = header.split('\t').map((c) => c.trim().toLowerCase());
  const col = (name: string, fallback: number): number => {
    const i = cols.indexOf(name);
    return i >= 0 ? i : fallback;
  };
  const q = col('quality', 0);
  const i1 = col('#1 id', 1);
  const i2 = col('#2 id', 2);
  const c1 = col('#1 string', 3);
  const c2 = col('#2 string', 4);
  const items: MsrpPair[] = [];
  let skipped = 0;
  for (const row of rows) {
    const f = row.split('\t');
    const quality = f[q]?.trim();
    if (f.length < cols.length || (quality !== '0' && quality !== '1')) {
      skipped++;
      continue;
    }
    items.push({ label: quality === '1', id1: f[i1] ?? '', id2: f[i2] ?? '', s1: f[c1], s2: f[c2] });
  }
  return { items, skipped };
}

export const loadMsrp = (path: string): Parsed<MsrpPair> => parseMsrp(readText(path));

// ── STS-B ───────────────────────────────────────────────────────────────────────────────────

export interface StsPair {
  genre: string;
  file: string;
  year: string;
  id: string;
  /** 0..5 */
  score: number;
  s1: string;
  s2: string;
}

/** STS-B TSV without header: genre, file, year, id, score, s1, s2 (extra trailing columns ignored; no quoting). */
export function parseStsb(text: string): Parsed<StsPair> {
  const items: StsPair[] = [];
  let skipped = 0;
  for (const row of lines(text)) {
    const f = row.split('\t');
    const score = Number.parseFloat(f[4] ?? '');
    if (f.length < 7 || !Number.isFinite(score)) {
      skipped++;
      continue;
    }
    items.push({ genre: f[0], file: f[1], year: f[2], id: f[3], score, s1: f[5], s2: f[6] });
  }
  return { items, skipped };
}

export const loadStsb = (path: string): Parsed<StsPair> => parseStsb(readText(path));

// ── SemEval-2022 Task 8 ─────────────────────────────────────────────────────────────────────

export interface SemevalPair {
  id: string;
  lang1: string;
  lang2: string;
  title1?: string;
  title2?: string;
  text1: string;
  text2: string;
  /** Gold Overall, 1 (very similar) … 4 (very dissimilar). */
  overall: number;
  truncated: boolean;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** JSONL: pair_id, lang1, lang2, title1, title2 (may be null), text1, text2, scores.Overall. */
export function parseSemeval(text: string): Parsed<SemevalPair> {
  const items: SemevalPair[] = [];
  let skipped = 0;
  lines(text).forEach((line, n) => {
    try {
      const r = JSON.parse(line) as Record<string, unknown>;
      const scores = r.scores as Record<string, unknown> | undefined;
      const overall = scores?.Overall;
      if (typeof overall !== 'number' || !Number.isFinite(overall)) throw new Error('no Overall');
      items.push({
        id: String(r.pair_id ?? `line${n + 1}`),
        lang1: str(r.lang1) ?? 'und',
        lang2: str(r.lang2) ?? 'und',
        title1: str(r.title1) || undefined,
        title2: str(r.title2) || undefined,
        text1: str(r.text1) ?? '',
        text2: str(r.text2) ?? '',
        overall,
        truncated: r.truncated === true,
      });
    } catch {
      skipped++;
    }
  });
  return { items, skipped };
}

export const loadSemeval = (path: string): Parsed<SemevalPair> => parseSemeval(readText(path));

// ── WMT16 fi→en versions ────────────────────────────────────────────────────────────────────

/** A segment: [seg id, text]. */
export type Segment = [number, string];

export interface WmtDoc {
  id: string;
  human: Segment[];
  /** System name → its segments. */
  mt: Record<string, Segment[]>;
}

function segments(v: unknown): Segment[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: Segment[] = [];
  for (const s of v) {
    if (!Array.isArray(s) || s.length < 2 || typeof s[1] !== 'string') return undefined;
    const id = typeof s[0] === 'number' ? s[0] : Number(s[0]);
    if (!Number.isFinite(id)) return undefined;
    out.push([id, s[1]]);
  }
  return out;
}

/** JSONL: docid, human_en: [seg_id, text][], mt_en: {system: [seg_id, text][]}. */
export function parseWmt16(text: string): Parsed<WmtDoc> {
  const items: WmtDoc[] = [];
  let skipped = 0;
  lines(text).forEach((line, n) => {
    try {
      const r = JSON.parse(line) as Record<string, unknown>;
      const human = segments(r.human_en);
      if (!human) throw new Error('no human_en');
      const mt: Record<string, Segment[]> = {};
      for (const [sys, v] of Object.entries((r.mt_en as Record<string, unknown>) ?? {})) {
        const segs = segments(v);
        if (segs) mt[sys] = segs;
      }
      items.push({ id: String(r.docid ?? `line${n + 1}`), human, mt });
    } catch {
      skipped++;
    }
  });
  return { items, skipped };
}

export const loadWmt16 = (path: string): Parsed<WmtDoc> => parseWmt16(readText(path));

// ── Clough & Stevenson short-answer reuse corpus ────────────────────────────────────────────

export const CLOUGH_CATEGORIES = ['cut', 'light', 'heavy', 'non'] as const;
export type CloughCategory = (typeof CLOUGH_CATEGORIES)[number];

export interface CloughAnswer {
  file: string;
  task: string;
  category: CloughCategory;
  text: string;
}

export interface CloughCorpus {
  /** Task letter → source text. */
  sources: Record<string, string>;
  answers: CloughAnswer[];
  /** Files listed in the index but not found (or unreadable), and rows with unknown categories. */
  missing: string[];
}

/** Splits one CSV line (commas, optional double quotes with "" escapes). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

export interface CloughIndexRow {
  file: string;
  task: string;
  category: string;
}

/** file_information.csv: header File,Task,Category. */
export function parseCloughIndex(text: string): CloughIndexRow[] {
  const [header, ...rows] = lines(text);
  if (header === undefined) return [];
  const cols = splitCsvLine(header).map((c) => c.toLowerCase());
  const fi = cols.indexOf('file');
  const ti = cols.indexOf('task');
  const ci = cols.indexOf('category');
  if (fi < 0 || ti < 0 || ci < 0) throw new Error(`unexpected header: ${header}`);
  return rows
    .map(splitCsvLine)
    .filter((f) => f[fi])
    .map((f) => ({ file: f[fi], task: (f[ti] ?? '').toLowerCase(), category: (f[ci] ?? '').toLowerCase() }));
}

/**
 * Reads the corpus folder: the index, the source of each task (rows with category `orig`, falling
 * back to `orig_task<t>.txt`) and every answer file.
 */
export function loadClough(dir: string, indexFile = 'file_information.csv'): CloughCorpus {
  const rows = parseCloughIndex(readText(join(dir, indexFile)));
  const present = new Set(readdirSync(dir));
  const missing: string[] = [];
  const sources: Record<string, string> = {};
  const tasks = new Set(rows.map((r) => r.task));
  for (const task of tasks) {
    const row = rows.find((r) => r.task === task && r.category === 'orig');
    const name = row?.file ?? `orig_task${task}.txt`;
    if (present.has(name)) sources[task] = readText(join(dir, name));
    else missing.push(name);
  }
  const answers: CloughAnswer[] = [];
  for (const r of rows) {
    if (r.category === 'orig') continue;
    if (!(CLOUGH_CATEGORIES as readonly string[]).includes(r.category)) {
      missing.push(`${r.file} (category ${r.category})`);
      continue;
    }
    if (!present.has(r.file) || !existsSync(join(dir, r.file))) {
      missing.push(r.file);
      continue;
    }
    answers.push({
      file: r.file,
      task: r.task,
      category: r.category as CloughCategory,
      text: readText(join(dir, r.file)),
    });
  }
  return { sources, answers, missing };
}
