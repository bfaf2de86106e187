/** Types of the extract layer: what an article mentions. Offsets index the normalised text. */

/** Kind of a named mention. */
export type MentionKind = 'person' | 'org' | 'place' | 'other';

/** One mention of a named entity in the text. */
export interface Mention {
  kind: MentionKind;
  /** Surface form of the name itself (without the title). */
  text: string;
  start: number;
  end: number;
  /** Sentence index. */
  sentence: number;
  /** Title or role preceding the name, e.g. "German Foreign Minister". */
  title?: string;
  /** Id of the in-article entity this mention belongs to (see {@link LocalEntity}). */
  entity: number;
}

/** An entity inside one article: all mentions of one person, organisation or place. */
export interface LocalEntity {
  id: number;
  kind: MentionKind;
  /** The fullest name seen, e.g. "Annalena Baerbock". */
  name: string;
  /** Distinct surface forms seen, in order of first appearance. */
  forms: string[];
  /** Indices into `Doc.mentions`. */
  mentions: number[];
  /** Titles and roles seen for it. */
  titles: string[];
  /** Grammatical gender inferred from pronouns or titles, if any. */
  gender?: 'f' | 'm';
}

/** A personal pronoun, resolved where possible to the last compatible named person. */
export interface PronounMention {
  text: string;
  start: number;
  end: number;
  sentence: number;
  gender: 'f' | 'm' | 'n' | 'p';
  /** Local entity it most likely refers to. */
  entity?: number;
}

/** A quotation in the text. */
export interface Quote {
  /** The quoted words, without quotation marks. */
  text: string;
  start: number;
  end: number;
  /** Sentence the quote starts in. */
  sentence: number;
  /** All sentences the quote spans (a quote may run over several). */
  sentences: number[];
  /** 'direct' = a whole utterance in quotes; 'partial' = a quoted fragment inside reported speech. */
  kind: 'direct' | 'partial';
  /** Local entity id of the speaker, if resolved to a named entity. */
  speaker?: number;
  /** Surface form naming the speaker ("Blinken", "he", "officials"). */
  speakerText?: string;
  /** The speech verb ("said", "told", "insisted"). */
  verb?: string;
}

/** Kind of a number-like or time-like expression. */
export type FactKind =
  | 'number'
  | 'percent'
  | 'money'
  | 'quantity'
  | 'duration'
  | 'date'
  | 'time'
  | 'year'
  | 'ordinal';

/** A number, quantity, duration or date expression. */
export interface Fact {
  kind: FactKind;
  /** Surface text, e.g. "a few weeks", "12", "$2.5 billion", "last Thursday". */
  text: string;
  start: number;
  end: number;
  sentence: number;
  /** Numeric value where known ("a dozen" = 12, "two" = 2, "2.5 billion" = 2.5e9). */
  value?: number;
  /** True for vague amounts ("a few", "several", "about 12", "dozens"). */
  approx?: boolean;
  /** Unit for quantities and durations, singular and lower case ("week", "percent", "usd", "km"). */
  unit?: string;
  /**
   * A canonical key for comparing: e.g. "duration:week:2", "duration:week:~few", "date:weekday:thursday",
   * "year:2015", "money:usd:2500000000", "date:relative:last-week".
   */
  key: string;
}
