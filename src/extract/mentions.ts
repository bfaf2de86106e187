import type { Sentence, Token } from '../text/types.js';
import {
  demonymCountry,
  givenNameGender,
  isHonorific,
  isOrgSuffix,
  lookupOrg,
  lookupPlace,
  matchTitle,
  titleGender,
} from './gazetteer.js';
import { CALENDAR_WORDS, NAME_CONNECTORS, PRONOUNS, SPEECH_VERBS } from './lexicon.js';
import { apostropheStem, capitalisesNouns, isCommonNoun, nameWordSimilarity, sameSpelling } from './names.js';
import type { LocalEntity, Mention, MentionKind, PronounMention } from './types.js';

/** Result of mention extraction for one article. */
export interface MentionResult {
  mentions: Mention[];
  entities: LocalEntity[];
  pronouns: PronounMention[];
}

interface Chunk {
  sentence: number;
  /** Token range of the name part, [from, to). */
  from: number;
  to: number;
  title?: string;
  honorific?: string;
  kind: MentionKind;
  /** Canonical name from the gazetteer, for places and organisations. */
  canonical?: string;
  /** Name words (folded), e.g. ['annalena', 'baerbock']. */
  words: string[];
  text: string;
  start: number;
  end: number;
}

/** Capitalised words that open sentences and are never part of a name. */
const SENTENCE_OPENERS = new Set(
  'yesterday today tomorrow tonight later earlier meanwhile however moreover furthermore nevertheless instead still now shares overall separately elsewhere initially finally previously recently currently'.split(
    ' ',
  ),
);

/** Modifiers that may open a title ("Former US President"). */
const TITLE_MODIFIERS = new Set([
  'former',
  'then',
  'ex',
  'late',
  'acting',
  'outgoing',
  'incoming',
  'deputy',
  'interim',
]);

const isWord = (t: Token | undefined): t is Token => !!t && t.kind === 'word';
/** Length of the suffix glued on after an apostrophe ("ABD'den"): not part of the name. */
const suffixLength = (t: Token): number => t.text.length - apostropheStem(t.text).length;
const isAcronym = (t: Token) =>
  t.text.length >= 2 && /^[\p{Lu}\d.&]+$/u.test(t.text) && /\p{Lu}.*\p{Lu}/u.test(t.text);
/** A token that can be part of a name: capitalised, not a calendar word. */
const isNameToken = (t: Token | undefined): boolean =>
  !!t && t.kind === 'word' && t.cap && !CALENDAR_WORDS.has(t.norm);

function firstWordIndex(tokens: Token[]): number {
  for (let i = 0; i < tokens.length; i++)
    if (tokens[i].kind === 'word' || tokens[i].kind === 'number') return i;
  return -1;
}

function nextWord(tokens: Token[], i: number): Token | undefined {
  for (let k = i; k < tokens.length; k++) {
    if (tokens[k].kind === 'word') return tokens[k];
    if (tokens[k].kind === 'number') return undefined;
    // A comma or quote between the name and the verb is fine; a full stop is not.
    if (/[.;:!?]/.test(tokens[k].text)) return undefined;
  }
  return undefined;
}

function prevWord(tokens: Token[], i: number): Token | undefined {
  for (let k = i - 1; k >= 0; k--) {
    if (tokens[k].kind === 'word') return tokens[k];
    if (/[.;:!?]/.test(tokens[k].text)) return undefined;
  }
  return undefined;
}

/**
 * Finds people, organisations and places without a trained model: capitalised chunks split into a
 * title prefix ("German Foreign Minister") and a name, classified with the gazetteer and cues
 * (titles, given names, speech verbs), then grouped into in-article entities (a surname links to
 * the full name, fuzzily, so "Bairbock" joins "Annalena Berbock"). Pronouns are resolved to the last
 * compatible named person.
 *
 * @example
 * ```ts
 * const { entities } = extractMentions(text, sentences, tokens, 'en');
 * entities.find((e) => e.kind === 'person')?.name; // 'Antony Blinken'
 * ```
 */
export function extractMentions(
  text: string,
  sentences: Sentence[],
  tokens: Token[][],
  _lang: string,
): MentionResult {
  // Words seen capitalised away from the sentence start are likely names wherever they appear.
  const capMidSentence = new Set<string>();
  const lowerSeen = new Set<string>();
  for (const toks of tokens) {
    const first = firstWordIndex(toks);
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.kind !== 'word') continue;
      // Keyed by the stem, so "Çavuşoğlu'nun" mid-sentence vouches for "Çavuşoğlu" opening one.
      const norm = apostropheStem(t.norm);
      if (!t.cap) lowerSeen.add(norm);
      else if (i !== first) capMidSentence.add(norm);
    }
  }

  const chunks: Chunk[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const toks = tokens[s];
    const first = firstWordIndex(toks);
    let i = 0;
    while (i < toks.length) {
      if (!isNameToken(toks[i])) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < toks.length) {
        // A case ending after an apostrophe closes the name ("Wuhan'da").
        if (suffixLength(toks[j - 1]) > 0) break;
        const t = toks[j];
        if (isNameToken(t)) {
          j++;
          continue;
        }
        // "Jean-Yves": a hyphen glued to capitalised words on both sides.
        if (
          t.text === '-' &&
          t.start === toks[j - 1].end &&
          isNameToken(toks[j + 1]) &&
          toks[j + 1].start === t.end
        ) {
          j += 2;
          continue;
        }
        if (isWord(t) && !t.cap && NAME_CONNECTORS.has(t.norm) && isNameToken(toks[j + 1])) {
          j += 2;
          continue;
        }
        break;
      }
      const chunk = classifyChunk(text, toks, s, i, j, i === first, capMidSentence, lowerSeen, _lang);
      if (chunk) chunks.push(chunk);
      i = j;
    }
  }
  return groupEntities(text, sentences, tokens, capitalisesNouns(_lang) ? nounless(chunks, _lang) : chunks);
}

/**
 * In a language that capitalises nouns, a lone capitalised word with no cue (title, honorific,
 * given name, speech verb) is a name only when the article also gives it as the surname of a full
 * name ("Olaf Scholz" … "Scholz"); otherwise it is most likely a noun.
 */
function nounless(chunks: Chunk[], lang: string): Chunk[] {
  const surnames = chunks
    .filter((c) => c.kind === 'person' && c.words.length > 1)
    .map((c) => c.words[c.words.length - 1]);
  return chunks.filter(
    (c) =>
      c.kind !== 'other' ||
      c.words.length !== 1 ||
      !!c.title ||
      surnames.some((w) => sameSpelling(w, c.words[0], [lang])),
  );
}

function classifyChunk(
  text: string,
  toks: Token[],
  s: number,
  from: number,
  to: number,
  sentenceInitial: boolean,
  capMid: Set<string>,
  lowerSeen: Set<string>,
  lang: string,
): Chunk | undefined {
  // Drop leading function words ("The", "After") that are capitalised only by position.
  while (from < to && toks[from].stop && !(to - from === 1 && isAcronym(toks[from]))) from++;
  // ...and a sentence-opening word written in lower case elsewhere, or an adverb ("Yesterday Smith said").
  if (
    sentenceInitial &&
    to - from > 1 &&
    !capMid.has(toks[from].norm) &&
    (lowerSeen.has(toks[from].norm) || SENTENCE_OPENERS.has(toks[from].norm))
  ) {
    from++;
  }
  if (from >= to) return undefined;
  const words = toks.slice(from, to).map((t) => apostropheStem(t.text));

  // Title prefix: honorifics, titles, and a country/demonym directly before a title.
  let k = leadingModifiers(words);
  let title: string | undefined;
  let honorific: string | undefined;
  const titleStart = toks[from + k].start;
  let titleEnd = -1;
  while (k < words.length) {
    if (isHonorific(words[k].replace(/\.$/, ''))) {
      honorific = words[k];
      k++;
      titleEnd = toks[from + k - 1].end;
      continue;
    }
    const m = matchTitle(words, k);
    if (m) {
      k += m.length;
      titleEnd = toks[from + k - 1].end;
      continue;
    }
    const placeBeforeTitle = (x: number) =>
      x + 1 < words.length &&
      !!(demonymCountry(words[x]) || lookupPlace(words[x])) &&
      !!matchTitle(words, x + 1);
    if (placeBeforeTitle(k)) {
      k++;
      continue;
    }
    // "Former US President", "then German Chancellor": a modifier before a country and a title.
    if (TITLE_MODIFIERS.has(words[k].toLowerCase()) && placeBeforeTitle(k + 1)) {
      k++;
      continue;
    }
    break;
  }
  // Connectors swallowed into the title ("Secretary of State") leave the name clean.
  if (titleEnd >= 0) title = text.slice(titleStart, titleEnd);
  // A lower-case title just before the chunk: "foreign minister Annalena Baerbock".
  if (!title) {
    const before: string[] = [];
    const idx: number[] = [];
    for (let b = from - 1; b >= 0 && before.length < 5; b--) {
      if (toks[b].kind !== 'word') break;
      before.unshift(toks[b].text);
      idx.unshift(b);
    }
    for (let off = 0; off < before.length; off++) {
      const m = matchTitle(before, off);
      if (m && off + m.length === before.length) {
        let startIdx = idx[off];
        const prev = toks[startIdx - 1];
        if (prev && prev.kind === 'word' && demonymCountry(prev.text)) startIdx--;
        title = text.slice(toks[startIdx].start, toks[idx[idx.length - 1]].end);
        break;
      }
    }
  }
  const nameFrom = from + k;
  if (nameFrom >= to) {
    // Only a title or a place ("Foreign Minister", "United States"): keep places and organisations.
    return placeOrOrg(text, toks, s, from, to);
  }
  const nameToks = toks.slice(nameFrom, to);
  const start = nameToks[0].start;
  const last = nameToks[nameToks.length - 1];
  const end = last.end - suffixLength(last);
  const nameText = text.slice(start, end);
  const folded = nameToks
    .filter((t) => t.kind === 'word' && !NAME_CONNECTORS.has(t.norm))
    .map((t) => apostropheStem(t.norm));
  const base = {
    sentence: s,
    from: nameFrom,
    to,
    title,
    honorific,
    words: folded,
    text: nameText,
    start,
    end,
  };

  const place = lookupPlace(nameText);
  if (place && !title && !honorific) return { ...base, kind: 'place', canonical: place.canonical };
  const org = lookupOrg(nameText);
  if (org && !honorific) return { ...base, kind: 'org', canonical: org.canonical };
  // German capitalises every noun: a name that is or ends in a common noun is no name
  // ("Silvesternacht", "Rettungskräfte", "Berliner Polizei"), unless it opens with a given name.
  if (capitalisesNouns(lang) && !givenNameGender(nameToks[0].text)) {
    const nouns = folded.map((w) => isCommonNoun(w, lang));
    if (nouns.some(Boolean) && !nameToks.some((t) => isOrgSuffix(t.text))) return undefined;
  }
  // A lone capitalised common word at a sentence start ("Union chief ...") is not a name.
  const lone = nameToks.length === 1 && sentenceInitial && lowerSeen.has(apostropheStem(nameToks[0].norm));
  if (!lone && nameToks.some((t) => isOrgSuffix(t.text))) return { ...base, kind: 'org' };
  if (title || honorific) return { ...base, kind: 'person' };
  const next = nextWord(toks, to);
  const prev = prevWord(toks, nameFrom);
  const speaks = (next && SPEECH_VERBS.has(next.norm)) || (prev && SPEECH_VERBS.has(prev.norm) && !prev.cap);
  if (nameToks.length === 1) {
    const t = nameToks[0];
    if (isAcronym(t)) return { ...base, kind: 'org' };
    if (demonymCountry(t.text)) return undefined;
    if (sentenceInitial && !speaks && !capMid.has(apostropheStem(t.norm))) return undefined;
    if (lowerSeen.has(apostropheStem(t.norm)) && !speaks) return undefined;
    if (speaks || givenNameGender(t.text)) return { ...base, kind: 'person' };
    return { ...base, kind: 'other' };
  }
  if (nameToks.some((t) => demonymCountry(t.text) || lookupPlace(t.text))) {
    // "Iranian President" without a name, "European allies": not a person.
    if (!givenNameGender(nameToks[0].text)) return { ...base, kind: 'other' };
  }
  if (sentenceInitial && nameToks[0].stop) return undefined;
  return { ...base, kind: 'person' };
}

/**
 * Number of words before a title inside a capitalised chunk that belong to neither the title nor
 * the name: adjectives capitalised at a sentence start or, in German, before a noun ("Verurteilter
 * Kardinal Pell", "Convicted Cardinal Pell"). Zero when the chunk opens with a title, an honorific,
 * a modifier the title loop handles, or when a word before the title could be part of a name.
 */
function leadingModifiers(words: string[]): number {
  if (isHonorific(words[0].replace(/\.$/, '')) || matchTitle(words, 0)) return 0;
  if (TITLE_MODIFIERS.has(words[0].toLowerCase())) return 0;
  for (let p = 1; p <= 2 && p < words.length - 1; p++) {
    const before = words.slice(0, p);
    if (before.some((w) => givenNameGender(w) || demonymCountry(w) || lookupPlace(w) || /\p{Lu}{2}/u.test(w)))
      return 0;
    if (matchTitle(words, p)) return p;
  }
  return 0;
}

function placeOrOrg(text: string, toks: Token[], s: number, from: number, to: number): Chunk | undefined {
  const start = toks[from].start;
  const end = toks[to - 1].end - suffixLength(toks[to - 1]);
  const t = text.slice(start, end);
  const words = toks.slice(from, to).map((x) => apostropheStem(x.norm));
  const place = lookupPlace(t);
  if (place)
    return { sentence: s, from, to, kind: 'place', canonical: place.canonical, words, text: t, start, end };
  const org = lookupOrg(t);
  if (org)
    return { sentence: s, from, to, kind: 'org', canonical: org.canonical, words, text: t, start, end };
  return undefined;
}

interface Draft {
  kind: MentionKind;
  key: string;
  /** Name words of the fullest form. */
  words: string[];
  forms: string[];
  titles: string[];
  chunks: number[];
  gender?: 'f' | 'm';
}

const surname = (words: string[]) => words[words.length - 1] ?? '';

/** Two name-word lists refer to the same person: same surname (fuzzily) and compatible given names. */
function samePerson(a: string[], b: string[]): number {
  const sa = surname(a);
  const sb = surname(b);
  const sim = nameWordSimilarity(sa, sb);
  if (sim < 0.84) return 0;
  if (a.length > 1 && b.length > 1) {
    const fa = nameWordSimilarity(a[0], b[0]);
    if (fa < 0.75) return 0;
    return sim * (0.5 + 0.5 * fa);
  }
  return sim;
}

function groupEntities(
  text: string,
  sentences: Sentence[],
  tokens: Token[][],
  chunks: Chunk[],
): MentionResult {
  const drafts: Draft[] = [];
  const chunkDraft: number[] = new Array(chunks.length).fill(-1);
  const byKey = new Map<string, number>();

  // Full names first so that a lone surname can attach to them wherever it appears.
  const order = chunks
    .map((_, i) => i)
    .sort((x, y) => chunks[y].words.length - chunks[x].words.length || chunks[x].start - chunks[y].start);
  for (const ci of order) {
    const c = chunks[ci];
    const key = c.kind === 'place' || c.kind === 'org' ? `${c.kind}:${c.canonical ?? c.words.join(' ')}` : '';
    let di = -1;
    if (key && byKey.has(key)) di = byKey.get(key)!;
    if (di < 0 && (c.kind === 'person' || c.kind === 'other')) {
      let best = 0;
      for (let d = 0; d < drafts.length; d++) {
        const dr = drafts[d];
        if (dr.kind !== 'person' && !(dr.kind === 'other' && c.kind === 'other')) continue;
        const sc = samePerson(dr.words, c.words);
        if (sc > best) {
          best = sc;
          di = d;
        }
      }
    }
    if (di < 0 && !key && c.kind !== 'person') {
      const k2 = `${c.kind}:${c.words.join(' ')}`;
      if (byKey.has(k2)) di = byKey.get(k2)!;
      else byKey.set(k2, drafts.length);
    }
    if (di < 0) {
      di = drafts.length;
      drafts.push({ kind: c.kind, key, words: c.words, forms: [], titles: [], chunks: [] });
      if (key) byKey.set(key, di);
    }
    const d = drafts[di];
    if (d.kind === 'other' && c.kind === 'person') d.kind = 'person';
    d.chunks.push(ci);
    chunkDraft[ci] = di;
  }

  // Entities in order of first mention; mentions in text order.
  const firstPos = drafts.map((d) => Math.min(...d.chunks.map((ci) => chunks[ci].start)));
  const draftOrder = drafts.map((_, i) => i).sort((x, y) => firstPos[x] - firstPos[y]);
  const newId = new Map<number, number>();
  for (let i = 0; i < draftOrder.length; i++) newId.set(draftOrder[i], i);
  const chunkOrder = chunks.map((_, i) => i).sort((x, y) => chunks[x].start - chunks[y].start);

  const mentions: Mention[] = [];
  const entities: LocalEntity[] = draftOrder.map((d, id) => ({
    id,
    kind: drafts[d].kind,
    name: '',
    forms: [],
    mentions: [],
    titles: [],
  }));
  for (const ci of chunkOrder) {
    const c = chunks[ci];
    const e = entities[newId.get(chunkDraft[ci])!];
    const m: Mention = {
      kind: e.kind,
      text: c.text,
      start: c.start,
      end: c.end,
      sentence: c.sentence,
      entity: e.id,
    };
    if (c.title) m.title = c.title;
    e.mentions.push(mentions.length);
    mentions.push(m);
    if (!e.forms.includes(c.text)) e.forms.push(c.text);
    if (c.title && !e.titles.includes(c.title)) e.titles.push(c.title);
    const hg = c.honorific ? titleGender(c.honorific.replace(/\.$/, '')) : undefined;
    const tg = c.title ? titleGender(c.title) : undefined;
    if (hg ?? tg) e.gender = hg ?? tg;
  }
  for (const e of entities) {
    // The fullest form (most words, then most frequent) names the entity.
    const count = new Map<string, number>();
    for (const mi of e.mentions) count.set(mentions[mi].text, (count.get(mentions[mi].text) ?? 0) + 1);
    e.name = [...e.forms].sort(
      (x, y) => y.split(/\s+/).length - x.split(/\s+/).length || (count.get(y) ?? 0) - (count.get(x) ?? 0),
    )[0];
  }
  const pronouns = resolvePronouns(sentences, tokens, mentions, entities);
  // Gender from pronouns where names and titles did not tell (majority of subject pronouns).
  const votes = new Map<number, { f: number; m: number }>();
  for (const p of pronouns) {
    if (p.entity === undefined || (p.gender !== 'f' && p.gender !== 'm')) continue;
    const v = votes.get(p.entity) ?? { f: 0, m: 0 };
    v[p.gender]++;
    votes.set(p.entity, v);
  }
  for (const [id, v] of votes) {
    if (!entities[id].gender && v.f !== v.m) entities[id].gender = v.f > v.m ? 'f' : 'm';
  }
  // Given names are the weakest cue: used last, and never to steer pronoun resolution.
  for (const e of entities) {
    if (!e.gender && e.kind === 'person') {
      const g = givenNameGender(e.name.split(/\s+/)[0]);
      if (g) e.gender = g;
    }
  }
  void text;
  return { mentions, entities, pronouns };
}

/**
 * Resolves he/she/they to the most recent named person before it (same sentence first, then
 * earlier sentences), skipping persons whose known gender disagrees. Simple, but it is what a reader
 * of a short news story does, and it is enough to notice "she" becoming "he".
 */
function resolvePronouns(
  sentences: Sentence[],
  tokens: Token[][],
  mentions: Mention[],
  entities: LocalEntity[],
): PronounMention[] {
  const out: PronounMention[] = [];
  const persons = mentions.filter((m) => m.kind === 'person');
  let pi = 0;
  const seen: Mention[] = [];
  const learned = new Map<number, 'f' | 'm'>();
  for (let s = 0; s < sentences.length; s++) {
    for (const t of tokens[s]) {
      while (pi < persons.length && persons[pi].start < t.start) seen.push(persons[pi++]);
      if (t.kind !== 'word') continue;
      const g = PRONOUNS.get(t.norm);
      if (!g) continue;
      const p: PronounMention = { text: t.text, start: t.start, end: t.end, sentence: s, gender: g };
      if (g === 'f' || g === 'm') {
        for (let k = seen.length - 1; k >= 0 && k >= seen.length - 12; k--) {
          const e = entities[seen[k].entity];
          const known = e.gender ?? learned.get(e.id);
          if (known && known !== g) continue;
          p.entity = e.id;
          // Remember what this pronoun says, so a later "he" skips a person already called "she".
          if (!known) learned.set(e.id, g);
          break;
        }
      }
      out.push(p);
    }
  }
  return out;
}
