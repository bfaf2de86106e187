/**
 * A small BERT WordPiece tokenizer (the `BertTokenizer` of bert-base-uncased: clean text, space
 * around CJK ideographs, lower case and strip accents, split on white space and punctuation, then
 * greedy longest-match-first word pieces with a `##` continuation prefix). It reproduces the
 * token ids of Hugging Face's tokenizer for the static encoder, with no runtime library.
 */

/** Options of {@link WordPiece}; the defaults are those of bert-base-uncased. */
export interface WordPieceOptions {
  /** Lower-case and strip accents (uncased models). Default true. */
  lowercase?: boolean;
  /** Prefix of a piece that continues a word. Default `##`. */
  continuingPrefix?: string;
  /** The unknown token. Default `[UNK]`. */
  unkToken?: string;
  /** Words longer than this (in characters) become the unknown token, as BERT does. Default 100. */
  maxCharsPerWord?: number;
}

/** CJK ideograph blocks that BERT surrounds with spaces (the ranges of its `_is_chinese_char`). */
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** BERT counts all non-alphanumeric ASCII as punctuation (so `$` and `^` split), plus Unicode P*. */
const UNICODE_PUNCT = /\p{P}/u;
function isPunct(ch: string, cp: number): boolean {
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126))
    return true;
  return cp > 127 && UNICODE_PUNCT.test(ch);
}

const CONTROL = /[\p{Cc}\p{Cf}]/u;
const SPACE = /\s/u;
const MARKS = /\p{Mn}/gu;

/**
 * Splits text into BERT "basic tokens": words and single punctuation characters, normalised the
 * way the vocabulary was built.
 *
 * @example
 * ```ts
 * basicTokens("Don't panic, Zoë!"); // ['don', "'", 't', 'panic', ',', 'zoe', '!']
 * ```
 */
export function basicTokens(text: string, lowercase = true): string[] {
  // BERT lower-cases, decomposes (NFD) and drops the combining marks: "Zoë" → "zoe".
  const s = lowercase ? text.toLowerCase().normalize('NFD').replace(MARKS, '') : text;
  const out: string[] = [];
  let word = '';
  const flush = () => {
    if (word) out.push(word);
    word = '';
  };
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0 || cp === 0xfffd) continue;
    if (SPACE.test(ch)) {
      flush();
      continue;
    }
    // Tab, newline and carriage return are white space (above); other controls are dropped.
    if (CONTROL.test(ch)) continue;
    if (isPunct(ch, cp) || isCjk(cp)) {
      flush();
      out.push(ch);
      continue;
    }
    word += ch;
  }
  flush();
  return out;
}

/**
 * A WordPiece tokenizer over a vocabulary (one token per line, the line number is the id).
 *
 * @example
 * ```ts
 * const wp = new WordPiece(['[PAD]', '[UNK]', 'un', '##aff', '##able', 'the']);
 * wp.encode('the unaffable'); // [5, 2, 3, 4]
 * ```
 */
export class WordPiece {
  readonly vocab: ReadonlyMap<string, number>;
  readonly unkId: number;
  private readonly prefix: string;
  private readonly lowercase: boolean;
  private readonly maxChars: number;
  /** Word → ids; news repeats its words, and splitting a word is the costly part. */
  private readonly memo = new Map<string, readonly number[]>();
  private readonly longest: number;

  constructor(tokens: readonly string[], options: WordPieceOptions = {}) {
    const vocab = new Map<string, number>();
    let longest = 1;
    tokens.forEach((t, i) => {
      if (!vocab.has(t)) vocab.set(t, i);
      longest = Math.max(longest, t.length);
    });
    this.vocab = vocab;
    this.prefix = options.continuingPrefix ?? '##';
    this.lowercase = options.lowercase ?? true;
    this.maxChars = options.maxCharsPerWord ?? 100;
    this.longest = longest;
    const unk = vocab.get(options.unkToken ?? '[UNK]');
    if (unk === undefined) throw new Error(`the vocabulary has no ${options.unkToken ?? '[UNK]'} token`);
    this.unkId = unk;
  }

  /** Token ids of a text (no [CLS]/[SEP]: the static encoder gives them no weight). */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const w of basicTokens(text, this.lowercase)) for (const id of this.word(w)) ids.push(id);
    return ids;
  }

  /** Token strings of a text, for inspection and tests. */
  tokenize(text: string): string[] {
    const names = new Map<number, string>();
    for (const [t, i] of this.vocab) if (!names.has(i)) names.set(i, t);
    return this.encode(text).map((i) => names.get(i) ?? '');
  }

  /** Greedy longest-match-first pieces of one basic token; a word with an unknown piece is [UNK]. */
  private word(w: string): readonly number[] {
    const hit = this.memo.get(w);
    if (hit) return hit;
    const chars = [...w];
    let ids: number[];
    if (chars.length > this.maxChars) ids = [this.unkId];
    else {
      ids = [];
      let start = 0;
      while (start < chars.length) {
        let end = Math.min(chars.length, start + this.longest);
        let found = -1;
        while (end > start) {
          const piece = (start > 0 ? this.prefix : '') + chars.slice(start, end).join('');
          const id = this.vocab.get(piece);
          if (id !== undefined) {
            found = id;
            break;
          }
          end--;
        }
        if (found < 0) {
          ids = [this.unkId];
          break;
        }
        ids.push(found);
        start = end;
      }
    }
    // Bounded: a stream of unusual words must not grow memory without limit.
    if (this.memo.size > 200_000) this.memo.clear();
    this.memo.set(w, ids);
    return ids;
  }
}
