/**
 * Types of the compare layer: the published comparison (`storydiff/comparison@1`) and its parts:
 * alignment links with their word diffs, reconciled entities, quote pairs, typed changes, scores
 * and the derivation. schema/comparison.schema.json describes the same JSON; a change here that
 * older readers cannot read bumps {@link COMPARISON_SCHEMA}.
 */
import type { FactKind, MentionKind } from '../extract/types.js';

import { COMPARISON_SCHEMA } from '../formats.js';

/** Identifier of the published comparison JSON format (see formats.ts). */
export { COMPARISON_SCHEMA };

/** Side of a comparison. */
export type Side = 'a' | 'b';

/** Type of an alignment link. */
export type LinkType = 'identical' | 'edited' | 'paraphrase' | 'partial';

/** One step of a word-level diff inside a link. */
export interface DiffOp {
  /** 'equal' words are in both; 'delete' only in a; 'insert' only in b. */
  op: 'equal' | 'delete' | 'insert';
  text: string;
}

/** A link between sentences of a and sentences of b (n:m). */
export interface AlignmentLink {
  /** Sentence indices in a (ascending). */
  a: number[];
  /** Sentence indices in b (ascending). */
  b: number[];
  type: LinkType;
  /** Similarity of the linked text, 0..1. */
  score: number;
  /** True when the link breaks the order of its neighbours (a moved sentence or paragraph). */
  moved: boolean;
  /** Word-level diff from the a text to the b text. */
  diff: DiffOp[];
}

/** A mention of a reconciled entity on one side. */
export interface EntityMentionRef {
  text: string;
  sentence: number;
  start: number;
  end: number;
  title?: string;
}

/** An entity reconciled across the two versions. */
export interface ReconciledEntity {
  id: number;
  kind: MentionKind;
  /** Preferred name: the fullest, most frequent form across both sides. */
  name: string;
  /** Distinct spellings per side. */
  forms: { a: string[]; b: string[] };
  mentions: { a: EntityMentionRef[]; b: EntityMentionRef[] };
  /**
   * True when the two versions spell the entity differently (inflections of the article's language
   * are one spelling: "Tusk"/"Tuska"). Variation inside one version alone is `inconsistentSpellings`.
   */
  variants: boolean;
  /**
   * People whose name one version itself spells in more than one way ("Berbock" and "Bairbock" in
   * a): that side's forms, per side where it happens. Absent when each version is consistent.
   */
  inconsistentSpellings?: { a?: string[]; b?: string[] };
  /** Why the a and b entities were judged the same (empty when on one side only). */
  evidence: string[];
  /** Confidence of the cross-version match, 0..1 (1 for exact name matches). */
  confidence: number;
}

/** Classification of a quote pair. */
export type QuoteRelation =
  | 'verbatim'
  | 'reworded'
  | 'direct-to-indirect'
  | 'indirect-to-direct'
  | 'different-quote'
  | 'only-a'
  | 'only-b';

/** A quote on one side. */
export interface QuoteRef {
  /**
   * The quoted words. For a quote turned indirect whose fragments were retold in the same
   * sentences, the fragments joined by " … " (`start`..`end` then covers them all).
   */
  text: string;
  sentence: number;
  start: number;
  end: number;
  speaker?: string;
}

/** Quotes paired across versions. */
export interface QuotePair {
  relation: QuoteRelation;
  a?: QuoteRef;
  b?: QuoteRef;
  /** Sentences of the other side carrying the indirect form, for direct/indirect pairs. */
  indirect?: { side: Side; sentences: number[]; text: string };
  /** Speaker (reconciled entity name) when known. */
  speaker?: string;
  /** Similarity of the quoted words, 0..1. */
  score: number;
  /** Word-level changes for reworded quotes. */
  diff?: DiffOp[];
}

/** Kind of a typed change inside aligned sentences. */
export type ChangeKind = 'number' | 'date' | 'duration' | 'name' | 'negation' | 'attribution' | 'pronoun';

/** A phrase of one version: its text and its UTF-16 offsets in that version's normalised text. */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

/** One typed change found inside a link. */
export interface Change {
  kind: ChangeKind;
  /**
   * Finer description: e.g. for numbers 'changed' | 'vaguer' | 'more-precise' | 'rephrased' |
   * 'dropped' | 'added' | 'replaced' (the one unpaired fact of a kind on each side of a link, not
   * comparable with each other).
   */
  detail: string;
  /** Surface text on each side (absent when dropped/added). */
  a?: string;
  b?: string;
  /** Fact kind for number/date/duration changes. */
  factKind?: FactKind;
  /** Index into `alignment` of the link it was found in. */
  link: number;
  /** Sentences involved on each side. */
  sentences: { a: number[]; b: number[] };
  /** Entity concerned (names, pronouns, attribution), by reconciled name. */
  entity?: string;
  /** One-line human explanation. */
  message: string;
  /**
   * The phrases the change is about on each side (a fact, a name, the negated phrase, the
   * speaker), with offsets into that side's text. A side is empty when the phrase is absent there
   * (a dropped fact) or could not be located.
   */
  spans: { a: TextSpan[]; b: TextSpan[] };
}

/** Score of one dimension with the evidence behind it. */
export interface DimensionScore {
  /** 0..1, 1 = the same. */
  score: number;
  /** Items shared by both versions. */
  shared: string[];
  onlyA: string[];
  onlyB: string[];
  /**
   * Time only: one fact told differently on the two sides (vaguer, more precise or reworded, same
   * unit), as the words of each side. Such items count as shared and are in neither `onlyA` nor
   * `onlyB`. Absent when there are none.
   */
  changed?: { a: string; b: string }[];
}

/** Graded relation between two versions, from closest to furthest. */
export type Relation = 'verbatim-copy' | 'edited-copy' | 'rewrite' | 'same-story' | 'related' | 'unrelated';

/** Scores of a comparison. */
export interface Scores {
  /** Overall similarity, 0..1. */
  overall: number;
  /** Share of a's content found in b, and of b's in a (0..1, weighted by sentence length). */
  containment: { aInB: number; bInA: number };
  /** Per-dimension scores with evidence. */
  dimensions: {
    entities: DimensionScore;
    places: DimensionScore;
    time: DimensionScore;
    narrative: DimensionScore;
  };
  /** Estimate on the SemEval-2022 Task 8 scale: 1 = very similar … 4 = very dissimilar. */
  semeval: number;
  /** Surface reuse score (how much wording is shared), 0..1. */
  reuse: number;
  /**
   * Whole-document signals behind the scores, each in [0, 1]: `terms` (cosine of content-word
   * stems), `grams` (cosine of character 4-grams, robust to morphology and transliteration),
   * `names` (share of capitalised names found on the other side, fuzzily, averaged over both
   * directions; `namesMax` the larger direction), `numbers` (Dice of
   * numbers and years), `title` (Dice of title words; 0 when a title is missing), `hasTitles`, `anchors` (cosine of language-independent anchors: numbers, dates, names matched
   * by sound, quoted strings).
   */
  signals: Signals;
}

/** Whole-document similarity signals (see {@link Scores.signals}). */
export interface Signals {
  terms: number;
  grams: number;
  names: number;
  namesMax: number;
  numbers: number;
  title: number;
  hasTitles: number;
  anchors: number;
}

/** Which version is likely derived from which. */
export interface Derivation {
  direction: 'a->b' | 'b->a' | 'unknown';
  /** 0..1 */
  confidence: number;
  reasons: string[];
}

/** Findings left out of a comparison, and why (see {@link Comparison.withheld}). */
export interface Withheld {
  reason: 'different-stories';
  changes: number;
  quotes: number;
  names: number;
}

/** Summary of one side. */
export interface SideInfo {
  title?: string;
  date?: string;
  byline?: string;
  source?: string;
  lang: string;
  sentences: { index: number; text: string; start: number; end: number; paragraph: number }[];
  paragraphs: number;
  words: number;
}

/** The result of comparing two articles: the published `storydiff/comparison@1` format. */
export interface Comparison {
  schema: typeof COMPARISON_SCHEMA;
  /** Batch id, when the comparison came from a batch line. */
  id?: string | number;
  /** Version of storydiff that produced it. */
  generator: string;
  /** Encoder used for sentence similarity ('lexical' when none). */
  encoder: string;
  a: SideInfo;
  b: SideInfo;
  relation: Relation;
  /** One-sentence verdict for people. */
  summary: string;
  scores: Scores;
  alignment: AlignmentLink[];
  onlyA: number[];
  onlyB: number[];
  /** Paragraphs (indices) all of whose sentences are only on one side. */
  paragraphsOnlyA: number[];
  paragraphsOnlyB: number[];
  entities: ReconciledEntity[];
  quotes: QuotePair[];
  changes: Change[];
  derivation: Derivation;
  /**
   * Findings left out because the versions tell different stories (relation `related` or
   * `unrelated`) and the linked sentences were not the same statement: how many typed changes,
   * quote pairs and name-variant flags. Absent when nothing was left out.
   */
  withheld?: Withheld;
  /** Milliseconds spent. */
  timing?: { analyzeMs: number; compareMs: number };
}
