import { describe, expect, it } from 'vitest';
import {
  demonymCountry,
  gazetteerStats,
  givenNameGender,
  isHonorific,
  isOrgSuffix,
  isTitleWord,
  lookupOrg,
  lookupPlace,
  matchTitle,
  titleGender,
} from '../../src/extract/gazetteer.js';
import { foldName } from '../../src/text/fold.js';

const place = (n: string) => lookupPlace(n)?.canonical;
const org = (n: string) => lookupOrg(n)?.canonical;

describe('gazetteer: coverage', () => {
  it('has broad tables', () => {
    const s = gazetteerStats();
    expect(s.countries).toBeGreaterThanOrEqual(195);
    expect(s.cities).toBeGreaterThanOrEqual(300);
    expect(s.states).toBe(50);
    expect(s.regions).toBeGreaterThanOrEqual(60);
    expect(s.orgs).toBeGreaterThanOrEqual(150);
    expect(s.names).toBeGreaterThanOrEqual(400);
  });

  it('folds case, diacritics, dots and hyphens', () => {
    expect(foldName('U.S.')).toBe('us');
    expect(foldName('Côte d’Ivoire')).toBe("cote d'ivoire");
    expect(foldName('Außenminister')).toBe('aussenminister');
    expect(foldName('Guinea-Bissau')).toBe('guinea bissau');
  });
});

describe('lookupPlace', () => {
  it('maps country variants to one English name', () => {
    for (const n of [
      'United States',
      'US',
      'U.S.',
      'USA',
      'America',
      'Estados Unidos',
      'États-Unis',
      'EE.UU.',
    ])
      expect(place(n)).toBe('United States');
    for (const n of ['United Kingdom', 'UK', 'Britain', 'Great Britain', 'Royaume-Uni', 'Großbritannien'])
      expect(place(n)).toBe('United Kingdom');
    for (const n of ['Germany', 'Deutschland', 'Alemania', 'Allemagne', 'DEUTSCHLAND'])
      expect(place(n)).toBe('Germany');
    expect(place('Russian Federation')).toBe('Russia');
    expect(place('Türkiye')).toBe('Turkey');
    expect(place('Turquie')).toBe('Turkey');
    expect(place('Irán')).toBe('Iran');
    expect(place('the Netherlands')).toBe('Netherlands');
    expect(place('Ivory Coast')).toBe("Côte d'Ivoire");
    expect(place('Cote d’Ivoire')).toBe("Côte d'Ivoire");
    expect(lookupPlace('Spain')).toEqual({ canonical: 'Spain', type: 'country' });
  });

  it('does not read common words as places', () => {
    expect(lookupPlace('us')).toBeUndefined();
    expect(lookupPlace('turkey')).toBeUndefined();
    expect(lookupPlace('chad')).toBeUndefined();
    expect(lookupPlace('china')).toBeUndefined();
    expect(lookupPlace('nice')).toBeUndefined();
    expect(lookupPlace('Chad')?.type).toBe('country');
    expect(lookupPlace('table')).toBeUndefined();
  });

  it('knows capitals and cities with their exonyms', () => {
    expect(place('München')).toBe('Munich');
    expect(place('Wien')).toBe('Vienna');
    expect(place('Moskau')).toBe('Moscow');
    expect(place('Kiev')).toBe('Kyiv');
    expect(place('Kiew')).toBe('Kyiv');
    expect(place('Pékin')).toBe('Beijing');
    expect(place('Den Haag')).toBe('The Hague');
    expect(place('Sankt Petersburg')).toBe('St Petersburg');
    expect(lookupPlace('Washington')).toEqual({ canonical: 'Washington', type: 'city' });
    expect(lookupPlace('New York')?.type).toBe('city');
  });

  it('knows US states, preferring the country for Georgia', () => {
    expect(lookupPlace('Texas')).toEqual({ canonical: 'Texas', type: 'state' });
    expect(lookupPlace('California')?.type).toBe('state');
    expect(lookupPlace('Georgia')).toEqual({ canonical: 'Georgia', type: 'country' });
  });

  it('knows regions', () => {
    for (const n of [
      'Middle East',
      'Crimea',
      'Donbas',
      'Gaza',
      'West Bank',
      'Kashmir',
      'Catalonia',
      'Bavaria',
      'Siberia',
    ])
      expect(lookupPlace(n)?.type).toBe('region');
    expect(place('Nahost')).toBe('Middle East');
    expect(place('the Gulf')).toBe('Gulf');
    expect(place('Lateinamerika')).toBe('Latin America');
    expect(place('Cisjordania')).toBe('West Bank');
    expect(place('Bayern')).toBe('Bavaria');
  });
});

describe('lookupOrg', () => {
  it('maps acronyms and aliases to a canonical name', () => {
    for (const n of ['United Nations', 'UN', 'U.N.', 'Vereinte Nationen', 'ONU', 'Nations unies'])
      expect(org(n)).toBe('United Nations');
    for (const n of ['European Union', 'EU', 'Europäische Union', 'UE'])
      expect(org(n)).toBe('European Union');
    for (const n of ['NATO', 'Nato', 'OTAN']) expect(org(n)).toBe('NATO');
    expect(org('IAEA')).toBe('International Atomic Energy Agency');
    expect(org('WHO')).toBe('World Health Organization');
    expect(org('IMF')).toBe('International Monetary Fund');
    expect(org('Fed')).toBe('Federal Reserve');
    expect(org('AP')).toBe('Associated Press');
    expect(org('Deutsche Presse-Agentur')).toBe('dpa');
    expect(org('Defense Department')).toBe('Pentagon');
    expect(org('Kreml')).toBe('Kremlin');
    expect(org('Casa Blanca')).toBe('White House');
    expect(org('Hisbollah')).toBe('Hezbollah');
    for (const n of [
      'World Bank',
      'OPEC',
      'G7',
      'G20',
      'Red Cross',
      'State Department',
      'Congress',
      'Senate',
      'Bundestag',
    ])
      expect(org(n)).toBeDefined();
    for (const n of [
      'Supreme Court',
      'FBI',
      'CIA',
      'Reuters',
      'AFP',
      'BBC',
      'CNN',
      'Xinhua',
      'Hamas',
      'Taliban',
      'ECB',
    ])
      expect(org(n)).toBeDefined();
  });

  it('does not read common words as organisations', () => {
    expect(lookupOrg('who')).toBeUndefined();
    expect(lookupOrg('un')).toBeUndefined();
    expect(lookupOrg('fed')).toBeUndefined();
    expect(lookupOrg('us')).toBeUndefined();
    expect(lookupOrg('Who')).toBeUndefined();
  });

  it('knows organisation suffixes', () => {
    for (const w of [
      'Ministry',
      'Party',
      'Council',
      'Commission',
      'Agency',
      'Bank',
      'University',
      'Inc',
      'Corp.',
      'Ltd',
    ])
      expect(isOrgSuffix(w)).toBe(true);
    for (const w of [
      'Group',
      'Association',
      'Union',
      'Committee',
      'Court',
      'Institute',
      'Foundation',
      'Organisation',
    ])
      expect(isOrgSuffix(w)).toBe(true);
    for (const w of ['Department', 'Office', 'Army', 'Police', 'GmbH', 'Ministerium', 'Partido'])
      expect(isOrgSuffix(w)).toBe(true);
    expect(isOrgSuffix('Smith')).toBe(false);
  });
});

describe('demonymCountry', () => {
  it('maps demonyms and plurals to countries', () => {
    const cases: [string, string][] = [
      ['German', 'Germany'],
      ['Germans', 'Germany'],
      ['Iranian', 'Iran'],
      ['French', 'France'],
      ['British', 'United Kingdom'],
      ['Briton', 'United Kingdom'],
      ['American', 'United States'],
      ['US', 'United States'],
      ['U.S.', 'United States'],
      ['Russian', 'Russia'],
      ['Chinese', 'China'],
      ['Turkish', 'Turkey'],
      ['Spanish', 'Spain'],
      ['Polish', 'Poland'],
      ['Israeli', 'Israel'],
      ['Israelis', 'Israel'],
      ['Palestinian', 'Palestine'],
      ['Ukrainian', 'Ukraine'],
      ['Swiss', 'Switzerland'],
      ['Saudi', 'Saudi Arabia'],
      ['European', 'Europe'],
    ];
    for (const [w, c] of cases) expect(demonymCountry(w)).toBe(c);
  });

  it('knows inflected German, Spanish and French adjectives', () => {
    expect(demonymCountry('deutschen')).toBe('Germany');
    expect(demonymCountry('französische')).toBe('France');
    expect(demonymCountry('US-amerikanische')).toBe('United States');
    expect(demonymCountry('alemana')).toBe('Germany');
    expect(demonymCountry('franceses')).toBe('France');
    expect(demonymCountry('estadounidense')).toBe('United States');
    expect(demonymCountry('iraníes')).toBe('Iran');
    expect(demonymCountry('allemande')).toBe('Germany');
    expect(demonymCountry('israélienne')).toBe('Israel');
    expect(demonymCountry('nord-coréennes')).toBe('North Korea');
  });

  it('returns nothing for words that are not demonyms', () => {
    expect(demonymCountry('Arab')).toBeUndefined();
    expect(demonymCountry('us')).toBeUndefined();
    expect(demonymCountry('polish')).toBeUndefined();
    expect(demonymCountry('table')).toBeUndefined();
  });
});

describe('titles and honorifics', () => {
  it('matches the longest title at a position', () => {
    expect(matchTitle(['Foreign', 'Minister'], 0)).toEqual({ title: 'foreign minister', length: 2 });
    expect(matchTitle(['German', 'Foreign', 'Minister', 'Lena', 'Vogt'], 1)).toEqual({
      title: 'foreign minister',
      length: 2,
    });
    expect(matchTitle(['Prime', 'Minister', 'Ola'], 0)).toEqual({ title: 'prime minister', length: 2 });
    expect(matchTitle(['Secretary', 'of', 'State', 'Ray'], 0)).toEqual({
      title: 'secretary of state',
      length: 3,
    });
    expect(matchTitle(['Deputy', 'Prime', 'Minister'], 0)).toEqual({
      title: 'deputy prime minister',
      length: 3,
    });
    expect(matchTitle(['former', 'President', 'Ola'], 0)).toEqual({ title: 'former president', length: 2 });
    expect(matchTitle(['Secretary-General', 'Ola'], 0)).toEqual({ title: 'secretary general', length: 1 });
    expect(matchTitle(['chief', 'executive', 'officer'], 0)).toEqual({
      title: 'chief executive officer',
      length: 3,
    });
    expect(matchTitle(['Außenministerin', 'Vogt'], 0)).toEqual({ title: 'aussenministerin', length: 1 });
    expect(matchTitle(['ministra', 'de', 'Defensa', 'Ana'], 0)).toEqual({
      title: 'ministra de defensa',
      length: 3,
    });
    expect(matchTitle(['Premier', 'ministre'], 0)).toEqual({ title: 'premier ministre', length: 2 });
    expect(matchTitle(['the', 'minister'], 0)).toBeUndefined();
    expect(matchTitle(['Minister'], 3)).toBeUndefined();
  });

  it('recognises single title words in four languages', () => {
    for (const w of [
      'president',
      'Chancellor',
      'spokeswoman',
      'Senator',
      'ambassador',
      'envoy',
      'CEO',
      'pope',
      'officials',
    ])
      expect(isTitleWord(w)).toBe(true);
    for (const w of [
      'Außenminister',
      'Bundeskanzler',
      'Kanzlerin',
      'presidente',
      'ministra',
      'président',
      'ministre',
    ])
      expect(isTitleWord(w)).toBe(true);
    expect(isTitleWord('banana')).toBe(false);
  });

  it('recognises honorifics', () => {
    for (const w of [
      'Mr',
      'Mr.',
      'Mrs',
      'Ms',
      'Miss',
      'Dr',
      'Sir',
      'Dame',
      'Lord',
      'Lady',
      'Herr',
      'Frau',
      'Señor',
      'Sra.',
      'M.',
      'Mme',
    ])
      expect(isHonorific(w)).toBe(true);
    expect(isHonorific('Minister')).toBe(false);
  });

  it('infers gender from titles and honorifics only when they imply one', () => {
    for (const w of [
      'Mrs',
      'Ms',
      'Queen',
      'spokeswoman',
      'Kanzlerin',
      'Bundeskanzlerin',
      'ministra',
      'Frau',
      'Mme',
      'Señora',
    ])
      expect(titleGender(w)).toBe('f');
    for (const w of ['Mr', 'King', 'spokesman', 'Herr', 'Sir', 'Pope', 'M.'])
      expect(titleGender(w)).toBe('m');
    for (const w of [
      'president',
      'prime minister',
      'ministro',
      'presidente',
      'Dr',
      'Secretary-General',
      'chancellor',
    ])
      expect(titleGender(w)).toBeUndefined();
    expect(titleGender('Verteidigungsministerin')).toBe('f');
    expect(titleGender('deputy spokeswoman')).toBe('f');
    expect(titleGender('primera ministra')).toBe('f');
    expect(titleGender('Première ministre')).toBe('f');
  });
});

describe('givenNameGender', () => {
  it('knows common given names across languages', () => {
    for (const n of ['Mary', 'Annalena', 'Ségolène', 'Lucía', 'Fatima', 'Yulia', 'Kamala'])
      expect(givenNameGender(n)).toBe('f');
    for (const n of ['John', 'Olaf', 'Emmanuel', 'Javier', 'Mohammed', 'Sergei', 'Volodymyr'])
      expect(givenNameGender(n)).toBe('m');
  });

  it('uses the first part of hyphenated names and leaves unisex names open', () => {
    expect(givenNameGender('Jean-Luc')).toBe('m');
    expect(givenNameGender('Frank-Walter')).toBe('m');
    expect(givenNameGender('Marie-Christine')).toBe('f');
    for (const n of ['Alex', 'Jean', 'Andrea', 'Kim', 'Xyzzy']) expect(givenNameGender(n)).toBeUndefined();
  });
});
