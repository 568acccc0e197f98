// Signing in and reading the response tables, as a researcher or a municipal contact does.

import assert from 'node:assert/strict';

/** Signs in through the /login form; resolves once the page after it has loaded. */
export async function signIn(page, baseUrl, { email, password }, { from = '/' } = {}) {
  await page.goto(`${baseUrl}${from}`);
  if (!new URL(page.url()).pathname.startsWith('/login')) await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    page.getByRole('button', { name: 'Inloggen' }).click(),
  ]);
}

/**
 * The response table (`#progress`) as rows keyed by column header, the row header (the
 * municipality) under `municipality`.
 */
export async function progressTable(page) {
  return page.locator('#progress table').evaluate((table) => {
    const clean = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const headers = [...table.querySelectorAll('thead th')].map(clean);
    return [...table.querySelectorAll('tbody tr')].map((tr) => {
      const cells = [...tr.children].map(clean);
      const row = { municipality: cells[0] };
      headers.forEach((h, i) => {
        if (i > 0) row[h] = cells[i];
      });
      return row;
    });
  });
}

/** `started/respondents` → [started, respondents]. */
export function fraction(text) {
  const m = /^(\d+)\/(\d+)/.exec(text ?? '');
  assert.ok(m, `a started/respondents cell, got ${JSON.stringify(text)}`);
  return [Number(m[1]), Number(m[2])];
}

/** Polls `read` until `ok(value)` holds or `ms` pass; resolves with the last value. */
export async function eventually(read, ok, ms = 15_000, every = 250) {
  const end = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, every));
    value = await read();
  }
  return value;
}
