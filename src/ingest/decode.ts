/**
 * Bytes to text: binary inputs refused, the encoding taken from a BOM, a declared charset or
 * UTF-8, strictly (bad bytes are an error, never U+FFFD).
 */
import { StorydiffError } from '../errors.js';

/** How many leading bytes are sampled for the binary check. */
const SNIFF_BYTES = 8192;

/** Share of control characters above which a sample is called binary. */
const MAX_CONTROL_RATIO = 0.1;

/** Options of {@link decodeText}. */
export interface DecodeOptions {
  /**
   * A WHATWG encoding label (e.g. `windows-1252`, `shift_jis`) to decode with instead of UTF-8, used
   * when the encoding is known from elsewhere, such as an HTML `<meta charset>`. A BOM still wins.
   */
  encoding?: string;
}

/**
 * Turns raw input bytes into text, refusing anything that is not text rather than guessing.
 *
 * Strips a UTF-8 BOM, decodes UTF-16 LE/BE when a BOM says so, and otherwise requires valid UTF-8.
 * Throws a {@link StorydiffError} with `source` set: `INPUT_EMPTY` (nothing but whitespace),
 * `INPUT_BINARY` (NUL bytes or many control characters), `INPUT_ENCODING` (invalid UTF-8, with the
 * byte offset of the first bad sequence and a hint on how to convert the file).
 *
 * @example
 * ```ts
 * const text = decodeText(await readFile('story.txt'), 'story.txt');
 * ```
 */
export function decodeText(bytes: Uint8Array, source: string, opts: DecodeOptions = {}): string {
  if (bytes.length === 0) throw new StorydiffError('INPUT_EMPTY', 'the input is empty (0 bytes)', { source });

  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = decodeUtf8(bytes.subarray(3), source, 3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = decodeUtf16(bytes.subarray(2), 'le', source);
    checkBinaryText(text, source);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = decodeUtf16(bytes.subarray(2), 'be', source);
    checkBinaryText(text, source);
  } else {
    checkBinaryBytes(bytes, source);
    const label = opts.encoding?.trim().toLowerCase();
    text = label && !isUtf8Label(label) ? decodeLegacy(bytes, label, source) : decodeUtf8(bytes, source, 0);
  }

  // A NUL past the sniffed prefix (or one written as UTF-16) still means this is not an article.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new StorydiffError('INPUT_BINARY', `the input contains a NUL character (at character ${nul})`, {
      source,
    });
  }
  if (text.trim() === '') {
    throw new StorydiffError('INPUT_EMPTY', 'the input holds only whitespace', { source });
  }
  return text;
}

/** Labels decoded as UTF-8. A page claiming UTF-16 without a BOM is treated as UTF-8, as browsers do. */
function isUtf8Label(label: string): boolean {
  return label === 'utf-8' || label === 'utf8' || label === 'unicode-1-1-utf-8' || label.startsWith('utf-16');
}

/**
 * Rejects bytes that are clearly not text (`INPUT_BINARY`: a NUL byte, or many control characters).
 * Only the first few KiB are looked at, so this is cheap; streaming readers run it on their first chunk.
 *
 * @example
 * ```ts
 * checkBinaryBytes(Buffer.from('{"text":"ok"}\n'), 'a.jsonl'); // passes
 * checkBinaryBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]), 'a.jsonl'); // throws INPUT_BINARY
 * ```
 */
export function checkBinaryBytes(bytes: Uint8Array, source: string): void {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) {
      const hint = looksLikeBomlessUtf16(bytes, n)
        ? '; it looks like UTF-16 without a byte-order mark: convert it with iconv -f utf-16le -t utf-8'
        : '';
      throw new StorydiffError('INPUT_BINARY', `the input contains a NUL byte at offset ${i}${hint}`, {
        source,
      });
    }
    if (isControlByte(b)) control++;
  }
  checkControlShare(control, n, 'bytes', source);
}

/** The same control-character test on decoded text, for UTF-16 where NUL bytes are normal. */
function checkBinaryText(text: string, source: string): void {
  const n = Math.min(text.length, SNIFF_BYTES / 2);
  let control = 0;
  for (let i = 0; i < n; i++) if (isControlByte(text.charCodeAt(i))) control++;
  checkControlShare(control, n, 'characters', source);
}

/** INPUT_BINARY when more than {@link MAX_CONTROL_RATIO} of the `n` units looked at are control characters. */
function checkControlShare(control: number, n: number, units: 'bytes' | 'characters', source: string): void {
  if (control > n * MAX_CONTROL_RATIO) {
    const pct = Math.round((control / n) * 100);
    throw new StorydiffError(
      'INPUT_BINARY',
      `the input looks binary: ${pct}% of the first ${n} ${units} are control characters`,
      { source },
    );
  }
}

/** C0 controls and DEL, except the ones plain text uses (\t \n \f \r). */
function isControlByte(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f;
}

/** ASCII text in UTF-16 has a zero in every other byte; binary data does not. */
function looksLikeBomlessUtf16(bytes: Uint8Array, n: number): boolean {
  if (n < 4) return false;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i + 1 < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = Math.floor(n / 2);
  return (
    (oddZero > pairs * 0.8 && evenZero < pairs * 0.1) || (evenZero > pairs * 0.8 && oddZero < pairs * 0.1)
  );
}

function decodeUtf8(bytes: Uint8Array, source: string, base: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw utf8Error(bytes, source, base);
  }
}

function decodeLegacy(bytes: Uint8Array, label: string, source: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    // An unknown charset label in a page is not worth failing over; UTF-8 is the web's default.
    return decodeUtf8(bytes, source, 0);
  }
  if (decoder.encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return decoder.decode(bytes);
  } catch {
    throw new StorydiffError(
      'INPUT_ENCODING',
      `the input is not valid ${decoder.encoding} (as its charset declaration says it is)`,
      { source },
    );
  }
}

/** What Windows-1252 puts in 0x80–0x9F (the WHATWG table; the rest is Latin-1). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Node's TextDecoder decodes `windows-1252` as plain Latin-1 (0x80 comes out as U+0080, not €), so
 * the one range where the two differ is mapped here.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]));
}

function decodeUtf16(bytes: Uint8Array, endian: 'le' | 'be', source: string): string {
  try {
    return new TextDecoder(`utf-16${endian}`, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstBadUtf16(bytes, endian) + 2; // + the BOM
    throw new StorydiffError(
      'INPUT_ENCODING',
      `the input is not valid UTF-16 ${endian.toUpperCase()}: bad code unit at byte offset ${at}`,
      { source },
    );
  }
}

/** Offset of the first unpaired surrogate or a dangling odd byte. */
function firstBadUtf16(bytes: Uint8Array, endian: 'le' | 'be'): number {
  const unit = (i: number) =>
    endian === 'le' ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < bytes.length ? unit(i + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) return i;
      i += 2;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      return i;
    }
  }
  return i;
}

/**
 * Builds the INPUT_ENCODING error. This only runs once decoding has failed, so one linear scan to
 * find the exact offset and to guess the real encoding costs nothing on the happy path.
 */
function utf8Error(bytes: Uint8Array, source: string, base: number): StorydiffError {
  const scan = scanUtf8(bytes);
  const offset = scan.firstBad < 0 ? bytes.length : scan.firstBad;
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  const shown = Array.from(bytes.subarray(offset, offset + 4), (b) => `0x${b.toString(16).padStart(2, '0')}`);
  let hint: string;
  if (scan.isolatedHigh > scan.pairedHigh) {
    hint = 'it looks like Latin-1/Windows-1252 text: convert it with iconv -f windows-1252 -t utf-8';
  } else if (scan.validMulti === 0) {
    hint =
      'it may be in a legacy multi-byte encoding such as Shift_JIS, GBK, Big5 or EUC-KR: convert it with iconv -f <encoding> -t utf-8';
  } else {
    hint = 'the file may be damaged or mix encodings; re-save it as UTF-8';
  }
  return new StorydiffError(
    'INPUT_ENCODING',
    `the input is not valid UTF-8: bad byte sequence at byte offset ${offset + base} (line ${line}: ${shown.join(' ')}); ${hint}`,
    { source },
  );
}

interface Utf8Scan {
  /** Offset of the first invalid sequence, -1 when none. */
  firstBad: number;
  /** Well-formed multi-byte sequences seen. */
  validMulti: number;
  /** Invalid high bytes with ASCII on both sides, the Latin-1 pattern (`caf\xe9 au lait`). */
  isolatedHigh: number;
  /** Invalid high bytes next to another high byte, the CJK double-byte pattern. */
  pairedHigh: number;
}

/** A strict UTF-8 validator (same rules as the WHATWG decoder) that also counts evidence. */
function scanUtf8(bytes: Uint8Array): Utf8Scan {
  const out: Utf8Scan = { firstBad: -1, validMulti: 0, isolatedHigh: 0, pairedHigh: 0 };
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = sequenceLength(bytes, i);
    if (len > 0) {
      out.validMulti++;
      i += len;
      continue;
    }
    if (out.firstBad < 0) out.firstBad = i;
    const prevHigh = i > 0 && bytes[i - 1] >= 0x80;
    const nextHigh = i + 1 < n && bytes[i + 1] >= 0x80;
    if (prevHigh || nextHigh) out.pairedHigh++;
    else out.isolatedHigh++;
    i++;
  }
  return out;
}

/** Length of the well-formed UTF-8 sequence starting at `i` (a byte >= 0x80), or 0 if ill-formed. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const cont = (k: number, lo = 0x80, hi = 0xbf) =>
    i + k < bytes.length && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0; // no surrogates
  if (b >= 0xe1 && b <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
