// A municipal contact of Zwolle: sees Zwolle's response and mirror report, and nothing of any
// other municipality nor any researcher page, whatever URL they type.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';

import { assertFitsPhone, checkPage, launchBrowser, openPage, screenshotter } from '../lib/browser.js';
import { DELFT, KantelServer, ZWOLLE } from '../lib/kantel.js';
import { answerAllAndSubmit } from '../lib/respondent.js';
import { fraction, progressTable, signIn } from '../lib/site.js';

let server;
let browser;
const shot = screenshotter('contact');
before(async () => {
  server = await KantelServer.start({ data: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const h1 = async (page) => (await page.getByRole('heading', { level: 1 }).innerText()).trim();

test('contact of Zwolle: own response and mirror report; Delft and researcher pages refused', async () => {
  const zwolle = await server.addUser({ email: 'wmo@zwolle.example', role: 'contact', municipality: ZWOLLE });
  await server.addUser({ email: 'wmo@delft.example', role: 'contact', municipality: DELFT });
  const [link] = await server.invite({ municipality: ZWOLLE, group: 'wijkteam' });

  // A respondent of Zwolle submits, so the contact has something to see.
  const respondent = await openPage(browser);
  await answerAllAndSubmit(respondent.page, link.link);
  await respondent.context.close();

  const { context, page, watch } = await openPage(browser);
  await signIn(page, server.url, zwolle);
  const home = new URL(page.url());
  const m = /^\/studies\/(\d+)\/m\/GM0193$/.exec(home.pathname);
  assert.ok(m, `a contact lands on their municipality's page, not ${home.pathname}`);
  const study = m[1];
  assert.equal(await h1(page), 'Zwolle (GM0193)');
  const rows = await progressTable(page);
  assert.deepEqual(rows.map((r) => r.municipality), ['Zwolle GM0193'], 'only Zwolle in the response table');
  assert.equal(Number(rows[0].Ingediend), 1, `the submitted questionnaire counts: ${JSON.stringify(rows[0])}`);
  assert.equal(fraction(rows[0].Wijkteammedewerker)[1], 3, 'two imported and one invited wijkteam respondent');
  const text = await page.locator('body').innerText();
  for (const other of ['Delft', 'Amsterdam', 'Utrecht', 'Haaren']) {
    assert.ok(!text.includes(other), `the contact's page does not mention ${other}`);
  }
  // No researcher navigation for a contact.
  assert.equal(await page.getByRole('link', { name: 'Analyse' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Studies' }).count(), 0);
  await checkPage({ page, watch, shot, name: 'own-municipality', where: `/studies/${study}/m/GM0193 (contact)` });
  await assertFitsPhone(page, "the contact's municipality page", shot, 'own-municipality');

  // The mirror report: a download with Zwolle and no other municipality by name.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Spiegelrapport downloaden (HTML)' }).click(),
  ]);
  const file = await download.path();
  const report = await readFile(file, 'utf8');
  assert.match(report, /Zwolle/, 'the mirror report is about Zwolle');
  for (const other of ['Delft', 'Amsterdam', 'Groningen', 'Tilburg']) {
    assert.ok(!report.includes(other), `the mirror report does not name ${other}`);
  }
  assert.match(download.suggestedFilename(), /\.html$/, `an HTML file: ${download.suggestedFilename()}`);
  // The download is stored without its name; show it as the HTML it is.
  const viewer = await context.newPage();
  await viewer.setContent(report);
  await shot(viewer, 'mirror-report');
  await viewer.close();

  // --- every way into Delft or into the researcher's pages is refused ----------------------
  // 403 for all of them: the same answer whether or not the municipality or study exists.
  const refused = async (path, statuses = [403]) => {
    const r = await context.request.get(`${server.url}${path}`, { maxRedirects: 0 });
    assert.ok(statuses.includes(r.status()), `GET ${path} as Zwolle's contact: ${r.status()}, expected ${statuses.join(' or ')}`);
    const body = await r.text();
    assert.doesNotMatch(body, /Delft|Wijkteammedewerker|respondenten, waarvan/, `GET ${path} shows no data`);
    return r;
  };
  for (const path of [
    `/studies/${study}/m/${DELFT}`,
    `/studies/${study}/m/${DELFT}/progress`,
    `/studies/${study}/m/${DELFT}/mirror`,
    `/studies/${study}/m/GM9999`,
    `/studies/${Number(study) + 1}/m/${ZWOLLE}`,
    `/studies/${study}`,
    `/studies/${study}/progress`,
    `/studies/${study}/analysis`,
    `/studies/${study}/municipalities`,
    `/studies/${study}/respondents`,
    `/studies/${study}/report`,
    `/studies/${study}/export/answers.csv`,
    `/studies/${study}/export/scores.xlsx`,
    '/studies/new',
  ]) {
    await refused(path);
  }
  // As a page, with the error page a person sees.
  watch.expect(/status of 40[34]/);
  let response = await page.goto(`${server.url}/studies/${study}/m/${DELFT}`);
  assert.ok([403, 404].includes(response.status()), `Delft's page: ${response.status()}`);
  assert.match(await h1(page), /Geen toegang|Niet gevonden/);
  await checkPage({ page, watch, response, shot, name: 'other-municipality-refused', where: "Delft's page as Zwolle's contact" });
  response = await page.goto(`${server.url}/studies/${study}/analysis`);
  assert.ok([403, 404].includes(response.status()), `the analysis page: ${response.status()}`);
  await checkPage({ page, watch, response, shot, name: 'researcher-page-refused', where: 'analysis page as a contact' });
  watch.clearExpected();

  // A state change with the contact's own valid csrf token is refused too: the study stays open.
  await page.goto(`${server.url}/studies/${study}/m/${ZWOLLE}`);
  const csrf = await page.locator('form[action="/logout"] input[name=csrf]').inputValue();
  for (const [path, form] of [
    [`/studies/${study}/status`, { status: 'closed' }],
    [`/studies/${study}/links`, { municipality: DELFT, group: 'wijkteam', count: '1' }],
    [`/studies/${study}/analysis`, { outcome: 'BIJSTAND', conditions: 'BESTLEID' }],
  ]) {
    const r = await context.request.post(`${server.url}${path}`, {
      form: { csrf, ...form },
      headers: { Origin: server.url },
      maxRedirects: 0,
    });
    assert.equal(r.status(), 403, `POST ${path} as a contact: ${r.status()}`);
  }
  const [another] = await server.invite({ municipality: ZWOLLE, group: 'bestuur' });
  const open = await context.request.get(another.link);
  assert.equal(open.status(), 200);
  assert.doesNotMatch(await open.text(), /gesloten/, 'the study is still open');
  await context.close();
});
