/**
 * Token tables of static (model2vec-style) sentence encoders: how they are stored on disk and read
 * back. Two sources are read: storydiff's own compact file (`.sdt`, below), and the embedding
 * matrix inside a transformers.js-style ONNX folder whose graph is a plain lookup
 * (`Gather(E, input_ids)`), such as use-lite-static-en-256.
 *
 * The `.sdt` layout, all little-endian:
 *
 * | bytes            | content                                                              |
 * | ---------------- | -------------------------------------------------------------------- |
 * | 8                | magic `SDTABLE1`                                                     |
 * | 4                | uint32 length H of the header                                        |
 * | H                | header, UTF-8 JSON ({@link TableHeader}), padded with spaces to 4    |
 * | header.vocabBytes| the vocabulary, tokens joined by `\n`, padded with NULs to 4         |
 * | 4 × rows         | float32 scale of each row                                            |
 * | rows × dim       | int8 values (`int8-row`) — or 4 × rows × dim float32 (`float32`)     |
 *
 * A row's vector is `scale × values`: int8 with one scale per row keeps a 30k × 256 table under
 * 8 MB (float16 would be 16 MB) and loses nothing measurable (docs/DESIGN.md, "Sentence encoders").
 */

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { StorydiffError } from '../errors.js';
import { STATIC_TABLE_SCHEMA } from '../formats.js';
import type { WordPieceOptions } from './wordpiece.js';

/** The JSON header of a `.sdt` file. */
export interface TableHeader {
  schema: typeof STATIC_TABLE_SCHEMA;
  /** Model name, e.g. `use-lite-static-en-256`. */
  name: string;
  dim: number;
  rows: number;
  quantization: 'int8-row' | 'float32';
  vocabBytes: number;
  tokenizer: { type: 'wordpiece' } & WordPieceOptions;
  /** Languages the table was built for (ISO 639-1). */
  languages?: string[];
  /** Free-form provenance: what it was built from and how. */
  source?: Record<string, unknown>;
}

/** A token table in memory. */
export interface StaticTable {
  name: string;
  /** First 12 hex digits of the SHA-256 of the file the table came from: its version. */
  version: string;
  dim: number;
  rows: number;
  vocab: string[];
  tokenizer: WordPieceOptions;
  /** Languages the table was built for; absent when unknown (a table read from ONNX). */
  languages?: string[];
  /** Per-row scale (1 for float tables). */
  scales: Float32Array;
  /** Row-major values, `rows × dim`. */
  values: Int8Array | Float32Array;
  source?: Record<string, unknown>;
}

const MAGIC = 'SDTABLE1';
const pad4 = (n: number) => (4 - (n % 4)) % 4;

const sha12 = (buf: Uint8Array) => createHash('sha256').update(buf).digest('hex').slice(0, 12);

/**
 * Serialises a table into the `.sdt` format. Float tables are quantised to int8 with one scale
 * per row (largest absolute value ↦ 127, round half away from zero), deterministically.
 *
 * @example
 * ```ts
 * const bytes = encodeTable({ name: 't', dim: 2, vocab: ['[UNK]', 'a'], values: Float32Array.of(0, 0, 1, -0.5) });
 * writeFileSync('t.sdt', bytes);
 * ```
 */
export function encodeTable(t: {
  name: string;
  dim: number;
  vocab: string[];
  values: Float32Array | Float64Array;
  tokenizer?: WordPieceOptions;
  languages?: string[];
  source?: Record<string, unknown>;
  quantization?: TableHeader['quantization'];
}): Uint8Array {
  const rows = t.vocab.length;
  if (t.values.length !== rows * t.dim)
    throw new Error(`values hold ${t.values.length}, not ${rows}×${t.dim}`);
  if (t.vocab.some((w) => w.includes('\n'))) throw new Error('a vocabulary token contains a newline');
  const quantization = t.quantization ?? 'int8-row';
  const vocabBuf = Buffer.from(t.vocab.join('\n'), 'utf8');
  const header: TableHeader = {
    schema: STATIC_TABLE_SCHEMA,
    name: t.name,
    dim: t.dim,
    rows,
    quantization,
    vocabBytes: vocabBuf.length,
    tokenizer: { type: 'wordpiece', ...t.tokenizer },
    ...(t.languages ? { languages: t.languages } : {}),
    ...(t.source ? { source: t.source } : {}),
  };
  let headerText = JSON.stringify(header);
  headerText += ' '.repeat(pad4(Buffer.byteLength(headerText)));
  const headerBuf = Buffer.from(headerText, 'utf8');
  const valueBytes = quantization === 'int8-row' ? rows * t.dim : rows * t.dim * 4;
  const total = 12 + headerBuf.length + vocabBuf.length + pad4(vocabBuf.length) + rows * 4 + valueBytes;
  const out = Buffer.alloc(total);
  out.write(MAGIC, 0, 'ascii');
  out.writeUInt32LE(headerBuf.length, 8);
  let p = 12;
  headerBuf.copy(out, p);
  p += headerBuf.length;
  vocabBuf.copy(out, p);
  p += vocabBuf.length + pad4(vocabBuf.length);
  const scalesAt = p;
  const valuesAt = p + rows * 4;
  for (let r = 0; r < rows; r++) {
    const off = r * t.dim;
    if (quantization === 'float32') {
      out.writeFloatLE(1, scalesAt + r * 4);
      for (let k = 0; k < t.dim; k++) out.writeFloatLE(t.values[off + k], valuesAt + (off + k) * 4);
      continue;
    }
    let max = 0;
    for (let k = 0; k < t.dim; k++) max = Math.max(max, Math.abs(t.values[off + k]));
    // The scale is rounded to float32 first so that the quantised values are computed with the
    // scale a reader will use.
    const scale = Math.fround(max / 127);
    out.writeFloatLE(scale, scalesAt + r * 4);
    for (let k = 0; k < t.dim; k++) {
      const x = scale > 0 ? t.values[off + k] / scale : 0;
      const q = Math.max(-127, Math.min(127, Math.sign(x) * Math.round(Math.abs(x))));
      out.writeInt8(q, valuesAt + off + k);
    }
  }
  return out;
}

/**
 * Reads a `.sdt` table from bytes.
 *
 * @example
 * ```ts
 * const table = decodeTable(readFileSync('data/use-lite-static-en-256.sdt'));
 * table.dim; // 256
 * ```
 */
export function decodeTable(buf: Uint8Array, where = 'table'): StaticTable {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const bad = (why: string) =>
    new StorydiffError('FORMAT_VERSION', `not a storydiff static table (${why})`, { source: where });
  if (b.length < 12 || b.toString('ascii', 0, 8) !== MAGIC) throw bad('wrong magic bytes');
  const hLen = b.readUInt32LE(8);
  let header: TableHeader;
  try {
    header = JSON.parse(b.toString('utf8', 12, 12 + hLen));
  } catch {
    throw bad('unreadable header');
  }
  if (header.schema !== STATIC_TABLE_SCHEMA) throw bad(`schema ${String(header.schema)}`);
  const { rows, dim } = header;
  let p = 12 + hLen;
  const vocab = b.toString('utf8', p, p + header.vocabBytes).split('\n');
  if (vocab.length !== rows) throw bad(`${vocab.length} vocabulary tokens for ${rows} rows`);
  p += header.vocabBytes + pad4(header.vocabBytes);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) scales[r] = b.readFloatLE(p + r * 4);
  p += rows * 4;
  let values: Int8Array | Float32Array;
  if (header.quantization === 'int8-row') {
    if (b.length < p + rows * dim) throw bad('truncated');
    // A copy, so the table does not pin a larger file buffer and is aligned.
    values = new Int8Array(rows * dim);
    values.set(new Int8Array(b.buffer, b.byteOffset + p, rows * dim));
  } else if (header.quantization === 'float32') {
    if (b.length < p + rows * dim * 4) throw bad('truncated');
    values = new Float32Array(rows * dim);
    for (let i = 0; i < rows * dim; i++) values[i] = b.readFloatLE(p + i * 4);
  } else throw bad(`quantization ${String(header.quantization)}`);
  const { type: _type, ...tokenizer } = header.tokenizer;
  return {
    name: header.name,
    version: sha12(buf),
    dim,
    rows,
    vocab,
    tokenizer,
    ...(header.languages ? { languages: header.languages } : {}),
    scales,
    values,
    source: header.source,
  };
}

// ── ONNX: just enough protobuf to find the embedding matrix ────────────────────────────────

interface Field {
  f: number;
  wire: number;
  value?: bigint;
  start: number;
  end: number;
}

/** The fields of one protobuf message between two offsets (wire types 0, 1, 2 and 5). */
function* fields(b: Uint8Array, start: number, end: number): Generator<Field> {
  let p = start;
  const varint = (): bigint => {
    let r = 0n;
    let s = 0n;
    for (;;) {
      if (p >= end) throw new Error('truncated varint');
      const x = b[p++];
      r |= BigInt(x & 0x7f) << s;
      s += 7n;
      if (x < 128) return r;
    }
  };
  while (p < end) {
    const key = Number(varint());
    const f = key >>> 3;
    const wire = key & 7;
    if (wire === 0) yield { f, wire, value: varint(), start: p, end: p };
    else if (wire === 2) {
      const len = Number(varint());
      yield { f, wire, start: p, end: p + len };
      p += len;
    } else if (wire === 5 || wire === 1) {
      const len = wire === 5 ? 4 : 8;
      yield { f, wire, start: p, end: p + len };
      p += len;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
}

/** IEEE half → float. */
function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/**
 * The largest two-dimensional initializer of an ONNX model (float32 or float16, stored as raw
 * data): for a static embedding model, its token table.
 *
 * @example
 * ```ts
 * const { rows, dim, values } = readOnnxMatrix(readFileSync('model/onnx/model.onnx'));
 * ```
 */
export function readOnnxMatrix(buf: Uint8Array): { rows: number; dim: number; values: Float32Array } {
  let best: { rows: number; dim: number; type: number; raw: Field } | undefined;
  for (const m of fields(buf, 0, buf.length)) {
    if (m.f !== 7 || m.wire !== 2) continue; // ModelProto.graph
    for (const g of fields(buf, m.start, m.end)) {
      if (g.f !== 5 || g.wire !== 2) continue; // GraphProto.initializer
      const dims: number[] = [];
      let type = 0;
      let raw: Field | undefined;
      for (const t of fields(buf, g.start, g.end)) {
        if (t.f === 1 && t.wire === 0) dims.push(Number(t.value));
        else if (t.f === 1 && t.wire === 2) dims.push(...packedVarints(buf, t.start, t.end));
        else if (t.f === 2 && t.wire === 0) type = Number(t.value);
        else if (t.f === 9 && t.wire === 2) raw = t;
      }
      if (dims.length !== 2 || !raw || (type !== 1 && type !== 10)) continue;
      if (!best || dims[0] * dims[1] > best.rows * best.dim)
        best = { rows: dims[0], dim: dims[1], type, raw };
    }
  }
  if (!best) throw new Error('no 2-D float32/float16 initializer with raw data');
  const n = best.rows * best.dim;
  const values = new Float32Array(n);
  const view = new DataView(buf.buffer, buf.byteOffset + best.raw.start, best.raw.end - best.raw.start);
  if (view.byteLength !== n * (best.type === 1 ? 4 : 2)) throw new Error('initializer size mismatch');
  for (let i = 0; i < n; i++)
    values[i] = best.type === 1 ? view.getFloat32(i * 4, true) : half(view.getUint16(i * 2, true));
  return { rows: best.rows, dim: best.dim, values };
}

/** Packed repeated varints (how some ONNX writers store dims). */
function packedVarints(b: Uint8Array, start: number, end: number): number[] {
  const out: number[] = [];
  let r = 0;
  let s = 1;
  for (let p = start; p < end; p++) {
    r += (b[p] & 0x7f) * s;
    s *= 128;
    if (b[p] < 128) {
      out.push(r);
      r = 0;
      s = 1;
    }
  }
  return out;
}

/**
 * Loads a static table: a `.sdt` file, or a folder holding `onnx/model.onnx` (a plain lookup)
 * and `vocab.txt`, as transformers.js static models are laid out.
 *
 * @example
 * ```ts
 * const t = loadStaticTable('data/use-lite-static-en-256.sdt');
 * ```
 */
export function loadStaticTable(path: string): StaticTable {
  if (!existsSync(path))
    throw new StorydiffError('RESOURCE_UNAVAILABLE', `static table not found: ${path}`, { source: path });
  if (!statSync(path).isDirectory()) return decodeTable(readFileSync(path), path);
  const onnx = join(path, 'onnx', 'model.onnx');
  const vocabFile = join(path, 'vocab.txt');
  for (const f of [onnx, vocabFile])
    if (!existsSync(f))
      throw new StorydiffError('RESOURCE_UNAVAILABLE', `a static model folder needs ${f}`, { source: path });
  const bytes = readFileSync(onnx);
  let m: ReturnType<typeof readOnnxMatrix>;
  try {
    m = readOnnxMatrix(bytes);
  } catch (err) {
    throw new StorydiffError(
      'RESOURCE_UNAVAILABLE',
      `cannot read a token table from ${onnx}: ${String(err)}`,
      {
        source: path,
        cause: err,
      },
    );
  }
  const vocab = readFileSync(vocabFile, 'utf8')
    .replace(/\r?\n$/, '')
    .split(/\r?\n/);
  if (vocab.length !== m.rows)
    throw new StorydiffError(
      'RESOURCE_UNAVAILABLE',
      `${vocabFile} has ${vocab.length} tokens but the table ${m.rows} rows`,
      { source: path },
    );
  return {
    name: basename(path),
    version: sha12(bytes),
    dim: m.dim,
    rows: m.rows,
    vocab,
    tokenizer: {},
    scales: new Float32Array(m.rows).fill(1),
    values: m.values,
  };
}
