import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonScript, queryString, raw } from './html.ts';

describe('html templates', () => {
  it('escapes interpolated CRM text and keeps nested templates as markup', () => {
    const name = `<script>alert("x")</script> & 'co'`;
    const out = html`<td>${name}</td>${html`<b>${'a<b'}</b>`}`.__html;
    expect(out).toBe(
      '<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</td><b>a&lt;b</b>',
    );
  });

  it('renders arrays joined, and null, undefined and false as nothing', () => {
    expect(html`${['<a>', html`<i>`, 3]}|${null}|${undefined}|${false}|${0}`.__html).toBe(
      '&lt;a&gt;<i>3||||0',
    );
  });

  it('never lets a < through from text, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = html`${s}`.__html;
        expect(out).not.toMatch(/[<>"']/);
        expect(out.replace(/&(lt|gt|quot|#39|amp);/g, '')).not.toContain('&');
      }),
    );
  });

  it('keeps </script> inside a JSON block from closing it, and the JSON round-trips', () => {
    const data = { name: '</script><script>x()</script>', n: 1 };
    const block = jsonScript('d', data).__html;
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    const json = block.slice(block.indexOf('>') + 1, block.lastIndexOf('</script>'));
    expect(JSON.parse(json)).toEqual(data);
  });

  it('builds query strings from the set values only', () => {
    expect(queryString({ tier: 'high', level: '', owner: undefined, limit: 25, cursor: 'a b&c' })).toBe(
      '?tier=high&limit=25&cursor=a+b%26c',
    );
    expect(queryString({ tier: null })).toBe('');
    expect(raw('<b>').__html).toBe('<b>');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});
