import type {
  AlignmentLink,
  Comparison,
  DiffOp,
  DimensionScore,
  QuotePair,
  ReconciledEntity,
  Side,
  SideInfo,
} from '../compare/types.js';
import { tokenize } from '../text/tokenize.js';
import { VERSION } from '../version.js';
import { pct, sharedItems } from './format.js';
import { CSS, CSS_HASH, SCRIPT, SCRIPT_HASH } from './html-assets.js';
import { derivationLabel, inconsistentSpellings, QUOTE_LABEL, RELATION_LABEL } from './labels.js';

/** Options of {@link renderHtml}. */
export interface HtmlOptions {
  /** Title of the page and its heading. Default: "a's title vs b's title". */
  title?: string;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML content and double- or single-quoted attributes. Control characters are
 * dropped: they are invalid in HTML and have no business in a report.
 */
export function escapeHtml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
const esc = escapeHtml;

const RELATION = RELATION_LABEL;

/** Link types used as class names; anything else (a hand-edited JSON) is not put in an attribute. */
const LINK_TYPES = new Set(['identical', 'edited', 'paraphrase', 'partial']);

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** Ids follow the JSON's 0-based indices (`#a-3` is `a.sentences[3]`); labels are 1-based like the other reports. */
const sid = (side: Side, i: number) => `${side}-${i}`;
const label = (side: Side, i: number) => `${side}${i + 1}`;
const ref = (side: Side, i: number) => `<a class="ref" href="#${sid(side, i)}">${label(side, i)}</a>`;
const refs = (side: Side, idx: number[]) => idx.map((i) => ref(side, i)).join('+');
const linkRefs = (a: number[], b: number[]) =>
  [a.length ? refs('a', a) : '', b.length ? refs('b', b) : ''].filter(Boolean).join(' ↔ ');
const base = (path: string) => path.split(/[\\/]/).filter(Boolean).pop() ?? path;
const sideName = (s: SideInfo, side: Side) => s.title ?? (s.source ? base(s.source) : `version ${side}`);
const langAttr = (lang: string) => (/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : 'und');
const uniq = (xs: number[]) => [...new Set(xs)].sort((x, y) => x - y);

function bar(x: number, max = 1): string {
  const w = Math.max(0, Math.min(100, (x / max) * 100)).toFixed(1);
  return `<svg class="bar" width="100%" height="6" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true"><rect class="track" width="100" height="6" rx="3"/><rect class="fill" width="${w}" height="6" rx="3"/></svg>`;
}

/** A word diff as readable text: deletions struck through, insertions marked. */
function diffOps(ops: DiffOp[]): string {
  return ops
    .map((o) =>
      o.op === 'equal'
        ? esc(o.text)
        : o.op === 'delete'
          ? `<del>${esc(o.text)}</del>`
          : `<ins>${esc(o.text)}</ins>`,
    )
    .join(' ');
}

/**
 * Marks a link's word diff inside the sentences' own text, so punctuation and spacing survive (the
 * diff keeps words only). Side a shows deletions, side b insertions. The diff's words are matched
 * to the sentences' word tokens in order; if they do not line up (e.g. a diff made by another
 * tokenizer), returns undefined and the caller shows the plain text.
 */
function markDiff(texts: string[], ops: DiffOp[], side: Side, lang: string): string[] | undefined {
  const keep = side === 'a' ? 'delete' : 'insert';
  const tag = side === 'a' ? 'del' : 'ins';
  const words: { changed: boolean; text: string }[] = [];
  for (const o of ops) {
    if (o.op !== 'equal' && o.op !== keep) continue;
    for (const w of o.text.split(' ')) if (w) words.push({ changed: o.op === keep, text: w });
  }
  const out: string[] = [];
  let w = 0;
  for (const text of texts) {
    const toks = tokenize(text, 0, lang).filter((t) => t.kind === 'word' || t.kind === 'number');
    let html = '';
    let cursor = 0;
    let k = 0;
    while (k < toks.length) {
      if (w >= words.length) return undefined;
      if (!words[w].changed) {
        k++;
        w++;
        continue;
      }
      const start = toks[k].start;
      let end = start;
      while (k < toks.length && w < words.length && words[w].changed) {
        if (toks[k].text !== words[w].text) return undefined;
        end = toks[k].end;
        k++;
        w++;
      }
      html += `${esc(text.slice(cursor, start))}<${tag}>${esc(text.slice(start, end))}</${tag}>`;
      cursor = end;
    }
    out.push(html + esc(text.slice(cursor)));
  }
  return w === words.length ? out : undefined;
}

/** Per-sentence inner HTML and link index for one side. */
function sentenceBodies(cmp: Comparison, side: Side): { html: string[]; link: (number | undefined)[] } {
  const info = cmp[side];
  const html = info.sentences.map((s) => esc(s.text));
  const link: (number | undefined)[] = info.sentences.map(() => undefined);
  cmp.alignment.forEach((l, k) => {
    const idx = l[side];
    for (const i of idx) link[i] = k;
    if (l.type === 'identical') return;
    const marked = markDiff(
      idx.map((i) => info.sentences[i].text),
      l.diff,
      side,
      info.lang,
    );
    if (!marked) return;
    idx.forEach((i, n) => {
      html[i] = marked[n];
    });
  });
  return { html, link };
}

function column(cmp: Comparison, side: Side): string {
  const info = cmp[side];
  const other: Side = side === 'a' ? 'b' : 'a';
  const { html, link } = sentenceBodies(cmp, side);
  const only = new Set(side === 'a' ? cmp.onlyA : cmp.onlyB);
  const whole = new Set(side === 'a' ? cmp.paragraphsOnlyA : cmp.paragraphsOnlyB);
  const paras: string[] = [];
  let cur = -1;
  let buf: string[] = [];
  const flush = () => {
    if (buf.length) paras.push(`<p${whole.has(cur) ? ' class="whole"' : ''}>${buf.join(' ')}</p>`);
    buf = [];
  };
  for (const s of info.sentences) {
    if (s.paragraph !== cur) {
      flush();
      cur = s.paragraph;
    }
    const k = link[s.index];
    const l = k === undefined ? undefined : cmp.alignment[k];
    const badges: string[] = [];
    let cls = 's';
    let sr = '';
    if (only.has(s.index)) {
      cls += ` o${side}`;
      badges.push(`<span class="badge o${side}">only in ${side}</span>`);
    } else if (l) {
      if (l.moved)
        badges.push('<span class="badge mv" title="moved: out of order with its neighbours">↕ moved</span>');
      // Hidden on screen (hover shows the partner), printed, and read by screen readers.
      sr = `<span class="pr"> (${esc(l.type)}, ↔ ${l[other].map((i) => label(other, i)).join('+')})</span>`;
    }
    buf.push(
      `<span class="${cls}" id="${sid(side, s.index)}" tabindex="0"><span class="n" aria-hidden="true">${s.index + 1}</span>${badges.join('')}<span dir="auto">${html[s.index]}</span>${sr}</span>`,
    );
  }
  flush();
  const lang = langAttr(info.lang);
  const dir = RTL.has(lang.split('-')[0].toLowerCase()) ? ' dir="rtl"' : '';
  return `<article class="col col-${side}" aria-labelledby="col-${side}-h" lang="${esc(lang)}"><h3 id="col-${side}-h"><span class="tag ${side}">${side}</span> <span dir="auto">${esc(sideName(info, side))}</span></h3><div class="col-body"${dir}>${paras.join('')}</div></article>`;
}

/** An inline SVG of both articles: blocks proportional to sentence length, bands for links. */
function mapSvg(cmp: Comparison): string {
  const W = 340;
  const colW = 70;
  const top = 24;
  const H = 420;
  const n = Math.max(cmp.a.sentences.length, cmp.b.sentences.length, 1);
  const gap = Math.min(2, (H * 0.15) / n);
  const len = (s: { text: string }) => Math.max(1, s.text.length);
  const total = Math.max(
    cmp.a.sentences.reduce((t, s) => t + len(s), 0),
    cmp.b.sentences.reduce((t, s) => t + len(s), 0),
    1,
  );
  const scale = (H - gap * n) / total;
  const layout = (side: Side) => {
    let y = top;
    return cmp[side].sentences.map((s) => {
      const h = Math.max(1.5, len(s) * scale);
      const r = { y, h };
      y += h + gap;
      return r;
    });
  };
  const ya = layout('a');
  const yb = layout('b');
  const bottom = Math.max(top, ...ya.map((r) => r.y + r.h), ...yb.map((r) => r.y + r.h)) + 4;
  const f = (x: number) => x.toFixed(1);
  const onlyA = new Set(cmp.onlyA);
  const onlyB = new Set(cmp.onlyB);
  const out: string[] = [];
  cmp.alignment.forEach((l, k) => {
    if (!l.a.length || !l.b.length) return;
    const a0 = ya[l.a[0]].y;
    const a1 = ya[l.a[l.a.length - 1]].y + ya[l.a[l.a.length - 1]].h;
    const b0 = yb[l.b[0]].y;
    const b1 = yb[l.b[l.b.length - 1]].y + yb[l.b[l.b.length - 1]].h;
    const x1 = colW;
    const x2 = W - colW;
    const mx = (x1 + x2) / 2;
    out.push(
      `<path class="band${LINK_TYPES.has(l.type) ? ` ${l.type}` : ''}${l.moved ? ' mv' : ''}" data-k="${k}" d="M${x1} ${f(a0)}C${mx} ${f(a0)} ${mx} ${f(b0)} ${x2} ${f(b0)}L${x2} ${f(b1)}C${mx} ${f(b1)} ${mx} ${f(a1)} ${x1} ${f(a1)}Z"/>`,
    );
  });
  const blocks = (side: Side, rows: { y: number; h: number }[], only: Set<number>) => {
    const x = side === 'a' ? 0 : W - colW;
    cmp[side].sentences.forEach((s, i) => {
      const o = only.has(i);
      const t = s.text.length > 90 ? `${s.text.slice(0, 88)}…` : s.text;
      out.push(
        `<a href="#${sid(side, i)}" tabindex="-1"><rect class="blk${o ? ` o${side}` : ''}" data-for="${sid(side, i)}" x="${x}" y="${f(rows[i].y)}" width="${colW}" height="${f(rows[i].h)}" rx="2"><title>${label(side, i)}${o ? ` (only in ${side})` : ''}: ${esc(t)}</title></rect></a>`,
      );
    });
  };
  blocks('a', ya, onlyA);
  blocks('b', yb, onlyB);
  const moved = cmp.alignment.filter((l) => l.moved).length;
  const alt = `Map of the two versions. a has ${cmp.a.sentences.length} sentences, b has ${cmp.b.sentences.length}. ${cmp.alignment.length} links join them${moved ? `, ${moved} of them out of order (moved)` : ''}; ${cmp.onlyA.length} sentence${cmp.onlyA.length === 1 ? ' is' : 's are'} only in a and ${cmp.onlyB.length} only in b.`;
  const hatch = (id: string, side: Side, angle: number) =>
    `<pattern id="${id}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(${angle})"><rect class="hatch-bg-${side}" width="5" height="5"/><line class="hatch-${side}" x1="0" y1="0" x2="0" y2="5" stroke-width="2"/></pattern>`;
  return `<svg viewBox="0 0 ${W} ${f(bottom)}" role="img" aria-labelledby="map-t map-d"><title id="map-t">Map of the two versions</title><desc id="map-d">${esc(alt)}</desc><defs>${hatch('ha', 'a', 45)}${hatch('hb', 'b', -45)}</defs><text class="maplabel" x="${colW / 2}" y="14" text-anchor="middle">a</text><text class="maplabel" x="${W - colW / 2}" y="14" text-anchor="middle">b</text>${out.join('')}</svg>`;
}

function header(cmp: Comparison, title: string): string {
  const side = (s: Side) => {
    const i = cmp[s];
    const meta = [
      i.source && sideName(i, s) !== i.source ? i.source : '',
      i.byline ?? '',
      i.date ?? '',
      `${i.sentences.length} sentences`,
      `${i.paragraphs} paragraphs`,
      `${i.words} words`,
      i.lang,
    ].filter(Boolean);
    return `<div class="side"><span class="tag ${s}">${s}</span><div><strong dir="auto">${esc(sideName(i, s))}</strong><div class="meta">${meta.map(esc).join(' · ')}</div></div></div>`;
  };
  return `<header class="top"><div class="wrap"><p class="kicker">storydiff · two versions of a story compared</p><h1 dir="auto">${esc(title)}</h1><div class="sides">${side('a')}${side('b')}</div></div></header>`;
}

function verdict(cmp: Comparison): string {
  const s = cmp.scores;
  const d = cmp.derivation;
  const dir = derivationLabel(d, 'Which came first is unknown');
  const metric = (dt: string, dd: string, extra = '') => `<div><dt>${dt}</dt><dd>${dd}${extra}</dd></div>`;
  const reasons = d.reasons.length
    ? `<ul>${d.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`
    : '<p class="ev">No clue points either way.</p>';
  const moved = cmp.alignment.filter((l) => l.moved).length;
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  const spelt = cmp.entities.filter((e) => e.variants).length;
  const quotes = cmp.quotes.filter((q) => q.relation !== 'verbatim').length;
  const facts = factList(cmp).length;
  // At a glance: what the change list holds, each a way into it.
  const glance = [
    spelt ? `<li><a href="#names">${n(spelt, 'name')} spelt differently</a></li>` : '',
    quotes ? `<li><a href="#quotes">${n(quotes, 'quote')} changed, dropped or added</a></li>` : '',
    facts ? `<li><a href="#facts">${n(facts, 'fact')} changed</a></li>` : '',
    cmp.onlyA.length || cmp.onlyB.length
      ? `<li><a href="#one-sided">${n(cmp.onlyA.length, 'sentence')} only in a, ${cmp.onlyB.length} only in b</a></li>`
      : '',
    moved ? `<li>${n(moved, 'link')} moved</li>` : '',
  ].join('');
  return `<section id="verdict" class="wrap verdict" aria-labelledby="verdict-h"><div><h2 id="verdict-h" class="vh">Verdict</h2><p class="rel">${RELATION[cmp.relation] ?? esc(cmp.relation)}</p><p class="summary">${esc(cmp.summary)}</p>${glance ? `<ul class="glance">${glance}</ul>` : ''}<dl class="metrics">${metric('Overall similarity', s.overall.toFixed(2), bar(s.overall))}${metric('Share of a found in b', pct(s.containment.aInB), bar(s.containment.aInB))}${metric('Share of b found in a', pct(s.containment.bInA), bar(s.containment.bInA))}${metric('SemEval estimate', s.semeval.toFixed(2), '<small>1 = very similar … 4 = very dissimilar</small>')}</dl><div class="deriv"><h3>Which version came first</h3><p><strong>${dir}</strong>${d.direction !== 'unknown' ? ` <span class="ev">(confidence ${d.confidence.toFixed(2)})</span>` : ''}</p>${reasons}</div></div><figure class="map">${mapSvg(cmp)}<figcaption>Each block is a sentence, its height its length; click one to go to it. ${cmp.alignment.length} links, ${moved} moved, ${cmp.onlyA.length} sentences only in a, ${cmp.onlyB.length} only in b.<ul class="key"><li><span class="sw link"></span>linked</li><li><span class="sw mv"></span>moved (dashed)</li><li><span class="sw oa"></span>only in a</li><li><span class="sw ob"></span>only in b</li></ul></figcaption></figure></section>`;
}

function mentionRefs(e: ReconciledEntity): string {
  const a = uniq(e.mentions.a.map((m) => m.sentence));
  const b = uniq(e.mentions.b.map((m) => m.sentence));
  return [
    a.length ? a.map((i) => ref('a', i)).join(' ') : '',
    b.length ? b.map((i) => ref('b', i)).join(' ') : '',
  ]
    .filter(Boolean)
    .join('<br>');
}

function names(cmp: Comparison): string {
  if (!cmp.entities.length) return '';
  const variants = cmp.entities.filter((e) => e.variants);
  const rest = cmp.entities.filter((e) => !e.variants);
  const forms = (xs: string[]) => (xs.length ? xs.map(esc).join(', ') : '<span class="ev">not named</span>');
  const items = variants.map(
    (e) =>
      `<li><span class="kind bad">spelt differently</span><div><strong dir="auto">${esc(e.name)}</strong> <span class="ev">${esc(e.kind)}${e.confidence < 1 ? ` · match confidence ${e.confidence.toFixed(2)}` : ''}</span><dl class="forms"><dt>a</dt><dd dir="auto">${forms(e.forms.a)}</dd><dt>b</dt><dd dir="auto">${forms(e.forms.b)}</dd></dl>${e.evidence.length ? `<span class="sub">Why the same: ${e.evidence.map(esc).join('; ')}</span>` : ''}</div><div class="refs">${mentionRefs(e)}</div></li>`,
  );
  // A version that spells one person two ways is a finding of its own: a note on the entity's item
  // when the versions also differ (one item per person), else an item of its own.
  const within = inconsistentSpellings(cmp);
  within.forEach((x) => {
    const note = `<span class="sub">Spelt inconsistently within ${x.side} itself: ${forms(x.forms)}</span>`;
    const at = variants.indexOf(x.entity);
    if (at >= 0)
      items[at] = items[at].replace(/<\/div><div class="refs">/, `${note}</div><div class="refs">`);
    else
      items.push(
        `<li><span class="kind bad">spelt inconsistently in ${x.side}</span><div><strong dir="auto">${esc(x.entity.name)}</strong> <span class="ev">${esc(x.entity.kind)}</span><dl class="forms"><dt>${x.side}</dt><dd dir="auto">${forms(x.forms)}</dd></dl>${note}</div><div class="refs">${mentionRefs(x.entity)}</div></li>`,
      );
  });
  const compact = rest.map((e) => {
    const where = !e.forms.a.length
      ? ' <span class="badge ob">only in b</span>'
      : !e.forms.b.length
        ? ' <span class="badge oa">only in a</span>'
        : '';
    const all = [...new Set([...e.forms.a, ...e.forms.b])];
    const alt =
      all.length > 1 || all[0] !== e.name ? ` <span class="ev">(${all.map(esc).join(', ')})</span>` : '';
    const ev = e.evidence.length ? `<span class="sub">${e.evidence.map(esc).join('; ')}</span>` : '';
    return `<li><strong dir="auto">${esc(e.name)}</strong>${alt}${where} <span class="ev">${esc(e.kind)}</span> ${mentionRefs(e).replace('<br>', ' ')}${ev}</li>`;
  });
  return `<section class="group" id="names" aria-labelledby="names-h"><h3 id="names-h">Names <span class="count">${variants.length} spelt differently${within.length ? ` · ${within.length} inconsistent within a version` : ''} · ${cmp.entities.length} in all</span></h3>${items.length ? `<ul class="items">${items.join('')}</ul>` : '<p class="ev">Every name is spelt the same way in both versions.</p>'}${compact.length ? `<p class="sub">${variants.length ? 'The other names' : 'Names'}, with the evidence that both versions mean the same one:</p><ul class="compact">${compact.join('')}</ul>` : ''}</section>`;
}

function quotes(cmp: Comparison): string {
  if (!cmp.quotes.length) return '';
  const changed = cmp.quotes.filter((q) => q.relation !== 'verbatim');
  const same = cmp.quotes.filter((q) => q.relation === 'verbatim');
  const line = (side: Side, text: string, reported = false) =>
    `<span class="q"><span class="tag ${side}">${side}</span> ${reported ? '<em>reported:</em> ' : ''}<span dir="auto">${reported ? esc(text) : `“${esc(text)}”`}</span></span>`;
  const where = (q: QuotePair) => {
    const a = uniq([
      ...(q.a ? [q.a.sentence] : []),
      ...(q.indirect?.side === 'a' ? q.indirect.sentences : []),
    ]);
    const b = uniq([
      ...(q.b ? [q.b.sentence] : []),
      ...(q.indirect?.side === 'b' ? q.indirect.sentences : []),
    ]);
    return linkRefs(a, b);
  };
  const items = changed.map((q) => {
    const bad = q.relation === 'different-quote' || q.relation === 'only-a' || q.relation === 'only-b';
    const body = [
      q.speaker ? `<strong dir="auto">${esc(q.speaker)}</strong>` : '<strong>Unattributed</strong>',
      q.a ? line('a', q.a.text) : '',
      q.indirect?.side === 'a' ? line('a', q.indirect.text, true) : '',
      q.b ? line('b', q.b.text) : '',
      q.indirect?.side === 'b' ? line('b', q.indirect.text, true) : '',
      q.diff?.length ? `<span class="sub">Words: ${diffOps(q.diff)}</span>` : '',
    ].join('');
    return `<li><span class="kind${bad ? ' bad' : ''}">${QUOTE_LABEL[q.relation] ?? esc(q.relation)}</span><div>${body}</div><div class="refs">${where(q)}</div></li>`;
  });
  const verbatim = same.map(
    (q) =>
      `<li>${q.speaker ? `<strong dir="auto">${esc(q.speaker)}</strong>: ` : ''}<span dir="auto">“${esc(q.a?.text ?? q.b?.text ?? '')}”</span> ${where(q)}</li>`,
  );
  return `<section class="group" id="quotes" aria-labelledby="quotes-h"><h3 id="quotes-h">Quotes <span class="count">${same.length} verbatim · ${changed.length} changed, dropped or added</span></h3>${items.length ? `<ul class="items">${items.join('')}</ul>` : ''}${verbatim.length ? `<p class="sub">Verbatim in both:</p><ul class="compact">${verbatim.join('')}</ul>` : ''}</section>`;
}

/** Typed changes for the list. Spellings are listed under Names; a name change outside that list would otherwise be lost. */
function factList(cmp: Comparison): Comparison['changes'] {
  const spelt = new Set(cmp.entities.filter((e) => e.variants).map((e) => e.name));
  return cmp.changes.filter((c) => c.kind !== 'name' || !c.entity || !spelt.has(c.entity));
}

function facts(cmp: Comparison): string {
  const list = factList(cmp);
  if (!list.length) return '';
  const items = list.map(
    (c) =>
      `<li><span class="kind${c.kind === 'negation' || c.detail === 'changed' ? ' bad' : ''}">${esc(c.kind)}</span><div>${esc(c.message)}</div><div class="refs">${linkRefs(c.sentences.a, c.sentences.b)}</div></li>`,
  );
  return `<section class="group" id="facts" aria-labelledby="facts-h"><h3 id="facts-h">Changes in corresponding sentences <span class="count">${list.length}</span></h3><ul class="items">${items.join('')}</ul></section>`;
}

function oneSided(cmp: Comparison): string {
  if (!cmp.onlyA.length && !cmp.onlyB.length) return '';
  const part = (side: Side) => {
    const idx = side === 'a' ? cmp.onlyA : cmp.onlyB;
    if (!idx.length) return '';
    const paras = (side === 'a' ? cmp.paragraphsOnlyA : cmp.paragraphsOnlyB).length;
    const items = idx.map(
      (i) =>
        `<li class="o${side}">${ref(side, i)} <span dir="auto">${esc(cmp[side].sentences[i].text)}</span></li>`,
    );
    return `<h4><span class="badge o${side}">only in ${side}</span> ${idx.length} sentence${idx.length > 1 ? 's' : ''}${paras ? `, ${paras} whole paragraph${paras > 1 ? 's' : ''}` : ''}</h4><ul class="only">${items.join('')}</ul>`;
  };
  return `<section class="group" id="one-sided" aria-labelledby="one-sided-h"><h3 id="one-sided-h">Only in one version <span class="count">${cmp.onlyA.length} in a · ${cmp.onlyB.length} in b</span></h3>${part('a')}${part('b')}</section>`;
}

function dimensions(cmp: Comparison): string {
  const ev = (xs: string[]) => (xs.length ? xs.map(esc).join(', ') : '<span class="ev">—</span>');
  const row = (k: string, v: DimensionScore) =>
    `<tr><th scope="row">${esc(k)}</th><td class="num">${v.score.toFixed(2)}${bar(v.score)}</td><td>${ev(sharedItems(v))}</td><td>${ev(v.onlyA)}</td><td>${ev(v.onlyB)}</td></tr>`;
  const rows = Object.entries(cmp.scores.dimensions).map(([k, v]) => row(k, v));
  return `<section class="group" id="dimensions" aria-labelledby="dimensions-h"><h3 id="dimensions-h">Dimensions <span class="count">1 = the same; each with its evidence</span></h3><table><thead><tr><th scope="col">dimension</th><th scope="col">score</th><th scope="col">shared</th><th scope="col">only in a</th><th scope="col">only in b</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function alignmentTable(cmp: Comparison): string {
  const rows = [...cmp.alignment]
    .map((l, k) => ({ l, k }))
    .sort((x, y) => x.l.a[0] - y.l.a[0] || x.l.b[0] - y.l.b[0])
    .map(
      ({ l }) =>
        `<tr><td>${linkRefs(l.a, l.b)}</td><td>${esc(l.type)}${l.moved ? ' <span class="badge mv">↕ moved</span>' : ''}</td><td class="num">${l.score.toFixed(2)}</td></tr>`,
    );
  return `<section id="links" class="wrap" aria-labelledby="links-h"><h2 id="links-h">Every link <span class="ev">(${cmp.alignment.length})</span></h2><table><thead><tr><th scope="col">sentences</th><th scope="col">type</th><th scope="col">similarity</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

/** Sentences to step through with j/k, in reading order: changed or moved links and one-sided sentences. */
function tour(cmp: Comparison): string[] {
  const stops: { key: number; id: string }[] = [];
  const aOfB = new Map<number, number>();
  for (const l of cmp.alignment) {
    for (const j of l.b) aOfB.set(j, l.a[l.a.length - 1] ?? -1);
    if (l.a.length && (l.type !== 'identical' || l.moved)) stops.push({ key: l.a[0], id: sid('a', l.a[0]) });
  }
  for (const i of cmp.onlyA) stops.push({ key: i, id: sid('a', i) });
  for (const j of cmp.onlyB) {
    let prev = -1;
    for (let p = j - 1; p >= 0; p--) {
      if (aOfB.has(p)) {
        prev = aOfB.get(p)!;
        break;
      }
    }
    stops.push({ key: prev + 0.5 + j / 1e6, id: sid('b', j) });
  }
  return stops.sort((x, y) => x.key - y.key).map((s) => s.id);
}

/** JSON for a `<script type="application/json">` block: `<` escaped so the text cannot close the element. */
function jsonBlock(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Renders a comparison as one self-contained HTML page for people: the verdict and a map of both
 * versions first, then the changes that matter (names, quotes, typed changes, one-sided passages,
 * dimensions), each linked to its place in the text, then the two versions side by side with
 * linked sentences highlighted together and word changes marked. The page makes no requests: its
 * style and script are inline and allowed by a Content-Security-Policy that names their hashes, and
 * every piece of article text is escaped. Pure and synchronous.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { compare, renderHtml } from 'storydiff';
 * const cmp = compare({ text: wire, source: 'wire' }, { text: rewrite, source: 'rewrite' });
 * writeFileSync('report.html', renderHtml(cmp, { title: 'Port strike: wire vs rewrite' }));
 * ```
 */
export function renderHtml(cmp: Comparison, opts: HtmlOptions = {}): string {
  const title = opts.title ?? `${sideName(cmp.a, 'a')} vs ${sideName(cmp.b, 'b')}`;
  const csp = `default-src 'none'; style-src ${CSS_HASH}; script-src ${SCRIPT_HASH}; img-src data:; base-uri 'none'; form-action 'none'`;
  const data = {
    links: cmp.alignment.map((l: AlignmentLink) => ({
      a: l.a,
      b: l.b,
      type: l.type,
      moved: l.moved,
      score: l.score,
    })),
    tour: tour(cmp),
  };
  const changes = [names(cmp), quotes(cmp), facts(cmp), oneSided(cmp), dimensions(cmp)].join('');
  const footer = [
    `Generated by ${esc(cmp.generator)}${cmp.generator.endsWith(VERSION) ? '' : ` (report: storydiff ${VERSION})`}`,
    `format <code>${esc(cmp.schema)}</code>`,
    `sentence similarity: ${esc(cmp.encoder)}`,
    cmp.id !== undefined ? `id ${esc(String(cmp.id))}` : '',
    'this page makes no network requests',
  ].filter(Boolean);
  return `${htmlHead({ lang: langAttr(cmp.a.lang), csp, title, css: CSS })}
<body>
<a class="skip" href="#changes">Skip to the changes</a><a class="skip" href="#text">Skip to the text</a>
${header(cmp, title)}
<main>
${verdict(cmp)}
<section id="changes" class="wrap" aria-labelledby="changes-h" tabindex="-1"><h2 id="changes-h">Changes that matter</h2><p class="hint">Each reference (a4, b7) goes to that sentence in the text below, with its counterpart level beside it.</p>${changes}</section>
<section id="text" class="wrap" aria-labelledby="text-h" tabindex="-1"><h2 id="text-h">The two versions, sentence by sentence</h2><ul class="legend"><li><del>struck through</del> only in a’s wording</li><li><ins>underlined</ins> only in b’s wording</li><li><span class="badge oa">only in a</span><span class="badge ob">only in b</span> no counterpart</li><li><span class="badge mv">↕ moved</span> out of order</li></ul><p class="hint">Hover over or focus a sentence to light up its counterpart; click it (or press Enter) to bring the counterpart level with it. <kbd>j</kbd> / <kbd>k</kbd>: next / previous change.</p><div class="cols">${column(cmp, 'a')}${column(cmp, 'b')}</div><p id="status" role="status"></p></section>
${alignmentTable(cmp)}
</main>
<footer class="wrap">${footer.join(' · ')}</footer>
<script type="application/json" id="data">${jsonBlock(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/**
 * The start of a self-contained page up to `</head>`: the CSP, no referrer, no favicon request,
 * and the one inline style the CSP allows by hash.
 *
 * @example
 * ```ts
 * const page = `${htmlHead({ lang: 'en', csp, title: 'Stories', css: CSS })}\n<body>…</body></html>`;
 * ```
 */
export function htmlHead(o: { lang: string; csp: string; title: string; css: string }): string {
  return `<!doctype html>
<html lang="${esc(o.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${o.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="storydiff ${VERSION}">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>storydiff: ${esc(o.title)}</title>
<style>${o.css}</style>
</head>`;
}
