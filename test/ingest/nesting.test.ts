import { describe, expect, it } from 'vitest';
import { limitNesting } from '../../src/ingest/nesting.js';

describe('limitNesting', () => {
  it('leaves ordinary HTML untouched', () => {
    const html =
      '<html><head><title>T</title></head><body><div><p>One<br>two</p><ul><li>a<li>b</ul></div></body></html>';
    const r = limitNesting(html, 100);
    expect(r.changed).toBe(false);
    expect(r.html).toBe(html);
    expect(r.depth).toBe(5); // html > body > div > ul > li
  });

  it('drops tags nested deeper than the limit but keeps their text', () => {
    const r = limitNesting('<b><i><u>deep</u></i></b>', 2);
    expect(r.html).toBe('<b><i>deep</i></b>');
    expect(r.depth).toBe(3);
  });

  it('turns dropped block tags into line breaks so lines stay apart', () => {
    expect(limitNesting('<div><div>a</div><div>b</div></div>', 1).html).toBe('<div><br>a<br>b</div>');
  });

  it('drops scripts and other non-text elements beyond the limit with their content', () => {
    const r = limitNesting(
      '<div><div><script>if (a < b) x("</div>")</script><style>p{}</style>t</div></div>',
      1,
    );
    expect(r.html).toBe('<div><br>t</div>');
  });

  it('removes close tags that match nothing open', () => {
    expect(limitNesting('<p>a</p></span></div><b>b</b></em>', 10).html).toBe('<p>a</p><b>b</b>');
  });

  it('keeps stray </p> and </br>, which make elements', () => {
    const html = '<div>a</p>b</br>c</div>';
    expect(limitNesting(html, 10).html).toBe(html);
  });

  it('follows implied closes, so unclosed <p> and <li> do not count as nesting', () => {
    const r = limitNesting(`<ul>${'<li>item'.repeat(1000)}</ul>${'<p>para'.repeat(1000)}`, 5);
    expect(r.changed).toBe(false);
    expect(r.depth).toBe(2);
  });

  it('ignores tags inside comments, scripts and quoted attributes', () => {
    const html = '<!-- <div><div><div> --><script>"<div><div>"</script><a title="<div><div>">x</a>';
    const r = limitNesting(html, 1);
    expect(r.changed).toBe(false);
    expect(r.depth).toBe(1);
  });

  it('counts the elements the parser will build', () => {
    expect(limitNesting('<p>a<br><img src=x></p><p>b</p>', 10).elements).toBe(4);
  });

  it('runs in linear time: 1,000,000 nested tags take well under 3 s', () => {
    const started = Date.now();
    const r = limitNesting(`${'<span>'.repeat(1_000_000)}x`, 1000);
    expect(r.depth).toBe(1_000_000);
    expect(r.html.length).toBeLessThan(1000 * 6 + 10);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
