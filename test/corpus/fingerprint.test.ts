import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  contentHash,
  DEFAULT_SETTINGS,
  estimateJaccard,
  fingerprint,
  lightStem,
  lshParams,
  MAX_KEY_TERMS,
  makeSettings,
  normalizeTerm,
  termHash,
  termVector,
  VECTOR_TERMS,
} from '../../src/corpus/fingerprint.js';
import { EMPTY_BIN } from '../../src/corpus/minhash.js';
import { StorydiffError } from '../../src/errors.js';

// Invented texts, written for these tests.
const WIRE = [
  'ROTTERDAM — Dock workers at the Port of Rotterdam ended a 12-day strike on Tuesday after the',
  'union FNV and the port authority agreed on a 3.5% pay rise, the union said. About 1,200 workers',
  'had walked out on March 3, halting container traffic at Europe’s largest port.',
  '',
  '"We are satisfied with this result," said Niek Verhoef, a negotiator for FNV. The port authority',
  'said the agreement runs until 2026 and that ships waiting at anchor would be handled within a week.',
  'Shipping lines had diverted some vessels to Antwerp and Hamburg during the stoppage, which cost',
  'terminal operators an estimated 40 million euros, according to the chamber of commerce.',
].join('\n');

const REWRITE = WIRE.replace('ended a 12-day strike on Tuesday', 'called off their 12-day strike on Tuesday')
  .replace('halting container traffic', 'bringing container traffic to a halt')
  .replace('would be handled within a week', 'should be cleared within a week');

const UNRELATED = [
  'The city council of Lindenfeld approved a new cycling plan on Monday that adds 30 kilometres of',
  'protected lanes over five years. Council member Agnieszka Borowa said the plan would be paid for',
  'from the regional transport fund, and that construction would start next spring near the station.',
].join(' ');

function words(n: number, seed: number): string {
  // An invented vocabulary with a rough Zipf shape; deterministic.
  let a = seed >>> 0;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const syl = ['ka', 'lo', 'mi', 'ra', 'ten', 'vu', 'sel', 'dor', 'an', 'pri', 'qua', 'zo'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const rank = Math.floor(1 / (rnd() * 0.999 + 0.001));
    let w = '';
    let r = rank + 7;
    while (r > 0) {
      w += syl[r % syl.length];
      r = Math.floor(r / syl.length);
    }
    out.push(i % 17 === 16 ? `${w}.` : w);
  }
  return out.join(' ');
}

const SAFE = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;

describe('settings', () => {
  it('has defaults consistent with lshParams', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      numPerm: 128,
      shingle: 3,
      bands: 32,
      rows: 4,
      threshold: 0.4,
      seed: 1,
    });
    expect(lshParams(DEFAULT_SETTINGS.threshold, DEFAULT_SETTINGS.numPerm)).toEqual({ bands: 32, rows: 4 });
    expect(makeSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('derives bands and rows from threshold and numPerm', () => {
    expect(makeSettings({ threshold: 0.7 })).toMatchObject({ bands: 14, rows: 9, threshold: 0.7 });
    expect(makeSettings({ numPerm: 64, threshold: 0.5 })).toMatchObject({ numPerm: 64, bands: 14, rows: 4 });
    expect(makeSettings({ bands: 16, rows: 8 })).toMatchObject({ bands: 16, rows: 8 });
  });

  it('refuses invalid settings with USAGE errors', () => {
    const bad: Partial<typeof DEFAULT_SETTINGS>[] = [
      { numPerm: 0 },
      { numPerm: 12.5 },
      { shingle: 0 },
      { seed: -1 },
      { threshold: 1 },
      { threshold: Number.NaN },
      { bands: 8 },
      { bands: 64, rows: 4 },
      { bands: 0, rows: 4 },
    ];
    for (const p of bad) {
      let err: unknown;
      try {
        makeSettings(p);
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(p)).toBeInstanceOf(StorydiffError);
      expect((err as StorydiffError).code).toBe('USAGE');
    }
  });
});

describe('fingerprint', () => {
  const fp = fingerprint(
    { text: WIRE, title: 'Rotterdam dock strike ends with pay deal', lang: 'en' },
    DEFAULT_SETTINGS,
  );

  it('has the documented shape', () => {
    expect(fp.minhash).toBeInstanceOf(Uint32Array);
    expect(fp.minhash).toHaveLength(128);
    expect(fp.minhash.includes(EMPTY_BIN)).toBe(false);
    expect(fp.bandKeys).toHaveLength(32);
    expect(fp.bandKeys.every(SAFE)).toBe(true);
    expect(fp.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(fp.words).toBeGreaterThan(100);
    expect(fp.words).toBeLessThan(140);
    expect(fp.keyTerms.length).toBeGreaterThan(10);
    expect(fp.keyTerms.length).toBeLessThanOrEqual(MAX_KEY_TERMS);
    expect(fp.keyTerms.every(SAFE)).toBe(true);
    expect(fp.keyTerms).toEqual([...new Set(fp.keyTerms)].sort((a, b) => a - b));
    expect(fp.vectorTerms.length).toBeLessThanOrEqual(VECTOR_TERMS);
    expect(fp.vectorTerms.every(SAFE)).toBe(true);
    expect(fp.vectorTerms).toEqual([...new Set(fp.vectorTerms)].sort((a, b) => a - b));
    expect(fp.vectorWeights).toBeInstanceOf(Float32Array);
    expect(fp.vectorWeights).toHaveLength(fp.vectorTerms.length);
    expect([...fp.vectorWeights].every((w) => w >= 1)).toBe(true);
  });

  it('is deterministic, whatever was fingerprinted before (and in a fresh module)', async () => {
    const again = () =>
      fingerprint(
        { text: WIRE, title: 'Rotterdam dock strike ends with pay deal', lang: 'en' },
        DEFAULT_SETTINGS,
      );
    expect(again()).toEqual(fp);
    for (let i = 0; i < 50; i++) fingerprint({ text: words(400, i) }, DEFAULT_SETTINGS);
    expect(again()).toEqual(fp);
    vi.resetModules();
    const fresh = await import('../../src/corpus/fingerprint.js');
    expect(
      fresh.fingerprint(
        { text: WIRE, title: 'Rotterdam dock strike ends with pay deal', lang: 'en' },
        fresh.DEFAULT_SETTINGS,
      ),
    ).toEqual(fp);
  });

  it('finds near-duplicates through MinHash and bands, and not unrelated texts', () => {
    const re = fingerprint({ text: REWRITE, lang: 'en' }, DEFAULT_SETTINGS);
    const un = fingerprint({ text: UNRELATED, lang: 'en' }, DEFAULT_SETTINGS);
    expect(estimateJaccard(fp.minhash, re.minhash)).toBeGreaterThan(0.6);
    expect(estimateJaccard(fp.minhash, un.minhash)).toBeLessThan(0.05);
    expect(re.bandKeys.some((k) => fp.bandKeys.includes(k))).toBe(true);
    expect(un.bandKeys.some((k) => fp.bandKeys.includes(k))).toBe(false);
    // Key terms survive the rewording.
    const shared = re.keyTerms.filter((k) => fp.keyTerms.includes(k)).length;
    expect(shared / fp.keyTerms.length).toBeGreaterThan(0.7);
    expect(un.keyTerms.filter((k) => fp.keyTerms.includes(k)).length).toBeLessThan(4);
  });

  it('puts numbers, names and frequent content words in the key terms, and no stop words', () => {
    const has = (t: string) => fp.keyTerms.includes(termHash(t));
    for (const t of ['n:1200', 'n:3.5', 'n:12', 'n:2026', 'n:40']) expect(has(t), t).toBe(true);
    for (const t of ['w:fnv', 'w:verhoef', 'w:antwerp', 'w:hamburg', 'w:europe', 'w:port', 'w:strike'])
      expect(has(t), t).toBe(true);
    for (const t of ['w:the', 'w:and', 'w:of', 'w:at', 'n:3']) expect(has(t), t).toBe(false);
    expect(fp.vectorTerms.includes(termHash('w:the'))).toBe(false);
    // Words in nearly every news story are no key terms, but stay in the vector.
    expect(has('w:said')).toBe(false);
    expect(has('w:tuesday')).toBe(false);
    expect(fp.vectorTerms.includes(termHash('w:said'))).toBe(true);
  });

  it('normalises numbers', () => {
    const f = fingerprint(
      { text: 'Prices rose 1.234,5 points; 0042 agents; 2,000,000 people; ٢٠٢٤ budget; 7 days.' },
      DEFAULT_SETTINGS,
    );
    for (const t of ['n:1234.5', 'n:42', 'n:2000000', 'n:2024']) expect(f.keyTerms, t).toContain(termHash(t));
    // Single digits are too common to be distinctive.
    expect(f.keyTerms).not.toContain(termHash('n:7'));
  });

  it('counts title words extra', () => {
    const text = 'The ferry left early. Passengers waited for the bus. The harbour was calm.';
    const plain = termVector(text, 'en');
    const titled = termVector(text, 'en', 'Harbour calm');
    const w = (v: { terms: number[]; weights: Float32Array }, t: string) =>
      v.weights[v.terms.indexOf(termHash(t))];
    expect(w(plain, 'w:harbour')).toBeCloseTo(1);
    expect(w(titled, 'w:harbour')).toBeCloseTo(1 + Math.log(4));
  });

  it('stores exactly termVector’s vector', () => {
    const title = 'Rotterdam dock strike ends with pay deal';
    const v = termVector(WIRE, 'en', title);
    expect(v.terms).toEqual(fp.vectorTerms);
    expect(v.weights).toEqual(fp.vectorWeights);
  });

  it('agrees with contentHash, whatever the whitespace', () => {
    const layouts = [
      'a b c',
      ' a b c ',
      'a  b\tc',
      'a\nb\n\nc',
      'a \nb',
      'a\n b',
      'a\r\nb',
      'a\u00a0b',
      'co\u00adoperation now',
      '\ufeffa b',
      'a\u3000b',
    ];
    for (const t of layouts)
      expect(fingerprint({ text: t }, DEFAULT_SETTINGS).hash, JSON.stringify(t)).toBe(contentHash(t));
    // Random layouts: the scanner's shortcuts must hash exactly what the general path hashes.
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const seps = [' ', ' ', ' ', '\n', '\n\n', '\n\n\n', '  ', ' \n', '\t', ''];
    for (let trial = 0; trial < 300; trial++) {
      let t = rnd(3) === 0 ? seps[rnd(seps.length)] : '';
      const n = 1 + rnd(8);
      for (let w = 0; w < n; w++)
        t += ['Port', 'strike', 'ends', '1,200', 'Ölhafen', '港口'][rnd(6)] + seps[rnd(seps.length)];
      expect(fingerprint({ text: t }, DEFAULT_SETTINGS).hash, JSON.stringify(t)).toBe(contentHash(t));
    }
    expect(contentHash('a b c')).toBe(contentHash(' a  b\n\nc\t'));
    // The stored format: the first 128 bits of the SHA-256 of the normalised text, in hex.
    const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);
    expect(contentHash('Port strike ends.')).toBe(sha('Port strike ends.'));
    expect(fingerprint({ text: '\nPort\n\nstrike\nends. ' }, DEFAULT_SETTINGS).hash).toBe(
      sha('Port strike ends.'),
    );
    expect(contentHash('Port\t strike ends.')).toBe(sha('Port strike ends.'));
    expect(contentHash('a b c')).not.toBe(contentHash('a b d'));
    expect(contentHash('co\u00adoperation')).toBe(contentHash('cooperation'));
  });

  it('handles Unicode: NFC/NFD, diacritics, soft hyphens, emoji, Arabic-Indic digits', () => {
    const nfc = 'Der Bürgermeister von Köln sprach über die Brücke.';
    const nfd = nfc.normalize('NFD');
    expect(fingerprint({ text: nfd }, DEFAULT_SETTINGS)).toEqual(
      fingerprint({ text: nfc }, DEFAULT_SETTINGS),
    );
    const de = termVector(nfc, 'de');
    expect(de.terms).toContain(termHash('w:burgerm'));
    expect(de.terms).toContain(termHash(normalizeTerm('Brücke')!));
    expect(normalizeTerm('Brücke')).toBe(normalizeTerm('Brucke'));
    expect(termVector('The co\u00adoperation deal', 'en').terms).toContain(termHash('w:coopera'));
    const emoji = fingerprint({ text: 'Fans 🎉🎉 cheered as the 𝔘𝔫𝔦𝔱𝔢𝔡 side won 3-1 🏆' }, DEFAULT_SETTINGS);
    expect(emoji.words).toBeGreaterThan(5);
    expect(emoji.minhash.includes(EMPTY_BIN)).toBe(false);
  });

  it('tokenises CJK and Thai as character bigrams', () => {
    const zh1 = '政府周二宣布，将提高进口汽车的关税，以保护国内制造商。';
    const zh2 = '政府周二宣布，将提高进口汽车的关税。分析人士表示，这一决定出人意料。';
    const a = fingerprint({ text: zh1 }, DEFAULT_SETTINGS);
    const b = fingerprint({ text: zh2 }, DEFAULT_SETTINGS);
    expect(a.words).toBe([...zh1].filter((c) => /\p{L}/u.test(c)).length);
    expect(a.keyTerms).toContain(termHash('w:汽车'));
    expect(estimateJaccard(a.minhash, b.minhash)).toBeGreaterThan(0.15);
    const ja = fingerprint({ text: '東京で新しい駅が開業し、多くの人が訪れた。' }, DEFAULT_SETTINGS);
    expect(ja.keyTerms.length).toBeGreaterThan(5);
    const th = fingerprint({ text: 'รัฐบาลประกาศขึ้นภาษีรถยนต์นำเข้า' }, DEFAULT_SETTINGS);
    expect(th.words).toBeGreaterThan(10);
    expect(th.bandKeys).toHaveLength(32);
  });

  it('never crashes on empty or tiny input, and only the empty text has an empty signature', () => {
    for (const text of ['', '   ', '\n\n', '!!! ??? …']) {
      const f = fingerprint({ text }, DEFAULT_SETTINGS);
      expect(f.words).toBe(0);
      expect(f.minhash.every((v) => v === EMPTY_BIN)).toBe(true);
      expect(f.bandKeys).toEqual([]);
      expect(f.keyTerms).toEqual([]);
      expect(f.vectorTerms).toEqual([]);
    }
    const one = fingerprint({ text: 'Ceasefire' }, DEFAULT_SETTINGS);
    const two = fingerprint({ text: 'Ceasefire holds' }, DEFAULT_SETTINGS);
    expect(one.minhash.includes(EMPTY_BIN)).toBe(false);
    expect(one.bandKeys).toHaveLength(32);
    expect(estimateJaccard(one.minhash, two.minhash)).toBeGreaterThan(0.2);
    expect(estimateJaccard(one.minhash, two.minhash)).toBeLessThan(0.8);
    const titleOnly = fingerprint({ text: '', title: 'Ceasefire holds in Varnia' }, DEFAULT_SETTINGS);
    expect(titleOnly.keyTerms).toContain(termHash('w:varnia'));
    expect(() => fingerprint({ text: 42 as unknown as string }, DEFAULT_SETTINGS)).toThrow(StorydiffError);
    expect(() => fingerprint({ text: 'x', lang: 7 as unknown as string }, DEFAULT_SETTINGS)).toThrow(
      StorydiffError,
    );
    expect(fingerprint({ text: 'Ceasefire', lang: null as unknown as string }, DEFAULT_SETTINGS)).toEqual(
      one,
    );
  });

  it('handles text without punctuation or capitals (lower-cased, stop-word-stripped snippets)', () => {
    const snippet = 'mourinho seek killer instinct basel jose mourinho called chelsea star';
    const v = termVector(snippet);
    expect(v.terms).toContain(termHash('w:mourinh'));
    expect(v.weights[v.terms.indexOf(termHash('w:mourinh'))]).toBeCloseTo(1 + Math.log(2));
    expect(v.terms).toHaveLength(9);
    const f = fingerprint({ text: snippet }, DEFAULT_SETTINGS);
    expect(f.keyTerms).toContain(termHash('w:chelsea'));
    // Same terms as the capitalised, punctuated version of the same words.
    const proper = termVector(
      'Mourinho seeks killer instinct at Basel. Jose Mourinho called the Chelsea star.',
      'en',
    );
    expect(proper.terms.filter((t) => v.terms.includes(t)).length).toBeGreaterThanOrEqual(8);
  });

  it('guesses the stop-word language when none is given', () => {
    const de =
      'Die Regierung hat am Dienstag mitgeteilt, dass die Steuern für importierte Autos steigen werden und dass die Hersteller davon profitieren.';
    const v = termVector(de);
    expect(v.terms).not.toContain(termHash('w:die'));
    expect(v.terms).not.toContain(termHash('w:dass'));
    expect(v.terms).toContain(termHash('w:regieru'));
    expect(termVector(de, 'de').terms).toEqual(v.terms);
  });

  it('takes linear time: a 100,000-word text', () => {
    const small = words(10_000, 1);
    const big = words(100_000, 2);
    fingerprint({ text: small }, DEFAULT_SETTINGS); // warm up
    let t0 = performance.now();
    fingerprint({ text: small }, DEFAULT_SETTINGS);
    const tSmall = performance.now() - t0;
    t0 = performance.now();
    const f = fingerprint({ text: big }, DEFAULT_SETTINGS);
    const tBig = performance.now() - t0;
    expect(f.words).toBe(100_000);
    expect(f.keyTerms.length).toBe(MAX_KEY_TERMS);
    expect(f.vectorTerms.length).toBe(VECTOR_TERMS);
    expect(tBig).toBeLessThan(2000);
    expect(tBig / Math.max(tSmall, 1)).toBeLessThan(40);
  });
});

describe('terms', () => {
  it('stems lightly and the same way for every language', () => {
    expect(lightStem('negotiations')).toBe('negotia');
    expect(lightStem('strikes')).toBe('strike');
    expect(lightStem('killed')).toBe('kill');
    expect(lightStem('killing')).toBe('kill');
    expect(lightStem('talks')).toBe('talk');
    expect(lightStem('crisis')).toBe('crisis');
    expect(lightStem('press')).toBe('press');
    expect(lightStem('agreed')).toBe('agreed');
    expect(lightStem('bus')).toBe('bus');
  });

  it('normalises words and numbers for lookups', () => {
    expect(normalizeTerm('Mourinho')).toBe('w:mourinh');
    expect(normalizeTerm('1,200')).toBe('n:1200');
    expect(normalizeTerm('3.5')).toBe('n:3.5');
    expect(normalizeTerm('٢٠٢٤')).toBe('n:2024');
    expect(normalizeTerm('a')).toBeUndefined();
    expect(normalizeTerm('7')).toBeUndefined();
    const f = fingerprint({ text: 'Talks with Mourinho resumed in Basel.' }, DEFAULT_SETTINGS);
    expect(f.keyTerms).toContain(termHash(normalizeTerm('Mourinho')!));
    expect(f.keyTerms).toContain(termHash(normalizeTerm('Basel')!));
  });

  it('hashes terms to stable safe integers', () => {
    expect(termHash('w:mourinh')).toBe(termHash('w:mourinh'));
    expect(termHash('w:mourinh')).not.toBe(termHash('w:mourinho'));
    expect(SAFE(termHash('n:1200'))).toBe(true);
  });

  it('keeps its hash functions: stores written by earlier builds stay readable', () => {
    // Pinned values: a change here orphans every stored band key and posting, so it must be a
    // deliberate, versioned change (STORE_SCHEMA_VERSION), never an accident.
    expect(termHash('w:port')).toBe(5219103647064409);
    const f = fingerprint(
      { text: 'Dock workers in Rotterdam ended their strike on Tuesday.' },
      DEFAULT_SETTINGS,
    );
    expect([f.minhash[0], f.minhash[127]]).toEqual([3160992463, 3963705128]);
    expect([f.bandKeys[0], f.bandKeys[31]]).toEqual([3132018469212300, 8989905618021988]);
    expect(f.hash).toBe('56a3d66477b96e31dd2840ebde4ac084');
  });
});
