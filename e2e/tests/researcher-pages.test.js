// The researcher's other pages, and the link workflow in the browser: make links (CSV
// download), a link works, closing the study closes every link, opening it again reopens
// them. Also the researcher's pages in English.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';

import { checkPage, launchBrowser, openPage, screenshotter } from '../lib/browser.js';
import { KantelServer, parseLinksCsv } from '../lib/kantel.js';
import { signIn } from '../lib/site.js';

let server;
let browser;
const shot = screenshotter('researcher-pages');
before(async () => {
  server = await KantelServer.start();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const h1 = async (page) => (await page.getByRole('heading', { level: 1 }).innerText()).trim();
const TITLE = 'Transformatie sociaal domein in twaalf gemeenten';

test('researcher pages: municipalities, respondents and links, new study; close and reopen the links', async () => {
  const account = await server.addUser({ email: 'onderzoeker@bureau.example', role: 'researcher' });
  const { context, page, watch } = await openPage(browser);
  await signIn(page, server.url, account);
  await page.getByRole('link', { name: TITLE }).click();
  await page.waitForURL(/\/studies\/\d+$/);
  const studyUrl = page.url();
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });

  await nav.getByRole('link', { name: 'Gemeenten' }).click();
  await page.waitForURL(/\/municipalities$/);
  assert.match(await page.locator('main').innerText(), /Zwolle/);
  await checkPage({ page, watch, shot, name: 'municipalities', where: 'municipalities page' });

  await nav.getByRole('link', { name: 'Respondenten en links' }).click();
  await page.waitForURL(/\/respondents$/);
  await checkPage({ page, watch, shot, name: 'respondents', where: 'respondents and links page' });

  // Links for a mail merge: a CSV download, the only time the links exist in clear.
  const linksForm = page.locator('form', { has: page.getByLabel('Aantal links') });
  await linksForm.getByLabel('Gemeente').selectOption('GM0153');
  await linksForm.getByLabel('Groep').selectOption('wijkteam');
  await linksForm.getByLabel('Aantal links').fill('3');
  const [download] = await Promise.all([page.waitForEvent('download'), linksForm.getByRole('button').click()]);
  const rows = parseLinksCsv(await readFile(await download.path(), 'utf8'));
  assert.equal(rows.length, 3, 'three links in the CSV');
  for (const r of rows) {
    assert.equal(r.municipality, 'GM0153');
    assert.equal(r.group, 'wijkteam');
    assert.match(r.link, new RegExp(`^${server.url}/r/[0-9a-f]{64}$`), `a link to this server: ${r.link}`);
  }

  // A link from the CSV opens the questionnaire.
  const respondent = await openPage(browser);
  let response = await respondent.page.goto(rows[0].link);
  assert.equal(response.status(), 200);
  assert.equal(await h1(respondent.page), TITLE);
  await respondent.page.getByRole('link', { name: 'Begin met de vragenlijst' }).click();
  await respondent.page.waitForURL(/\/s\/1$/);
  const csrf = await respondent.page.locator('input[name=csrf]').first().inputValue();

  // Closing the study closes every link.
  await page.goto(studyUrl);
  await page.getByRole('button', { name: 'Studie sluiten' }).click();
  await page.waitForURL(studyUrl);
  assert.match(await page.locator('#status').innerText(), /gesloten/);
  await checkPage({ page, watch, shot, name: 'dashboard-closed', where: 'dashboard of a closed study' });

  response = await respondent.page.goto(rows[0].link);
  assert.equal(await h1(respondent.page), 'De vragenlijst is gesloten');
  assert.equal(await respondent.page.getByRole('radio').count(), 0);
  await checkPage({ ...respondent, response, shot, name: 'link-of-closed-study', where: 'a link of a closed study' });
  const post = await respondent.context.request.post(`${server.url}${new URL(rows[0].link).pathname}/answer`, {
    form: { csrf, item: 'C1_1', value: '4', section: '1' },
    headers: { Origin: server.url },
  });
  assert.equal(post.status(), 409, `an answer to a closed study: ${post.status()}`);

  // Open again: the link takes answers again.
  await page.getByRole('button', { name: 'Studie weer openen' }).click();
  await page.waitForURL(studyUrl);
  assert.match(await page.locator('#status').innerText(), /open/);
  response = await respondent.page.goto(`${rows[0].link}/s/1`);
  assert.equal(await respondent.page.getByRole('radio').count() > 0, true, 'questions again after reopening');
  await respondent.context.close();

  // A new study from the built-in codebook.
  await nav.getByRole('link', { name: 'Studies' }).click();
  await page.getByRole('link', { name: 'Nieuwe studie' }).click();
  await page.waitForURL(/\/studies\/new$/);
  await checkPage({ page, watch, shot, name: 'new-study', where: 'new study page' });
  await page.getByLabel('Naam van de studie').fill('e2e-nieuw-2026');
  await page.getByRole('button', { name: 'Studie aanmaken' }).click();
  await page.waitForURL(/\/studies\/\d+$/);
  assert.notEqual(page.url(), studyUrl, 'a new study, a new dashboard');
  assert.match(await page.locator('main').innerText(), /e2e-nieuw-2026/);
  await checkPage({ page, watch, shot, name: 'new-study-dashboard', where: 'dashboard of the new study' });
  await context.close();
});

test('researcher pages in English with ?lang=en', async () => {
  const account = await server.addUser({ email: 'researcher@bureau.example', role: 'researcher' });
  const { context, page, watch } = await openPage(browser);
  await signIn(page, server.url, account);
  let response = await page.goto(`${server.url}/?lang=en`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('link', { name: 'Transformation of the social domain in twelve municipalities' }).click();
  await page.waitForURL(/\/studies\/\d+$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en', 'English stays on the next page');
  const nav = page.getByRole('navigation', { name: 'Main menu' });
  for (const name of ['Studies', 'Overview', 'Municipalities', 'Respondents and links', 'Analysis']) {
    assert.equal(await nav.getByRole('link', { name, exact: true }).count(), 1, `menu item "${name}"`);
  }
  assert.equal(await page.getByRole('button', { name: 'Close study' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 1);
  await checkPage({ page, watch, response: null, shot, name: 'dashboard-en', where: 'dashboard (en)' });
  await nav.getByRole('link', { name: 'Analysis' }).click();
  await page.waitForURL(/\/analysis$/);
  assert.equal(await h1(page), 'Analysis');
  await checkPage({ page, watch, shot, name: 'analysis-en', where: 'analysis form (en)' });
  await context.close();
});
