// The researcher: signs in, watches the response change on the dashboard while a respondent
// answers (the table reloads itself), runs an analysis with chosen settings and sees
// calibration, truth table, solutions and XY plots; downloads hold web and imported answers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertFitsPhone, checkPage, launchBrowser, openPage, screenshotter } from '../lib/browser.js';
import { KantelServer } from '../lib/kantel.js';
import { answerAllAndSubmit, choose } from '../lib/respondent.js';
import { eventually, fraction, progressTable, signIn } from '../lib/site.js';

let server;
let browser;
const shot = screenshotter('researcher');
before(async () => {
  server = await KantelServer.start({ data: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const TITLE = 'Transformatie sociaal domein in twaalf gemeenten';
const h1 = async (page) => (await page.getByRole('heading', { level: 1 }).innerText()).trim();

test('researcher: sign in, live response counts, analysis with chosen settings', async () => {
  const account = await server.addUser({ email: 'onderzoeker@bureau.example', role: 'researcher' });
  const [first, second] = await server.invite({ municipality: 'GM0193', group: 'wijkteam', count: 2 });

  // --- signed out: the dashboard sends to the sign-in page ---------------------------------
  const { context, page, watch } = await openPage(browser);
  let response = await page.goto(`${server.url}/`);
  assert.match(new URL(page.url()).pathname, /^\/login/, 'signed out, / goes to the sign-in page');
  assert.equal(await h1(page), 'Inloggen');
  await checkPage({ page, watch, response, shot, name: 'login', where: '/login' });

  // A wrong password: the form again, with a message, and no session.
  await page.getByLabel('E-mailadres').fill(account.email);
  await page.getByLabel('Wachtwoord').fill('not the password');
  watch.expect(/status of 40[01]/);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await assert.doesNotReject(page.getByText('Het e-mailadres of het wachtwoord klopt niet.').waitFor());
  await checkPage({ page, watch, shot, name: 'login-failed', where: '/login after a wrong password' });
  watch.clearExpected();

  await signIn(page, server.url, account);
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await h1(page), 'Studies');
  await checkPage({ page, watch, shot, name: 'studies', where: '/ (studies)' });

  // --- the dashboard, and the count changing while a respondent answers ---------------------
  await page.getByRole('link', { name: TITLE }).click();
  await page.waitForURL(/\/studies\/\d+$/);
  const studyUrl = page.url();
  assert.equal(await h1(page), TITLE);
  await checkPage({ page, watch, shot, name: 'dashboard', where: 'dashboard /studies/{id}' });
  await assertFitsPhone(page, 'the dashboard', shot, 'dashboard');
  const zwolle = async () => (await progressTable(page)).find((r) => r.municipality.startsWith('Zwolle'));
  const before = await zwolle();
  assert.ok(before, 'the dashboard lists Zwolle');
  const [startedBefore, respondentsBefore] = fraction(before.Totaal);
  const submittedBefore = Number(before.Ingediend);
  const [wijkteamStarted, wijkteamRespondents] = fraction(before.Wijkteammedewerker);
  assert.ok(wijkteamRespondents >= 2, `Zwolle counts the two invited wijkteam respondents: ${JSON.stringify(before)}`);
  // Proves the table changes without the researcher reloading the page.
  await page.evaluate(() => {
    window.kantelNoReload = true;
  });

  const respondent = await openPage(browser);
  await respondent.page.goto(first.link);
  await respondent.page.getByRole('link', { name: 'Begin met de vragenlijst' }).click();
  await respondent.page.waitForURL(/\/s\/1$/);
  await choose(respondent.page, 'C1_1', 'Mee eens', { js: true });

  let now = await eventually(zwolle, (r) => fraction(r.Totaal)[0] === startedBefore + 1);
  assert.deepEqual(fraction(now.Totaal), [startedBefore + 1, respondentsBefore], `started count went up by one: ${JSON.stringify(now)}`);
  assert.deepEqual(fraction(now.Wijkteammedewerker), [wijkteamStarted + 1, wijkteamRespondents]);
  assert.equal(Number(now.Ingediend), submittedBefore);
  assert.equal(await page.evaluate(() => window.kantelNoReload), true, 'the dashboard updated itself, no reload');
  await shot(page, 'dashboard-after-an-answer');

  await answerAllAndSubmit(respondent.page, first.link);
  respondent.watch.assertClean('respondent pages while the researcher watches');
  await respondent.context.close();
  now = await eventually(zwolle, (r) => Number(r.Ingediend) === submittedBefore + 1);
  assert.equal(Number(now.Ingediend), submittedBefore + 1, `submitted count went up by one: ${JSON.stringify(now)}`);
  assert.deepEqual(fraction(now.Totaal), [startedBefore + 1, respondentsBefore]);
  await checkPage({ page, watch, shot, name: 'dashboard-after-submit', where: 'dashboard after the table reloaded' });
  // The summary sentence above the table must not contradict the table it summarises.
  // Checked at the end, so that a stale summary does not hide the rest of the story.
  const totals = await page.locator('#progress tfoot tr').evaluate((tr) =>
    [...tr.children].map((c) => c.textContent.trim()).filter((t) => t !== ''));
  const summary = (await page.locator('main > p').filter({ hasText: /respondenten, waarvan/ }).innerText()).trim();
  const later = [];
  later.push(() => {
    const [started, respondents] = fraction(totals[1]);
    const submitted = totals[2];
    assert.ok(
      summary.includes(`${respondents} respondenten, waarvan ${started} begonnen en ${submitted} ingediend`),
      `the dashboard summary "${summary}" agrees with the live table (total ${totals[1]}, submitted ${submitted})`,
    );
  });
  assert.ok(second.link, 'the second respondent stays unstarted');

  // --- the analysis --------------------------------------------------------------------------
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Analyse' }).click();
  await page.waitForURL(/\/analysis$/);
  await checkPage({ page, watch, shot, name: 'analysis-form', where: 'analysis form' });
  // The study's plan is the default: outcome BIJSTAND, conditions BESTLEID, LOSLATEN, EXPERIMENT.
  assert.equal(await page.getByRole('radio', { name: /BIJSTAND/ }).isChecked(), true);
  for (const c of ['BESTLEID', 'LOSLATEN', 'EXPERIMENT']) {
    assert.equal(await page.getByRole('checkbox', { name: new RegExp(c) }).isChecked(), true, `${c} chosen`);
  }
  await page.getByRole('button', { name: 'Analyseren' }).click();
  const results = page.locator('#results');
  await results.waitFor();
  await assertResults(page, ['BESTLEID', 'LOSLATEN', 'EXPERIMENT']);
  await checkPage({ page, watch, shot, name: 'analysis-results', where: 'analysis results' });

  // Other settings: without EXPERIMENT, a lower inclusion cut-off.
  await page.getByRole('checkbox', { name: /EXPERIMENT/ }).uncheck();
  await page.getByLabel('Inclusiedrempel (incl.cut)').fill('0.75');
  watch.expect(/status of 422/);
  await page.getByRole('button', { name: 'Analyseren' }).click();
  await page.waitForLoadState();
  // Directional expectations may only name chosen conditions: the page says so.
  const error = page.locator('#analysis-error');
  await error.waitFor();
  assert.match(await error.innerText(), /EXPERIMENT/, 'the message names the condition that is not chosen');
  assert.equal(await results.count(), 0, 'no results for settings that do not fit');
  await checkPage({ page, watch, shot, name: 'analysis-settings-error', where: 'analysis with a directional expectation for an unchosen condition' });
  watch.clearExpected();
  await page.getByLabel('Richtingsverwachtingen (dir.exp)').fill('BESTLEID, LOSLATEN');
  await page.getByRole('button', { name: 'Analyseren' }).click();
  await page.waitForLoadState();
  await results.waitFor();
  await assertResults(page, ['BESTLEID', 'LOSLATEN']);
  assert.equal(await page.getByLabel('Inclusiedrempel (incl.cut)').inputValue(), '0.75', 'the form keeps the settings');
  await checkPage({ page, watch, shot, name: 'analysis-two-conditions', where: 'analysis with two conditions' });

  // --- downloads: web and imported answers are one data set ----------------------------------
  const csv = await context.request.get(`${studyUrl}/export/answers.csv`);
  assert.equal(csv.status(), 200);
  const text = await csv.text();
  assert.ok(text.includes(first.respondent), `answers.csv has the web respondent ${first.respondent}`);
  assert.ok(text.split('\n').length > 20, 'answers.csv has the imported answers too');
  const report = await context.request.get(`${studyUrl}/report`);
  assert.equal(report.status(), 200);
  assert.match(report.headers()['content-disposition'] ?? '', /attachment/);

  // --- sign out: the dashboard is closed again ------------------------------------------------
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL(/\/login/);
  await page.goto(studyUrl);
  assert.match(new URL(page.url()).pathname, /^\/login/, 'signed out, the dashboard sends to the sign-in page');
  watch.assertClean('after signing out');
  await context.close();
  for (const check of later) check();
});

/** Calibration, truth table with one column per condition, a solution, and XY plots. */
async function assertResults(page, conditions) {
  const results = page.locator('#results');
  for (const name of ['Kalibratie', 'Waarheidstabel', 'Oplossingen', 'XY-plots']) {
    assert.equal(await results.getByRole('heading', { name, exact: true }).count(), 1, `results have "${name}"`);
  }
  const header = await results.locator('table.truth-table thead th').allInnerTexts();
  for (const c of ['BESTLEID', 'LOSLATEN', 'EXPERIMENT']) {
    assert.equal(header.includes(c), conditions.includes(c), `truth table column ${c}: ${header.join(' | ')}`);
  }
  assert.ok((await results.locator('table.truth-table tbody tr').count()) > 0, 'truth table has rows');
  const models = (await results.locator('code.model').allInnerTexts()).map((m) => m.trim());
  assert.ok(models.length > 0 && models.every((m) => m.length > 0), `solutions shown: ${models.join(' ; ')}`);
  const plots = results.locator('figure[id^="xy-"] svg');
  assert.ok((await plots.count()) > 0, 'XY plots drawn');
  const box = await plots.first().boundingBox();
  assert.ok(box && box.width > 100 && box.height > 100, `an XY plot has a size: ${JSON.stringify(box)}`);
}
