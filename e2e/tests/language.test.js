// Dutch by default, English with ?lang=en (or the language switch), for respondents and on
// the sign-in page. A respondent's choice is stored with the respondent: the link opens in
// that language again in a fresh browser.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { checkPage, launchBrowser, openPage, screenshotter } from '../lib/browser.js';
import { KantelServer } from '../lib/kantel.js';

let server;
let browser;
const shot = screenshotter('language');
before(async () => {
  // One after the other, so that `after` can close whatever started when the other failed.
  server = await KantelServer.start();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const h1 = async (page) => (await page.getByRole('heading', { level: 1 }).innerText()).trim();
const lang = (page) => page.locator('html').getAttribute('lang');

test('respondent link: ?lang=en shows English, and the choice sticks to the respondent', async () => {
  const [{ link }] = await server.invite({ municipality: 'GM0363', group: 'bestuur' });

  let { context, page, watch } = await openPage(browser);
  let response = await page.goto(link);
  assert.equal(await lang(page), 'nl', 'Dutch by default');
  assert.equal(await h1(page), 'Transformatie sociaal domein in twaalf gemeenten');
  await checkPage({ page, watch, response, shot, name: 'respondent-intro-nl', where: 'intro (nl)' });

  response = await page.goto(`${link}?lang=en`);
  assert.equal(await lang(page), 'en');
  assert.equal(await h1(page), 'Transformation of the social domain in twelve municipalities');
  await assert.doesNotReject(page.getByText('Administrator').first().waitFor(), 'group label in English');
  await checkPage({ page, watch, response, shot, name: 'respondent-intro-en', where: 'intro (en)' });
  await page.getByRole('link', { name: 'Start the questionnaire' }).click();
  await page.waitForURL(/\/s\/1$/);
  assert.equal(await lang(page), 'en');
  assert.equal(await h1(page), 'Visible leadership');
  const item = page.getByRole('group', { name: /The alderman visibly champions the new way of working\./ });
  for (const label of ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree', "Don't know"]) {
    assert.equal(await item.getByRole('radio', { name: label, exact: true }).count(), 1, `option "${label}"`);
  }
  assert.equal(await page.getByRole('button', { name: 'Save and continue' }).count(), 1);
  await checkPage({ page, watch, shot, name: 'respondent-section-en', where: 'section 1 (en)' });
  await context.close();

  // A fresh browser (Dutch locale): the respondent's stored choice wins.
  ({ context, page, watch } = await openPage(browser, { locale: 'nl-NL' }));
  await page.goto(`${link}/s/2`);
  assert.equal(await lang(page), 'en', 'the language chosen before is remembered for the respondent');
  assert.equal(await h1(page), 'Room to experiment');
  const yesNo = page.getByRole('group', { name: /Work started without detailed prior agreements\./ });
  assert.equal(await yesNo.getByRole('radio', { name: 'Yes', exact: true }).count(), 1, 'yes/no item in English');
  await shot(page, 'respondent-section-2-en-remembered');

  // The language switch goes back to Dutch.
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Nederlands' }).click();
  await page.waitForURL(/lang=nl/);
  assert.equal(await lang(page), 'nl');
  assert.equal(await h1(page), 'Ruimte om te experimenteren');
  await checkPage({ page, watch, shot, name: 'respondent-section-2-nl', where: 'section 2 after switching to Dutch' });
  await context.close();
});

test('sign-in page: ?lang=en shows English, the switch returns to Dutch', async () => {
  const { context, page, watch } = await openPage(browser);
  let response = await page.goto(`${server.url}/login`);
  assert.equal(await lang(page), 'nl');
  assert.equal(await h1(page), 'Inloggen');
  await checkPage({ page, watch, response, shot, name: 'login-nl', where: '/login (nl)' });

  response = await page.goto(`${server.url}/login?lang=en`);
  assert.equal(await lang(page), 'en');
  assert.equal(await h1(page), 'Sign in');
  assert.equal(await page.getByLabel('E-mail address').count(), 1);
  assert.equal(await page.getByLabel('Password').count(), 1);
  await checkPage({ page, watch, response, shot, name: 'login-en', where: '/login?lang=en' });

  // Without ?lang the choice is remembered (cookie) for the next page.
  await page.goto(`${server.url}/login`);
  assert.equal(await lang(page), 'en', 'the language cookie keeps English');
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Nederlands' }).click();
  await page.waitForURL(/lang=nl/);
  assert.equal(await h1(page), 'Inloggen');
  await context.close();
});
