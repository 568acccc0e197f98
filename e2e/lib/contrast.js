// Colour contrast as WCAG 2.1 AA asks it (1.4.3 text, 1.4.11 non-text), measured on the
// computed styles of the page as the browser rendered it.

import assert from 'node:assert/strict';

/**
 * Runs in the page (Playwright's utility world, so also with JavaScript disabled) and returns
 * the problems found. Self-contained: Playwright serializes it into the page.
 *
 * - Text (1.4.3): every visible element with text of its own (a non-blank text node as a
 *   child, or an input/select/textarea/button with a value or placeholder) must reach 4.5:1
 *   between its computed `color` and the background behind it, 3:1 when the text is large
 *   (at least 24px, or 18.66px (14pt) and bold). SVG text is skipped (plots have their own
 *   palette), and so are disabled controls (WCAG exempts inactive components) and text that
 *   is not painted (display/visibility, a 1px visually-hidden box, zero opacity).
 * - Non-text (1.4.11): the border of every visible form field and of every radio/checkbox
 *   "card" (a label around the input with a border) must reach 3:1 against the background
 *   around it, unless the field's own background already does.
 *
 * The background is found by walking up the ancestors to the first opaque
 * `background-color`, compositing the semi-transparent ones on top, white at the root. An
 * element (or ancestor) with a background image is reported as unmeasurable rather than
 * guessed. Ancestors' `opacity` is folded into the text colour's alpha (an approximation
 * that is exact when the faded element has no background of its own).
 */
function contrastProblems(root) {
  const doc = root.ownerDocument;
  const out = [];

  // 'rgb(1, 2, 3)', 'rgba(1, 2, 3, 0.5)', 'rgb(1 2 3 / 50%)', 'color(srgb 0.1 0.2 0.3 / 0.5)'.
  const parse = (css) => {
    if (css === 'transparent') return [0, 0, 0, 0];
    let m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*(?:[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(css);
    if (m) {
      const a = m[4] === undefined ? 1 : Number(m[4]) / (m[5] ? 100 : 1);
      return [Number(m[1]), Number(m[2]), Number(m[3]), a];
    }
    m = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*(?:\/\s*([\d.]+)(%?))?\s*\)$/.exec(css);
    if (m) {
      const a = m[4] === undefined ? 1 : Number(m[4]) / (m[5] ? 100 : 1);
      return [Number(m[1]) * 255, Number(m[2]) * 255, Number(m[3]) * 255, a];
    }
    return null;
  };
  // `top` (with alpha) painted over the opaque `bottom`.
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const luminance = ([r, g, b]) => {
    const lin = (c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (x, y) => {
    const [l1, l2] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const hex = (c) =>
    '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('') +
    (c[3] !== undefined && c[3] < 1 ? ` (alpha ${c[3].toFixed(2)})` : '');

  // A short CSS path: up to the nearest id, with classes and :nth-of-type where ambiguous.
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== doc.documentElement; e = e.parentElement) {
      let part = e.tagName.toLowerCase();
      if (e.id) {
        parts.unshift(`${part}#${CSS.escape(e.id)}`);
        break;
      }
      const cls = [...e.classList].slice(0, 2).map((c) => `.${CSS.escape(c)}`).join('');
      part += cls;
      const same = e.parentElement ? [...e.parentElement.children].filter((s) => s.tagName === e.tagName) : [];
      if (same.length > 1) part += `:nth-of-type(${same.indexOf(e) + 1})`;
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const label = (el, text) => `<${el.tagName.toLowerCase()}> ${JSON.stringify(text.slice(0, 50))} at ${path(el)}`;

  // The opaque colour behind `el`'s content (its own background included), or a string
  // saying why it cannot be known.
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage && s.backgroundImage !== 'none')
        return `background image on ${path(e)}: ${s.backgroundImage.slice(0, 60)}`;
      const c = parse(s.backgroundColor);
      if (!c) return `unreadable background-color ${s.backgroundColor} on ${path(e)}`;
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reduceRight((acc, c) => over(c, acc), [255, 255, 255, 1]);
  };
  const opacityOf = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const painted = (el) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false; // .visually-hidden: read, not seen
    const clip = getComputedStyle(el).clip;
    return !(clip && clip !== 'auto' && /rect\(0(px)?,?\s*0(px)?/.test(clip));
  };

  const textInputs = 'input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=range]):not([type=color]):not([type=image]):not([type=file]), select, textarea';
  const checkText = (el, text, pseudo) => {
    const s = getComputedStyle(el, pseudo);
    const fg = parse(s.color);
    const bg = backgroundOf(el);
    if (!fg) return out.push(`unreadable color ${s.color} on ${label(el, text)}`);
    if (typeof bg === 'string') return out.push(`${bg} behind ${label(el, text)}`);
    const seen = over([fg[0], fg[1], fg[2], fg[3] * opacityOf(el)], bg);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    const got = ratio(seen, bg);
    if (got < need)
      out.push(
        `text contrast ${got.toFixed(2)}:1 < ${need}:1 (${large ? 'large' : 'normal'} text, ${size}px ${s.fontWeight})` +
          `${pseudo ? ` ${pseudo}` : ''}: color ${hex(fg)} on ${hex(bg)}, ${label(el, text)}`,
      );
  };

  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.currentNode; el; el = walker.nextNode()) {
    if (el.closest('svg')) continue;
    // Fields show their value (or placeholder) as text; a <button>'s text is in its child
    // text nodes, checked below like any element's.
    if (el.matches(textInputs)) {
      if (el.disabled || !painted(el)) continue;
      const value = (el.matches('select') ? el.selectedOptions[0]?.textContent : el.value) ?? '';
      if (value.trim()) checkText(el, value.trim());
      else if (el.placeholder?.trim()) checkText(el, el.placeholder.trim(), '::placeholder');
      continue;
    }
    if (el.matches('option, optgroup, script, style, template, noscript')) continue;
    const own = [...el.childNodes]
      .filter((n) => n.nodeType === 3)
      .map((n) => n.data)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    if (!own) continue;
    if (el.closest(':disabled') || !painted(el)) continue;
    checkText(el, own);
  }

  // 1.4.11: the edge of form fields and of radio/checkbox cards against what surrounds them.
  const edge = (el, what) => {
    if (!painted(el) || el.disabled) return;
    const s = getComputedStyle(el);
    const outside = backgroundOf(el.parentElement);
    const inside = backgroundOf(el);
    if (typeof outside === 'string' || typeof inside === 'string') return out.push(`${what}: ${outside}`);
    if (ratio(inside, outside) >= 3) return; // the field's own fill marks it
    let best = null;
    for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
      if (s[`border${side}Style`] === 'none' || parseFloat(s[`border${side}Width`]) <= 0) continue;
      const c = parse(s[`border${side}Color`]);
      if (!c) continue;
      const r = ratio(over(c, outside), outside);
      if (!best || r > best.r) best = { r, c };
    }
    if (!best) out.push(`${what} has no border and no background to tell it from ${hex(outside)}: ${label(el, '')}`);
    else if (best.r < 3)
      out.push(`${what} border contrast ${best.r.toFixed(2)}:1 < 3:1: ${hex(best.c)} on ${hex(outside)}, ${label(el, (el.textContent ?? '').replace(/\s+/g, ' ').trim())}`);
  };
  for (const el of doc.querySelectorAll(
    'input[type=text], input[type=email], input[type=password], input[type=number], input[type=search], input[type=url], input[type=tel], input:not([type]), select, textarea',
  ))
    edge(el, 'form field');
  for (const input of doc.querySelectorAll('label input[type=radio], label input[type=checkbox]')) {
    const card = input.closest('label');
    const s = getComputedStyle(card);
    const bordered = ['Top', 'Right', 'Bottom', 'Left'].some(
      (side) => s[`border${side}Style`] !== 'none' && parseFloat(s[`border${side}Width`]) > 0,
    );
    if (bordered) edge(card, `${input.type} card`);
  }
  return out;
}

/** Text and non-text contrast of the page as rendered now (see `contrastProblems`). */
export async function assertContrast(page, where) {
  const problems = await page.locator('html').evaluate(contrastProblems);
  assert.deepEqual(problems, [], `colour contrast problems on ${where}`);
}

/**
 * The focus indicator of the element that has keyboard focus (WCAG 1.4.11): its outline, or
 * else its box shadow, against the background it is drawn on (outside the element for a
 * non-negative outline offset, on the element itself otherwise) reaches 3:1. Returns a
 * problem or null. Runs in the page; self-contained.
 */
export function focusIndicatorProblem(body) {
  const doc = body.ownerDocument;
  const el = doc.activeElement;
  if (!el || el === body) return null;
  const parse = (css) => {
    const m = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*(?:[,/]\s*([\d.]+)(%?))?\s*\)/.exec(css);
    if (!m) return null;
    const a = m[4] === undefined ? 1 : Number(m[4]) / (m[5] ? 100 : 1);
    return [Number(m[1]), Number(m[2]), Number(m[3]), a];
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const luminance = ([r, g, b]) => {
    const lin = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (x, y) => {
    const [l1, l2] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const backgroundOf = (start) => {
    const layers = [];
    for (let e = start; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor) ?? [0, 0, 0, 0];
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reduceRight((acc, c) => over(c, acc), [255, 255, 255, 1]);
  };
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const colour = parse(outline ? s.outlineColor : s.boxShadow);
  if (!colour) return null; // no indicator at all: assertFocusVisible reports that
  const inside = outline && parseFloat(s.outlineOffset) < 0;
  const bg = backgroundOf(inside ? el : el.parentElement ?? el);
  const r = ratio(over(colour, bg), bg);
  if (r >= 3) return null;
  const text = (el.textContent || el.name || '').replace(/\s+/g, ' ').trim().slice(0, 40);
  return `focus indicator contrast ${r.toFixed(2)}:1 < 3:1 (${outline ? 'outline' : 'box-shadow'} rgb(${colour.slice(0, 3).join(', ')}) on rgb(${bg.slice(0, 3).map(Math.round).join(', ')})) on <${el.tagName.toLowerCase()}> "${text}"`;
}
