// Error pages as a person meets them: a mistyped personal link, a form posted without its
// token. They are pages in the user's language, never a stack trace.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { checkPage, launchBrowser, openPage, screenshotter } from '../lib/browser.js';
import { KantelServer } from '../lib/kantel.js';

let server;
let browser;
const shot = screenshotter('errors');
before(async () => {
  // One after the other, so that `after` can close whatever started when the other failed.
  server = await KantelServer.start();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a mistyped personal link shows a 404 page in Dutch', async () => {
  const [{ link }] = await server.invite({ municipality: 'GM0014', group: 'wijkteam' });
  const { context, page, watch } = await openPage(browser);
  watch.expect(/status of 404/);
  // One character changed: still 64 hex characters, but no such link.
  const wrong = link.slice(0, -1) + (link.endsWith('0') ? '1' : '0');
  for (const url of [wrong, `${server.url}/r/kapot`, `${wrong}/s/1`]) {
    const response = await page.goto(url);
    assert.equal(response.status(), 404, `GET ${url}`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
    assert.match(await page.locator('main').innerText(), /Deze pagina bestaat niet/);
    await checkPage({ page, watch, response, where: `404 for ${url}` });
  }
  await shot(page, 'unknown-link-404');
  await context.close();
});

test('a form posted without its csrf field is refused with a page, and nothing is saved', async () => {
  const [{ link }] = await server.invite({ municipality: 'GM0014', group: 'wijkteam' });
  // Without JavaScript, so that the only POST is the page's form (htmx would also post the
  // radio button on its own).
  const { context, page, watch } = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(`${link}/s/1`);
  // What a forged form on another site would send: no csrf field.
  await page.locator('input[name=csrf]').evaluate((el) => el.remove());
  await page.getByRole('group', { name: /De wethouder draagt/ }).getByRole('radio', { name: 'Mee eens', exact: true }).check();
  watch.expect(/status of 403/);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Opslaan en verder' }).click(),
  ]);
  assert.equal(response.status(), 403);
  await page.waitForLoadState();
  assert.match(await page.locator('main').innerText(), /geen toegang|verlopen/i);
  assert.doesNotMatch(await page.content(), /panicked|backtrace|SELECT |sqlx/i, 'no internals on the error page');
  await checkPage({ page, watch, shot, name: 'post-without-csrf-403', where: 'POST without csrf' });
  watch.clearExpected();

  const again = await page.goto(`${link}/s/1`);
  assert.equal(again.status(), 200);
  const checked = await page.getByRole('group', { name: /De wethouder draagt/ }).getByRole('radio', { checked: true }).count();
  assert.equal(checked, 0, 'the refused form saved nothing');
  await context.close();
});
