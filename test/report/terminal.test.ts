import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare/compare.js';
import { renderDiff, renderTerminal } from '../../src/report/terminal.js';
import { portComparison, story } from './helpers.js';

const ESC = '\x1b[';

describe('renderTerminal', () => {
  const c = portComparison();

  it('puts the verdict first', () => {
    const out = renderTerminal(c);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^a: Port strike could end within days \(\d+ sentences, \d+ words, en\)/);
    expect(lines[2]).toMatch(
      /^(VERBATIM COPY|EDITED COPY|REWRITE OR TRANSLATION|SAME STORY|RELATED|UNRELATED)/,
    );
    expect(lines[2]).toContain(`similarity ${c.scores.overall.toFixed(2)}`);
    // The sections that explain the verdict come after it, in this order.
    const at = (s: string) => out.indexOf(s);
    expect(at('NAMES SPELT DIFFERENTLY')).toBeGreaterThan(at('similarity'));
    expect(at('QUOTES (')).toBeGreaterThan(at('NAMES SPELT DIFFERENTLY'));
    expect(at('CHANGES IN CORRESPONDING SENTENCES')).toBeGreaterThan(at('QUOTES ('));
    expect(at('ONLY IN A')).toBeGreaterThan(at('CHANGES IN CORRESPONDING SENTENCES'));
    expect(at('DIMENSIONS')).toBeGreaterThan(at('ONLY IN B'));
    expect(at('ALIGNMENT (')).toBeGreaterThan(at('DIMENSIONS'));
  });

  it('lists a name one version spells two ways on its own, after the differences between versions', () => {
    const out = renderTerminal(c, { color: false });
    const at = (s: string) => out.indexOf(s);
    expect(at('NAMES SPELT INCONSISTENTLY WITHIN ONE VERSION')).toBeGreaterThan(
      at('NAMES SPELT DIFFERENTLY'),
    );
    expect(out).toMatch(/Marieke Vandersloot {2}b: Marieke Vanderslot, Vandersloth/);
  });

  it('writes no colour codes when color is false (the default)', () => {
    expect(renderTerminal(c, { color: false })).not.toContain(ESC);
    expect(renderTerminal(c)).not.toContain(ESC);
    expect(renderTerminal(c, { color: false })).not.toContain('\x1b');
  });

  it('colours when asked, closing every colour it opens', () => {
    const coloured = renderTerminal(c, { color: true });
    expect(coloured).toContain(ESC);
    const opens = (coloured.match(/\x1b\[(1|2|3[1-6])m/g) ?? []).length;
    const closes = (coloured.match(/\x1b\[(22|39)m/g) ?? []).length;
    expect(opens).toBeGreaterThan(0);
    expect(opens).toBe(closes);
    // Without the codes it has the same lines as the plain report (diffs are marked differently).
    expect(coloured.replace(/\x1b\[\d+m/g, '').split('\n')).toHaveLength(
      renderTerminal(c, { color: false }).split('\n').length,
    );
  });

  it('shows each one-sided sentence with its number', () => {
    const out = renderTerminal(c);
    expect(c.onlyA.length).toBeGreaterThan(0);
    for (const i of c.onlyA)
      expect(out).toMatch(new RegExp(`\\ba${i + 1}\\s+${c.a.sentences[i].text.slice(0, 20)}`));
    for (const j of c.onlyB)
      expect(out).toMatch(new RegExp(`\\bb${j + 1}\\s+${c.b.sentences[j].text.slice(0, 20)}`));
  });

  it('lists the misspelt names with both spellings', () => {
    const out = renderTerminal(c);
    expect(out).toMatch(/Vandersloot/);
    expect(out).toMatch(/Vanderslot/);
    expect(out).toMatch(/why the same:/);
  });

  it('can leave out the aligned text', () => {
    const out = renderTerminal(c, { alignment: false });
    expect(out).not.toContain('ALIGNMENT (');
    expect(renderTerminal(c)).toContain(`ALIGNMENT (${c.alignment.length} links)`);
  });

  it('wraps the article text to the width', () => {
    const out = renderTerminal(c, { width: 60 });
    // Aligned text, quotes and one-sided sentences are indented and wrapped.
    const body = out.split('\n').filter((l) => /^ {6}\S|^ {2}[ab]\d+ /.test(l));
    expect(body.length).toBeGreaterThan(20);
    for (const l of body) expect(l.length <= 60 || !/\s/.test(l.trim()), l).toBe(true);
  });

  it('says unrelated stories are unrelated, and prints no empty sections', () => {
    const u = compare(story('port-wire.txt'), story('unrelated.txt'));
    const out = renderTerminal(u);
    expect(out.split('\n')[2]).toMatch(/^(UNRELATED|RELATED STORY)/);
    expect(out).not.toContain('CHANGES IN CORRESPONDING SENTENCES');
    expect(out).toContain('ALIGNMENT (0 links)');
  });
});

describe('renderDiff', () => {
  const ops = [
    { op: 'equal' as const, text: 'the talks' },
    { op: 'delete' as const, text: 'resumed' },
    { op: 'insert' as const, text: 'restarted' },
  ];
  const palette = {
    bold: (s: string) => s,
    dim: (s: string) => s,
    red: (s: string) => `<r>${s}</r>`,
    green: (s: string) => `<g>${s}</g>`,
    yellow: (s: string) => s,
    cyan: (s: string) => s,
    magenta: (s: string) => s,
  };

  it('marks deletions and insertions in plain text', () => {
    expect(renderDiff(ops, palette, false)).toBe('the talks [-resumed-] {+restarted+}');
  });

  it('uses the palette with colour', () => {
    expect(renderDiff(ops, palette, true)).toBe('the talks <r>-resumed</r> <g>+restarted</g>');
  });
});
