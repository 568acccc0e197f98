// Debian's Chromium driven by playwright-core: no browser download, ever. Also the checks
// every main page gets (console clean, no CSP violation, labels, headers) and screenshots.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { assertContrast, focusIndicatorProblem } from './contrast.js';
import { REPO } from './kantel.js';

export { assertContrast };

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO, 'e2e', 'screenshots');

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
}

/**
 * Collects what a page reports that a user would never want: console errors (CSP violations
 * are reported there, e.g. "Refused to execute inline script"), uncaught exceptions, and
 * failed requests. Tests that visit an error page on purpose `expect()` the console line
 * Chromium writes for the failing status.
 */
export class PageWatch {
  constructor(page) {
    this.page = page;
    this.problems = [];
    this.expected = [];
    page.on('console', (m) => {
      const text = m.text();
      // Chromium asks for /favicon.ico on its own; tests/favicon.test.js checks it once, so
      // that its absence fails one test instead of every page.
      if (/^Failed to load resource/.test(text) && /\/favicon\.ico$/.test(m.location().url)) return;
      const csp = /content security policy/i.test(text);
      if (m.type() !== 'error' && !csp) return;
      if (this.expected.some((re) => re.test(text))) return;
      this.problems.push(`console ${m.type()}${csp ? ' (CSP)' : ''}: ${text} at ${m.location().url}`);
    });
    page.on('pageerror', (e) => this.problems.push(`uncaught: ${e.message}`));
    page.on('requestfailed', (r) => {
      const why = r.failure()?.errorText ?? '';
      // A navigation that replaces a pending one aborts it; that is no fault of the page.
      if (why === 'net::ERR_ABORTED') return;
      this.problems.push(`request failed: ${r.method()} ${r.url()} ${why}`);
    });
  }

  /** Console lines matching `re` are expected from now on (e.g. a 403 page visited on purpose). */
  expect(re) {
    this.expected.push(re);
    return this;
  }

  /** Forget the expectations added by `expect`. */
  clearExpected() {
    this.expected = [];
  }

  assertClean(where) {
    assert.deepEqual(this.problems, [], `problems reported by the browser on ${where}`);
  }
}

/** A new context (a fresh browser profile: no cookies) and page, with a watch on the page. */
export async function openPage(browser, { javaScriptEnabled = true, locale = 'nl-NL' } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled,
    locale,
    viewport: { width: 1000, height: 800 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page, watch: new PageWatch(page) };
}

/** Screenshots numbered in the order taken, named `<prefix>-NN-<name>.png`. */
export function screenshotter(prefix) {
  let n = 0;
  return async (page, name) => {
    await mkdir(SCREENSHOTS, { recursive: true });
    n += 1;
    const file = path.join(SCREENSHOTS, `${prefix}-${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}

/** The response headers every HTML page must carry (the server's security middleware). */
export function assertSecurityHeaders(response, where) {
  assert.ok(response, `no response for ${where}`);
  const h = response.headers();
  const csp = h['content-security-policy'] ?? '';
  assert.match(csp, /default-src 'self'/, `CSP default-src on ${where}: ${csp}`);
  assert.match(csp, /script-src 'self'(;|$)/, `CSP script-src without 'unsafe-inline' on ${where}: ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `CSP on ${where}: ${csp}`);
  assert.equal(h['x-content-type-options'], 'nosniff', `X-Content-Type-Options on ${where}`);
  assert.equal(h['referrer-policy'], 'no-referrer', `Referrer-Policy on ${where}`);
}

/**
 * Accessibility that can be checked cheaply in the DOM: every form control and button has
 * an accessible name, radio buttons are grouped under a legend, ids are unique, label `for`
 * targets exist, the page has a language, a title and one h1, images have alt text.
 * Runs in Playwright's utility world, so it works with JavaScript disabled too.
 */
export async function assertAccessible(page, where) {
  const problems = await page.locator('html').evaluate((html) => {
    const out = [];
    const doc = html.ownerDocument;
    const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const describe = (el) => {
      const attrs = ['id', 'name', 'type', 'value']
        .filter((a) => el.hasAttribute(a))
        .map((a) => `${a}=${JSON.stringify(el.getAttribute(a))}`);
      return `<${el.tagName.toLowerCase()} ${attrs.join(' ')}>`;
    };
    const hidden = (el) => el.closest('[hidden], [aria-hidden="true"]') !== null;
    const name = (el) => {
      const aria = el.getAttribute('aria-label');
      if (aria && aria.trim()) return aria.trim();
      const by = el.getAttribute('aria-labelledby');
      if (by) {
        const t = by.split(/\s+/).map((id) => text(doc.getElementById(id))).join(' ').trim();
        if (t) return t;
      }
      const labels = [...(el.labels ?? [])].map(text).join(' ').trim();
      if (labels) return labels;
      if (el.title && el.title.trim()) return el.title.trim();
      return '';
    };

    if (!(html.getAttribute('lang') ?? '').trim()) out.push('<html> has no lang');
    if (!doc.title.trim()) out.push('empty <title>');
    const h1s = doc.querySelectorAll('h1');
    if (h1s.length !== 1) out.push(`${h1s.length} <h1> elements (expected 1)`);

    const controls = doc.querySelectorAll(
      'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea',
    );
    for (const el of controls) {
      if (hidden(el)) continue;
      if (!name(el)) out.push(`form control without a label: ${describe(el)}`);
    }
    for (const el of doc.querySelectorAll('button, input[type=submit], input[type=button], [role=button]')) {
      if (hidden(el)) continue;
      const t = name(el) || text(el) || el.value || '';
      if (!t.trim()) out.push(`button without a name: ${describe(el)}`);
    }
    for (const el of doc.querySelectorAll('a[href]')) {
      if (hidden(el)) continue;
      if (!(name(el) || text(el) || el.querySelector('img[alt]:not([alt=""])')))
        out.push(`link without text: ${el.getAttribute('href')}`);
    }
    const radioNames = new Set([...doc.querySelectorAll('input[type=radio]')].map((r) => r.name));
    for (const n of radioNames) {
      const first = doc.querySelector(`input[type=radio][name="${CSS.escape(n)}"]`);
      const fieldset = first.closest('fieldset');
      const group = first.closest('[role=radiogroup]');
      const legend = fieldset?.querySelector(':scope > legend');
      if (!(legend && text(legend)) && !(group && name(group)))
        out.push(`radio group ${n} not in a fieldset with a legend (or a named radiogroup)`);
    }
    const seen = new Map();
    for (const el of doc.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    for (const [id, count] of seen) if (count > 1) out.push(`id ${JSON.stringify(id)} used ${count} times`);
    for (const label of doc.querySelectorAll('label[for]')) {
      const target = doc.getElementById(label.htmlFor);
      if (!target) out.push(`label for missing id ${JSON.stringify(label.htmlFor)}`);
    }
    for (const img of doc.querySelectorAll('img:not([alt])')) out.push(`img without alt: ${img.src}`);
    for (const svg of doc.querySelectorAll('svg')) {
      if (hidden(svg) || svg.closest('figure') || svg.closest('a, button, label')) continue;
      const named = svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby') ||
        svg.querySelector(':scope > title');
      if (!named) out.push('svg outside a figure without a title or aria-label');
    }
    return out;
  });
  assert.deepEqual(problems, [], `accessibility problems on ${where}`);
}

/**
 * Keyboard focus is visible: the first `stops` elements reached with Tab each get an
 * outline or a box shadow (WCAG 2.4.7) that reaches 3:1 against the background it is drawn
 * on (WCAG 1.4.11, `focusIndicatorProblem`). Needs no page JavaScript. Leaves nothing
 * focused.
 */
export async function assertFocusVisible(page, where, stops = 4) {
  const body = page.locator('body');
  await body.evaluate((b) => b.ownerDocument.activeElement?.blur());
  try {
    for (let i = 0; i < stops; i += 1) {
      await page.keyboard.press('Tab');
      const focus = await body.evaluate((b) => {
        const el = b.ownerDocument.activeElement;
        if (!el || el === b) return null;
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        const shadow = s.boxShadow && s.boxShadow !== 'none';
        return { tag: el.tagName.toLowerCase(), text: (el.textContent || el.name || '').trim().slice(0, 40), visible: outline || shadow };
      });
      if (!focus) break;
      assert.ok(focus.visible, `no visible focus on <${focus.tag}> "${focus.text}" (Tab ${i + 1}) on ${where}`);
      const problem = await body.evaluate(focusIndicatorProblem);
      assert.equal(problem, null, `${problem} (Tab ${i + 1}) on ${where}`);
    }
  } finally {
    await body.evaluate((b) => b.ownerDocument.activeElement?.blur());
  }
}

/**
 * A page visit with every cheap check: the security headers, the accessibility checks, the
 * colour contrast of text, fields and focus (`contrast.js`), a screenshot, and a clean
 * console.
 */
export async function checkPage({ page, watch, response, shot, name, where }) {
  if (response) assertSecurityHeaders(response, where);
  await assertAccessible(page, where);
  await assertContrast(page, where);
  if (shot) await shot(page, name);
  await assertFocusVisible(page, where, 3);
  watch.assertClean(where);
}

/**
 * Readable on a phone: at 360 CSS pixels wide the page itself does not scroll sideways
 * (wide tables may scroll inside their own box). Takes a screenshot at that width when
 * `shot` is given, then restores the viewport.
 */
export async function assertFitsPhone(page, where, shot, name) {
  const original = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  try {
    const { scroll, client } = await page.locator('html').evaluate((html) => ({
      scroll: html.scrollWidth,
      client: html.clientWidth,
    }));
    assert.ok(scroll <= client + 1, `${where} scrolls sideways on a phone: ${scroll}px content in ${client}px`);
    if (shot) await shot(page, `${name}-phone`);
  } finally {
    await page.setViewportSize(original);
  }
}
