import type { Paragraph, Sentence, Token } from '../text/types.js';
import { COLLECTIVE_SOURCES, SPEECH_VERBS, SUBJECT_PRONOUNS } from './lexicon.js';
import type { Mention, PronounMention, Quote } from './types.js';

/** Opening quotation marks and the marks that may close them (typography in the wild is mixed). */
const OPENERS: Record<string, string> = {
  '"': '"”“',
  '“': '”"“',
  '„': '“”"',
  '«': '»',
  '‹': '›',
  '「': '」',
  '『': '』',
  '‘': '’',
  '‚': '‘’',
};

/** Quotes longer than this without a closing mark are taken as a stray mark, not a quote. */
const MAX_QUOTE_CHARS = 4000;

interface Span {
  start: number;
  end: number;
  /** Offsets of the text inside the marks. */
  innerStart: number;
  innerEnd: number;
}

/** Finds quotation spans inside one paragraph, in linear time. */
function findSpans(text: string, from: number, to: number): Span[] {
  const spans: Span[] = [];
  let i = from;
  while (i < to) {
    const ch = text[i];
    const closers = OPENERS[ch];
    // A single quote opens only at a word start, so apostrophes (it’s) are not quotes.
    const singleOk = ch !== '‘' || i === from || /[\s([—-]/.test(text[i - 1]);
    if (!closers || !singleOk) {
      i++;
      continue;
    }
    let j = i + 1;
    const limit = Math.min(to, i + MAX_QUOTE_CHARS);
    while (j < limit && !closers.includes(text[j])) j++;
    if (j < limit && j > i + 1) {
      spans.push({ start: i, end: j + 1, innerStart: i + 1, innerEnd: j });
      i = j + 1;
    } else if (j === i + 1) {
      // An empty pair of marks: skip both, so the closing one does not open a quote.
      i = j + 1;
    } else if (j >= to && i === from && to - i > 20) {
      // A quote opening a paragraph may run to its end (news style for multi-paragraph quotes).
      spans.push({ start: i, end: to, innerStart: i + 1, innerEnd: to });
      i = to;
    } else {
      i++;
    }
  }
  return spans;
}

function trimInner(text: string, s: number, e: number): [number, number] {
  while (s < e && /[\s]/.test(text[s])) s++;
  while (e > s && /[\s,;:]/.test(text[e - 1])) e--;
  return [s, e];
}

/**
 * Finds direct and partial quotes and their speakers: `"...," X said`, `X said: "..."`, `said X`,
 * `X told reporters "..."`, a pronoun speaker resolved through the pronoun's antecedent, and an
 * unattributed quote continuing the previous speaker.
 *
 * @example
 * ```ts
 * const quotes = extractQuotes(text, sentences, paragraphs, tokens, mentions, pronouns);
 * quotes[0].speaker; // local entity id of the person who said it
 * ```
 */
export function extractQuotes(
  text: string,
  sentences: Sentence[],
  paragraphs: Paragraph[],
  tokens: Token[][],
  mentions: Mention[],
  pronouns: PronounMention[],
): Quote[] {
  const quotes: Quote[] = [];
  const sentenceAt = (pos: number): number => {
    let lo = 0;
    let hi = sentences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sentences[mid].start <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  let prev: Quote | undefined;
  for (const p of paragraphs) {
    for (const sp of findSpans(text, p.start, p.end)) {
      const [is, ie] = trimInner(text, sp.innerStart, sp.innerEnd);
      if (ie <= is) continue;
      const inner = text.slice(is, ie);
      const words = inner.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      if (words === 0) continue;
      const s0 = sentenceAt(sp.start);
      const s1 = sentenceAt(Math.max(sp.start, sp.end - 1));
      const spanned: number[] = [];
      for (let s = s0; s <= s1; s++) spanned.push(s);
      const before = text.slice(sentences[s0].start, sp.start);
      const atStart = !/[\p{L}\p{N}]/u.test(before);
      const afterColon = /:\s*$/.test(before);
      const endsClause = /[.,!?…]$/.test(text.slice(sp.innerStart, sp.innerEnd).trim());
      const kind: Quote['kind'] = atStart || afterColon || (endsClause && words >= 4) ? 'direct' : 'partial';
      const q: Quote = { text: inner, start: is, end: ie, sentence: s0, sentences: spanned, kind };
      const who = findSpeaker(tokens, mentions, pronouns, sp, s0, s1);
      if (who) {
        if (who.entity !== undefined) q.speaker = who.entity;
        q.speakerText = who.text;
        if (who.verb) q.verb = who.verb;
      } else if (
        kind === 'direct' &&
        atStart &&
        prev &&
        prev.sentences[prev.sentences.length - 1] >= s0 - 1
      ) {
        // An unattributed quote right after another continues the same speaker.
        if (prev.speaker !== undefined) q.speaker = prev.speaker;
        if (prev.speakerText) q.speakerText = prev.speakerText;
      }
      quotes.push(q);
      prev = q;
    }
  }
  return quotes;
}

interface Speaker {
  entity?: number;
  text: string;
  verb?: string;
}

function findSpeaker(
  tokens: Token[][],
  mentions: Mention[],
  pronouns: PronounMention[],
  sp: Span,
  s0: number,
  s1: number,
): Speaker | undefined {
  const after = tokens[s1].filter((t) => t.start >= sp.end);
  const beforeToks = tokens[s0].filter((t) => t.end <= sp.start);
  // "..., X said" / "..., said X" / "... he told reporters": look a few words past the quote.
  const win = after.slice(0, 10);
  const nextQuote = win.findIndex((t) => t.kind === 'punct' && /["“”«»„]/.test(t.text));
  const scan = nextQuote >= 0 ? win.slice(0, nextQuote) : win;
  const vi = scan.findIndex((t) => t.kind === 'word' && SPEECH_VERBS.has(t.norm));
  if (vi >= 0) {
    const lo = scan[0]?.start ?? sp.end;
    const hi = scan[Math.min(scan.length - 1, vi + 4)].end;
    const who = speakerIn(mentions, pronouns, tokens, s1, lo, hi, scan[vi].start);
    if (who) return { ...who, verb: scan[vi].text };
  }
  // "X said: "..."" / "X said "..."": the subject before the verb in the same sentence.
  const bvi = lastIndex(beforeToks, (t) => t.kind === 'word' && SPEECH_VERBS.has(t.norm));
  if (bvi >= 0) {
    const lo = tokens[s0][0]?.start ?? 0;
    const who = speakerIn(mentions, pronouns, tokens, s0, lo, beforeToks[bvi].start, beforeToks[bvi].start);
    if (who) return { ...who, verb: beforeToks[bvi].text };
  }
  return undefined;
}

function lastIndex<T>(xs: T[], f: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (f(xs[i])) return i;
  return -1;
}

/** The person, pronoun or collective source in [lo, hi) closest to the verb at `verbPos`. */
function speakerIn(
  mentions: Mention[],
  pronouns: PronounMention[],
  tokens: Token[][],
  s: number,
  lo: number,
  hi: number,
  verbPos: number,
): Speaker | undefined {
  let best: Speaker | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  const consider = (start: number, end: number, sp: Speaker) => {
    const d = start >= verbPos ? start - verbPos : verbPos - end;
    if (d < bestDist) {
      bestDist = d;
      best = sp;
    }
  };
  for (const m of mentions) {
    if (m.sentence !== s || m.start < lo || m.end > hi) continue;
    if (m.kind !== 'person' && m.kind !== 'org') continue;
    consider(m.start, m.end, { entity: m.entity, text: m.text });
  }
  for (const p of pronouns) {
    if (p.sentence !== s || p.start < lo || p.end > hi) continue;
    if (!SUBJECT_PRONOUNS.has(p.text.toLowerCase())) continue;
    consider(p.start, p.end, p.entity !== undefined ? { entity: p.entity, text: p.text } : { text: p.text });
  }
  for (const t of tokens[s]) {
    if (t.start < lo || t.end > hi || t.kind !== 'word') continue;
    if (COLLECTIVE_SOURCES.has(t.norm)) consider(t.start, t.end, { text: t.text });
    else if (t.norm === 'i' || t.norm === 'we') consider(t.start, t.end, { text: t.text });
  }
  return best;
}
