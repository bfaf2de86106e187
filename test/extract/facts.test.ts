import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/extract/facts.js';
import type { Sentence } from '../../src/text/types.js';
import { fact, facts, pairs } from './fact-helpers.js';

describe('extractFacts: numbers', () => {
  it('reads digits with thousands separators and decimals', () => {
    expect(pairs('The port handled 1,000 containers worth 2.5 units and 3,250,000 more.')).toEqual([
      '1,000 containers → number:container:1000',
      '2.5 units → number:unit:2.5',
      '3,250,000 → number:3250000',
    ]);
  });

  it('reads a decimal comma in languages that write one', () => {
    expect(fact('Der Index stieg auf 3.000,5 Punkte.', '3.000,5', 'de').value).toBe(3000.5);
    expect(fact('Se vendieron 1.234 coches.', '1.234', 'es').value).toBe(1234);
    expect(fact('Il reste 0,75 litre.', '0,75', 'fr').value).toBe(0.75);
    expect(fact('The yield was 1.234 on average.', '1.234').value).toBe(1.234);
  });

  it('reads number words', () => {
    expect(fact('Rescuers found twenty-one survivors.', 'twenty-one survivors').value).toBe(21);
    expect(
      fact('About two hundred and five ballots were lost.', 'About two hundred and five ballots').value,
    ).toBe(205);
    expect(fact('The fund raised three million more.', 'three million').value).toBe(3e6);
    expect(fact('He signed a dozen petitions.', 'a dozen petitions').value).toBe(12);
    expect(fact('They bought two dozen lanterns.', 'two dozen lanterns').value).toBe(24);
    expect(fact('Half a million visitors came.', 'Half a million visitors').value).toBe(500000);
    expect(fact('Voters rejected it by ninety-nine votes.', 'ninety-nine votes').value).toBe(99);
  });

  it('gives "12", "twelve" and "a dozen" the same key', () => {
    const a = fact('Police detained 12 on Sunday.', '12');
    const b = fact('Police detained twelve on Sunday.', 'twelve');
    const c = fact('Police detained a dozen on Sunday.', 'a dozen');
    expect(new Set([a.key, b.key, c.key])).toEqual(new Set(['number:12']));
  });

  it('attaches a count noun as a singular unit', () => {
    expect(fact('The striker scored five goals.', 'five goals')).toMatchObject({
      kind: 'number',
      value: 5,
      unit: 'goal',
      key: 'number:goal:5',
    });
    expect(fact('The alliance moved 5,000 troops east.', '5,000 troops')).toMatchObject({
      unit: 'troop',
      value: 5000,
    });
    expect(fact('Nine people were rescued.', 'Nine people').unit).toBe('person');
    expect(fact('It had 30 casualties.', '30 casualties').unit).toBe('casualty');
    expect(fact('Two more ferries sank.', 'Two more ferries').unit).toBe('ferry');
    expect(fact('Only one reporter stayed.', 'one reporter').unit).toBe('reporter');
    expect(fact('Some 4m residents lost power.', 'Some 4m residents')).toMatchObject({
      value: 4e6,
      unit: 'resident',
    });
  });

  it('marks approximators and keeps the value', () => {
    expect(fact('It took about 12 attempts.', 'about 12 attempts')).toMatchObject({
      approx: true,
      value: 12,
      key: 'number:attempt:~12',
    });
    expect(fact('Nearly 40 boats were seized.', 'Nearly 40 boats').key).toBe('number:boat:<40');
    expect(fact('More than 100 shops closed.', 'More than 100 shops').key).toBe('number:shop:>100');
    expect(fact('At least 5 bridges collapsed.', 'At least 5 bridges').key).toBe('number:bridge:>=5');
    expect(fact('Up to 3 planes may land.', 'Up to 3 planes').key).toBe('number:plane:<=3');
    expect(fact('Some 20 or so lorries waited.', 'Some 20 or so lorries').key).toBe('number:lorry:~20');
    expect(fact('We saw 40+ drones.', '40+ drones').key).toBe('number:drone:>=40');
  });

  it('reads vague amounts without a value', () => {
    expect(fact('Dozens of fishermen protested.', 'Dozens of fishermen')).toMatchObject({
      key: 'number:fisherman:~dozens',
      approx: true,
      unit: 'fisherman',
    });
    expect(fact('Thousands marched on Saturday.', 'Thousands').key).toBe('number:~thousands');
    expect(fact('Several villages flooded.', 'Several villages').key).toBe('number:village:~few');
    expect(fact('A few volunteers stayed.', 'A few volunteers').key).toBe('number:volunteer:~few');
    expect(fact('Tens of thousands of nurses struck.', 'Tens of thousands of nurses').key).toBe(
      'number:nurse:~tens-of-thousands',
    );
    expect(fact('A couple of envoys left.', 'A couple of envoys')).toMatchObject({ value: 2, approx: true });
    expect(facts('Many said so.')).toEqual([]);
    expect(facts('Many say so.').some((f) => f.kind === 'number')).toBe(false);
    expect(fact('Many farmers said so.', 'Many farmers').key).toBe('number:farmer:~many');
  });

  it('skips model names, pronoun "one" and digits glued to letters', () => {
    expect(facts('The G7 met as COVID-19 spread and F-16 jets and 5G masts drew protests.')).toEqual([]);
    expect(facts('No one came, and the one who did left.')).toEqual([]);
  });
});

describe('extractFacts: percent, money, quantity', () => {
  it('reads percentages in all spellings', () => {
    for (const s of ['10%', '10 percent', '10 per cent', 'ten percent']) {
      expect(fact(`Turnout fell ${s} overnight.`, s).key).toBe('percent:10');
    }
    expect(fact('Rates rose 2 percentage points.', '2 percentage points')).toMatchObject({
      key: 'percent:point:2',
      unit: 'point',
    });
    expect(fact('Die Quote lag bei 4,5 Prozent.', '4,5 Prozent', 'de').key).toBe('percent:4.5');
    expect(fact('Le taux atteint 12 %.', '12 %', 'fr').key).toBe('percent:12');
  });

  it('reads money with symbols, codes, words and scales', () => {
    const cases: [string, string][] = [
      ['$2.5 billion', 'money:usd:2500000000'],
      ['US$3m', 'money:usd:3000000'],
      ['€40', 'money:eur:40'],
      ['£1.2bn', 'money:gbp:1200000000'],
      ['40 euros', 'money:eur:40'],
      ['2.5 billion dollars', 'money:usd:2500000000'],
      ['1 million yuan', 'money:cny:1000000'],
      ['USD 700', 'money:usd:700'],
      ['$50k', 'money:usd:50000'],
      ['900 Swiss francs', 'money:chf:900'],
    ];
    for (const [s, key] of cases) expect(fact(`The budget listed ${s} for repairs.`, s).key).toBe(key);
    expect(fact('It costs about $2.5 billion.', 'about $2.5 billion')).toMatchObject({
      key: 'money:usd:~2500000000',
      approx: true,
      unit: 'usd',
    });
    expect(fact('Hundreds of millions of dollars vanished.', 'Hundreds of millions of dollars').key).toBe(
      'money:usd:~hundreds-of-millions',
    );
  });

  it('reads money in German, Spanish and French', () => {
    expect(fact('Berlin gibt 2,5 Milliarden Euro frei.', '2,5 Milliarden Euro', 'de').key).toBe(
      'money:eur:2500000000',
    );
    expect(fact('Es kostet 1,2 Mrd. Dollar.', '1,2 Mrd. Dollar', 'de').key).toBe('money:usd:1200000000');
    expect(fact('Madrid aprobó 2.500 millones de euros.', '2.500 millones de euros', 'es').key).toBe(
      'money:eur:2500000000',
    );
    expect(fact('Paris a promis 3 milliards d’euros.', '3 milliards d’euros', 'fr').key).toBe(
      'money:eur:3000000000',
    );
  });

  it('tells a weight in pounds from money in pounds', () => {
    expect(fact('The parcel weighed 5 pounds.', '5 pounds')).toMatchObject({ kind: 'quantity', unit: 'lb' });
    expect(fact('The club paid 2 million pounds.', '2 million pounds')).toMatchObject({
      kind: 'money',
      unit: 'gbp',
    });
  });

  it('reads measured quantities and normalises units', () => {
    const cases: [string, string][] = [
      ['40 km', 'quantity:km:40'],
      ['40 kilometres', 'quantity:km:40'],
      ['25 miles', 'quantity:mile:25'],
      ['12 kg', 'quantity:kg:12'],
      ['3 tonnes', 'quantity:tonne:3'],
      ['3 tons', 'quantity:tonne:3'],
      ['200 litres', 'quantity:l:200'],
      ['1.2 million barrels', 'quantity:barrel:1200000'],
      ['35 degrees Celsius', 'quantity:degree-c:35'],
      ['30°C', 'quantity:degree-c:30'],
      ['90 mph', 'quantity:mph:90'],
      ['120 km/h', 'quantity:km/h:120'],
      ['500 hectares', 'quantity:ha:500'],
      ['50 megawatts', 'quantity:mw:50'],
      ['100m', 'quantity:m:100'],
    ];
    for (const [s, key] of cases) expect(fact(`Officials measured ${s} at the site.`, s).key).toBe(key);
    expect(fact('A 10-km stretch reopened.', '10-km').key).toBe('quantity:km:10');
    expect(fact('A magnitude 6.2 quake struck.', 'magnitude 6.2').key).toBe('quantity:magnitude:6.2');
    expect(fact('Es waren etwa 40 Kilometer.', 'etwa 40 Kilometer', 'de').key).toBe('quantity:km:~40');
  });
});

describe('extractFacts: durations', () => {
  it('gives "two weeks", "2 weeks" and "a fortnight" one key', () => {
    for (const s of ['two weeks', '2 weeks', 'a fortnight']) {
      expect(fact(`The strike lasted ${s} in all.`, s)).toMatchObject({
        kind: 'duration',
        key: 'duration:week:2',
        value: 2,
        unit: 'week',
      });
    }
  });

  it('keeps "the past"/"the last"/"the next" in the text', () => {
    expect(fact('Prices climbed over the past few weeks.', 'the past few weeks')).toMatchObject({
      key: 'duration:week:~few',
      approx: true,
      unit: 'week',
    });
    expect(fact('Prices climbed over the past two weeks.', 'the past two weeks').key).toBe('duration:week:2');
    expect(fact('It will rain for the next 48 hours.', 'the next 48 hours').key).toBe('duration:hour:48');
    expect(fact('Exports grew in the last decade.', 'the last decade').key).toBe('duration:decade:1');
    expect(fact('Talks resume in the coming days.', 'the coming days').key).toBe('duration:day:~few');
  });

  it('treats "a few" and "several" alike', () => {
    expect(fact('It took a few weeks.', 'a few weeks').key).toBe(
      fact('It took several weeks.', 'several weeks').key,
    );
  });

  it('reads adjectival and article forms', () => {
    expect(fact('They signed a three-year contract.', 'three-year').key).toBe('duration:year:3');
    expect(fact('The pair met for a day.', 'a day').key).toBe('duration:day:1');
    expect(fact('It has been a decade.', 'a decade').key).toBe('duration:decade:1');
    expect(fact('They waited half an hour.', 'half an hour').key).toBe('duration:hour:0.5');
    expect(fact('He served one and a half years.', 'one and a half years').key).toBe('duration:year:1.5');
    expect(fact('It ran for an hour and a half.', 'an hour and a half').value).toBe(1.5);
  });

  it('reads bare plurals after "for", "within" and "recent"', () => {
    expect(fact('The siege went on for months.', 'months').key).toBe('duration:month:~few');
    expect(fact('Sales dipped in recent weeks.', 'recent weeks').key).toBe('duration:week:~few');
  });

  it('does not read rates as durations', () => {
    expect(facts('She trains twice a week.')).toEqual([]);
    expect(pairs('He earns $5 million a year.')).toEqual(['$5 million → money:usd:5000000']);
  });

  it('reads durations in other languages', () => {
    expect(fact('In den vergangenen zwei Wochen stieg er.', 'den vergangenen zwei Wochen', 'de').key).toBe(
      'duration:week:2',
    );
    expect(fact('Subió en las últimas semanas.', 'las últimas semanas', 'es').key).toBe('duration:week:~few');
    expect(fact('Il a plu ces dernières semaines.', 'ces dernières semaines', 'fr').key).toBe(
      'duration:week:~few',
    );
  });
});

describe('extractFacts: dates', () => {
  it('reads weekdays with or without "on" and modifiers', () => {
    expect(pairs('The vote was held on Thursday.')).toEqual(['Thursday → date:weekday:thursday']);
    expect(fact('They met last Thursday.', 'last Thursday').key).toBe('date:weekday:thursday');
    expect(fact('Shelling resumed on Friday night.', 'Friday night').key).toBe('date:weekday:friday:night');
    expect(fact('Er sprach am Donnerstag.', 'Donnerstag', 'de').key).toBe('date:weekday:thursday');
    expect(fact('Er sprach Donnerstagabend.', 'Donnerstagabend', 'de').key).toBe(
      'date:weekday:thursday:evening',
    );
    expect(fact('Habló el jueves.', 'jueves', 'es').key).toBe('date:weekday:thursday');
    expect(fact('Il a parlé jeudi dernier.', 'jeudi dernier', 'fr').key).toBe('date:weekday:thursday');
  });

  it('reads month and day in both orders, with and without a year', () => {
    const cases: [string, string][] = [
      ['June 3', 'date:--06-03'],
      ['June 3rd', 'date:--06-03'],
      ['3 June', 'date:--06-03'],
      ['3rd of June', 'date:--06-03'],
      ['3 June 2021', 'date:2021-06-03'],
      ['June 3, 2021', 'date:2021-06-03'],
      ['Sept. 11', 'date:--09-11'],
      ['June 2021', 'date:2021-06'],
      ['2021-06-03', 'date:2021-06-03'],
    ];
    for (const [s, key] of cases) expect(fact(`The hearing opened ${s} in the capital.`, s).key).toBe(key);
    expect(fact('Das Treffen am 3. Juni 2021 scheiterte.', '3. Juni 2021', 'de').key).toBe('date:2021-06-03');
    expect(fact('La cumbre del 3 de junio de 2021 fracasó.', '3 de junio de 2021', 'es').key).toBe(
      'date:2021-06-03',
    );
    expect(fact('Le sommet du 1er juin 2021 a échoué.', '1er juin 2021', 'fr').key).toBe('date:2021-06-01');
    expect(fact('Die Frist endet am 03.06.2021.', '03.06.2021', 'de').key).toBe('date:2021-06-03');
  });

  it('reads numeric dates in the order of the language', () => {
    expect(fact('Filed 03/06/2021 in court.', '03/06/2021').key).toBe('date:2021-03-06');
    expect(fact('Presentado el 03/06/2021.', '03/06/2021', 'es').key).toBe('date:2021-06-03');
    expect(fact('Filed 25/12/2020 in court.', '25/12/2020').key).toBe('date:2020-12-25');
  });

  it('reads bare months, needing a cue for May and March', () => {
    expect(fact('Elections are due in June.', 'June').key).toBe('date:month:6');
    expect(fact('It closed in November.', 'November').key).toBe('date:month:11');
    expect(fact('Talks began in May.', 'May').key).toBe('date:month:5');
    expect(fact('Prices peaked in early March.', 'early March').key).toBe('date:month:3:early');
    expect(facts('She said she may go.')).toEqual([]);
    expect(facts('May is unsure, aides said.')).toEqual([]);
  });

  it('reads relative dates with canonical keys', () => {
    const cases: [string, string][] = [
      ['today', 'date:relative:today'],
      ['yesterday', 'date:relative:yesterday'],
      ['tomorrow', 'date:relative:tomorrow'],
      ['last week', 'date:relative:last-week'],
      ['last year', 'date:relative:last-year'],
      ['next month', 'date:relative:next-month'],
      ['this week', 'date:relative:this-week'],
      ['earlier this month', 'date:relative:earlier-this-month'],
      ['a day after', 'date:relative:day-after'],
      ['a day later', 'date:relative:day-after'],
      ['the next day', 'date:relative:day-after'],
      ['a day earlier', 'date:relative:day-before'],
      ['the day before', 'date:relative:day-before'],
      ['two days later', 'date:relative:day-after:2'],
      ['three years ago', 'date:relative:year-ago:3'],
      ['a few weeks ago', 'date:relative:week-ago:~few'],
      ['years later', 'date:relative:year-after:~few'],
    ];
    for (const [s, key] of cases) expect(fact(`The mayor resigned ${s}, aides said.`, s).key).toBe(key);
    expect(fact('The mayor resigned yesterday morning.', 'yesterday morning').key).toBe(
      'date:relative:yesterday:morning',
    );
  });

  it('reads relative dates in other languages', () => {
    expect(fact('Es geschah vor drei Tagen.', 'vor drei Tagen', 'de').key).toBe('date:relative:day-ago:3');
    expect(fact('Er kam letzte Woche.', 'letzte Woche', 'de').key).toBe('date:relative:last-week');
    expect(facts('Am Morgen regnete es.', 'de')).toEqual([]);
    expect(fact('Ocurrió hace dos días.', 'hace dos días', 'es').key).toBe('date:relative:day-ago:2');
    expect(fact('Llegó la semana pasada.', 'la semana pasada', 'es').key).toBe('date:relative:last-week');
    expect(fact("C'est arrivé il y a deux jours.", 'il y a deux jours', 'fr').key).toBe(
      'date:relative:day-ago:2',
    );
    expect(fact('Il est venu la veille.', 'la veille', 'fr').key).toBe('date:relative:day-before');
  });
});

describe('extractFacts: years, times, ordinals', () => {
  it('reads standalone years but not years inside larger numbers', () => {
    expect(fact('The pact was signed in 2015.', '2015')).toMatchObject({
      kind: 'year',
      key: 'year:2015',
      value: 2015,
    });
    expect(fact('The 2015 deal collapsed.', '2015').key).toBe('year:2015');
    expect(fact('Growth was weak in the 1990s.', '1990s').key).toBe('year:1990s');
    expect(fact('It cost 2,015 dollars.', '2,015 dollars').kind).toBe('money');
    expect(fact('They walked 2015 km.', '2015 km').kind).toBe('quantity');
    expect(facts('Code 12015 failed.').some((f) => f.kind === 'year')).toBe(false);
    expect(fact('The 2015 elections were close.', '2015').kind).toBe('year');
  });

  it('reads clock times, normalised to 24 hours', () => {
    const cases: [string, string][] = [
      ['10:30', 'time:10:30'],
      ['3 p.m.', 'time:15:00'],
      ['3pm', 'time:15:00'],
      ['10:30 a.m.', 'time:10:30'],
      ['15:00 GMT', 'time:gmt:15:00'],
      ['1430 GMT', 'time:gmt:14:30'],
      ['noon', 'time:12:00'],
      ['midnight', 'time:00:00'],
      ["7 o'clock", 'time:07:00'],
    ];
    for (const [s, key] of cases) expect(fact(`The curfew starts at ${s} sharp.`, s).key).toBe(key);
    expect(fact('Das Spiel beginnt um 15.30 Uhr.', '15.30 Uhr', 'de').key).toBe('time:15:30');
    expect(fact('Le vote ouvre à 15 heures.', '15 heures', 'fr').key).toBe('time:15:00');
    expect(fact('Le vote ouvre à 15h30.', '15h30', 'fr').key).toBe('time:15:30');
    expect(fact('El juicio empieza a las 10:00.', '10:00', 'es').key).toBe('time:10:00');
  });

  it('reads ordinals as words and digits', () => {
    for (const [s, v] of [
      ['first', 1],
      ['second', 2],
      ['tenth', 10],
      ['3rd', 3],
      ['21st', 21],
      ['twenty-first', 21],
    ] as const) {
      expect(fact(`It was the ${s} attempt.`, s)).toMatchObject({
        kind: 'ordinal',
        key: `ordinal:${v}`,
        value: v,
      });
    }
  });
});

describe('extractFacts: output shape and robustness', () => {
  it('returns absolute offsets, sentence indices, sorted and without overlaps', () => {
    const s1 = 'Rebels held 12 towns for two weeks.';
    const s2 = 'On Thursday, a day after the truce, $2.5 billion in aid arrived.';
    const text = `${s1} ${s2}`;
    const sentences: Sentence[] = [
      { index: 0, text: s1, start: 0, end: s1.length, paragraph: 0 },
      { index: 1, text: s2, start: s1.length + 1, end: text.length, paragraph: 0 },
    ];
    const out = extractFacts(text, sentences, 'en');
    expect(out.map((f) => [f.text, f.sentence])).toEqual([
      ['12 towns', 0],
      ['two weeks', 0],
      ['Thursday', 1],
      ['a day after', 1],
      ['$2.5 billion', 1],
    ]);
    for (const f of out) expect(text.slice(f.start, f.end)).toBe(f.text);
    for (let k = 1; k < out.length; k++) expect(out[k].start).toBeGreaterThanOrEqual(out[k - 1].end);
  });

  it('prefers the longest reading at a position', () => {
    expect(pairs('It ended three years ago.')).toEqual(['three years ago → date:relative:year-ago:3']);
    expect(pairs('It rose 10 percent.')).toEqual(['10 percent → percent:10']);
  });

  it('handles other languages with digits, symbols and numeric dates only', () => {
    expect(pairs('Il governo ha stanziato €2,5 miliardi il 03.06.2021 alle 15:30, il 10%.', 'it')).toEqual([
      '€2,5 miliardi → money:eur:2500000000',
      '03.06.2021 → date:2021-06-03',
      '15:30 → time:15:30',
      '10% → percent:10',
    ]);
  });

  it('handles empty input and sentences at the text bounds', () => {
    expect(extractFacts('', [], 'en')).toEqual([]);
    expect(extractFacts('   ', [{ index: 0, text: '   ', start: 0, end: 3, paragraph: 0 }], 'en')).toEqual(
      [],
    );
  });

  it('stays linear on a 100,000-character sentence of digits and words', () => {
    const chunk = '12 people, 3,000 troops, two weeks, $5 million, about forty-two, 2015, 10:30 and 7% ';
    let text = '';
    while (text.length < 100_000) text += chunk;
    const out = facts(text);
    expect(out.length).toBeGreaterThan(8000);
    const digits = '9'.repeat(100_000);
    expect(facts(digits)).toEqual([]);
    const words = 'one two three four five six seven eight nine ten '.repeat(2000);
    expect(facts(words).length).toBeGreaterThan(1000);
    const mixed = '1,'.repeat(50_000);
    expect(Array.isArray(facts(mixed))).toBe(true);
  });
});
