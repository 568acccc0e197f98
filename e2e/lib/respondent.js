// What a respondent does on the questionnaire pages, by role and label as a person (or a
// screen reader) finds things: a question is a fieldset named by its legend, an answer a
// radio button named by its label.

import assert from 'node:assert/strict';

/** The wijkteam questionnaire of testdata/study-12, Dutch wording (5 items in 3 sections). */
export const ITEMS = {
  C1_1: 'De wethouder draagt de nieuwe werkwijze zichtbaar uit.',
  C1_2: 'Het college spreekt met één stem over de transformatie.',
  C4_1: 'Wijkteams mogen zonder voorafgaande toestemming hulp inzetten.',
  C4_2: 'Verantwoording gaat vooral over aantallen en uren.',
  C5_2: 'Mislukte pilots worden besproken, niet bestraft.',
};

export const SECTIONS = [
  'Zichtbaar bestuurlijk leiderschap',
  'Loslaten van administratieve processen',
  'Ruimte om te experimenteren',
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function question(page, item) {
  return page.getByRole('group', { name: new RegExp(escape(ITEMS[item])) });
}

export function option(page, item, label) {
  return question(page, item).getByRole('radio', { name: label, exact: true });
}

/**
 * Chooses `label` for `item`. With JavaScript the answer goes to the server at once (htmx
 * POST to /r/{token}/answer): wait for that response and for "Bewaard" next to the
 * question, without the page being reloaded.
 */
export async function choose(page, item, label, { js }) {
  const radio = option(page, item, label);
  if (!js) {
    await radio.check();
    return;
  }
  const saved = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/r\/[0-9a-f]{64}\/answer$/.test(r.url()),
  );
  await radio.check();
  const response = await saved;
  assert.ok(
    [200, 204].includes(response.status()),
    `saving ${item} through htmx answered ${response.status()}: ${await response.text()}`,
  );
  await assert.doesNotReject(
    question(page, item).getByText('Bewaard').waitFor(),
    `"Bewaard" shown next to ${item}`,
  );
}

export async function assertChosen(page, item, label) {
  assert.equal(await option(page, item, label).isChecked(), true, `${item} shows "${label}"`);
}

export async function assertUnanswered(page, item) {
  const checked = await question(page, item).getByRole('radio', { checked: true }).count();
  assert.equal(checked, 0, `${item} has no answer yet`);
}

export async function heading(page) {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

export async function assertProgress(page, answered, total) {
  const text = (await page.locator('#progress').innerText()).replace(/\s+/g, ' ');
  assert.match(text, new RegExp(`\\b${answered} van ${total}\\b`), `progress shows ${answered} of ${total}: ${text}`);
}

/** The hidden csrf field of the page's form (for the POSTs a script would try later). */
export async function csrfOf(page) {
  return page.locator('form input[name=csrf]').first().inputValue();
}

/**
 * The whole respondent story, with JavaScript (`js`: answers saved one by one through htmx)
 * or without (plain forms saved by the page's buttons):
 * answer about half, close the browser, open the link again in a fresh browser profile and
 * land where they were with the answers shown, finish, review, submit; afterwards the link
 * says so and the server refuses every POST.
 */
export async function respondentStory({ browser, server, js, shot, checkPage, assertFocusVisible, assertFitsPhone, openPage }) {
  const [{ link, respondent }] = await server.invite({ municipality: 'GM0193', group: 'wijkteam' });
  const token = link.split('/r/')[1];
  const answerPosts = [];
  const track = (page) =>
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/answer')) answerPosts.push(r.url());
    });

  // --- first visit: about half the questionnaire ------------------------------------------
  let { context, page, watch } = await openPage(browser, { javaScriptEnabled: js });
  track(page);
  let response = await page.goto(link);
  assert.equal(response.status(), 200, `GET ${link}`);
  assert.equal(await heading(page), 'Transformatie sociaal domein in twaalf gemeenten');
  await assert.doesNotReject(page.getByText('Wijkteammedewerker').first().waitFor(), 'intro names the group');
  await checkPage({ page, watch, response, shot, name: 'intro', where: 'intro /r/{token}' });

  await page.getByRole('link', { name: 'Begin met de vragenlijst' }).click();
  await page.waitForURL(/\/s\/1$/);
  assert.equal(await heading(page), SECTIONS[0]);
  await assertProgress(page, 0, 5);
  await checkPage({ page, watch, shot, name: 'section-1', where: 'section 1 /r/{token}/s/1' });
  await assertFocusVisible(page, 'section 1');
  await assertFitsPhone(page, 'section 1', shot, 'section-1');
  const csrf = await csrfOf(page);
  assert.match(csrf, /\S{16,}/, 'section form carries a csrf field');

  if (js) {
    // A marker in the page's own JavaScript world disappears if the page is reloaded.
    await page.evaluate(() => {
      window.kantelNoReload = true;
    });
    await choose(page, 'C1_1', 'Mee eens', { js });
    await choose(page, 'C1_2', 'Helemaal mee eens', { js });
    assert.equal(await page.evaluate(() => window.kantelNoReload), true, 'answers saved without a reload');
    await assertProgress(page, 2, 5);
    await shot(page, 'section-1-answered');
    await page.reload();
    assert.equal(await page.evaluate(() => window.kantelNoReload), undefined, 'the page did reload');
    await assertChosen(page, 'C1_1', 'Mee eens');
    await assertChosen(page, 'C1_2', 'Helemaal mee eens');
    await assertProgress(page, 2, 5);
    await checkPage({ page, watch, shot, name: 'section-1-reloaded', where: 'section 1 after reload' });
  } else {
    await choose(page, 'C1_1', 'Mee eens', { js });
    await choose(page, 'C1_2', 'Helemaal mee eens', { js });
    await shot(page, 'section-1-answered');
  }
  await page.getByRole('button', { name: 'Opslaan en verder' }).click();
  await page.waitForURL(/\/s\/2$/);
  assert.equal(await heading(page), SECTIONS[1]);
  await assertProgress(page, 2, 5);
  await choose(page, 'C4_1', 'Niet eens, niet oneens', { js });
  if (js) {
    await assertProgress(page, 3, 5);
  } else {
    // Without JavaScript an answer is saved by the page's buttons.
    await page.getByRole('button', { name: 'Opslaan en verder' }).click();
    await page.waitForURL(/\/s\/3$/);
  }
  await checkPage({ page, watch, shot, name: 'half-done', where: 'section page before closing' });
  await context.close();

  // --- the link again, in a fresh browser profile -----------------------------------------
  ({ context, page, watch } = await openPage(browser, { javaScriptEnabled: js }));
  track(page);
  response = await page.goto(link);
  assert.equal(response.status(), 200, `GET ${link} again`);
  if (js) {
    await page.waitForURL(/\/s\/2$/);
  } else {
    await page.waitForURL(/\/s\/3$/);
    assert.equal(await heading(page), SECTIONS[2], 'continues on the page after the last save');
    await assertProgress(page, 3, 5);
    await assertUnanswered(page, 'C5_2');
    await shot(page, 'reopened');
    await page.getByRole('button', { name: 'Opslaan en terug' }).click();
    await page.waitForURL(/\/s\/2$/);
  }
  assert.equal(await heading(page), SECTIONS[1]);
  await assertChosen(page, 'C4_1', 'Niet eens, niet oneens');
  await assertUnanswered(page, 'C4_2');
  await assertProgress(page, 3, 5);
  await checkPage({ page, watch, shot, name: js ? 'reopened' : 'reopened-previous', where: 'section 2 after reopening' });

  // --- finish, review, submit -------------------------------------------------------------
  await choose(page, 'C4_2', 'Weet ik niet', { js });
  await page.getByRole('button', { name: 'Opslaan en verder' }).click();
  await page.waitForURL(/\/s\/3$/);
  assert.equal(await heading(page), SECTIONS[2]);
  await choose(page, 'C5_2', 'Mee oneens', { js });
  await checkPage({ page, watch, shot, name: 'section-3', where: 'section 3' });
  await page.getByRole('button', { name: 'Opslaan en naar het overzicht' }).click();
  await page.waitForURL(/\/review$/);
  assert.equal(await heading(page), 'Overzicht van uw antwoorden');
  await assert.doesNotReject(page.getByText('U heeft alle vragen beantwoord.').waitFor());
  const expected = {
    C1_1: 'Mee eens',
    C1_2: 'Helemaal mee eens',
    C4_1: 'Niet eens, niet oneens',
    C4_2: 'Weet ik niet',
    C5_2: 'Mee oneens',
  };
  for (const [item, label] of Object.entries(expected)) {
    const line = (await page.getByRole('listitem').filter({ hasText: ITEMS[item] }).innerText()).replace(/\s+/g, ' ');
    assert.ok(line.endsWith(`Uw antwoord: ${label}`), `review shows ${item} = ${label}: ${line}`);
  }
  await checkPage({ page, watch, shot, name: 'review', where: 'review /r/{token}/review' });
  await assertFitsPhone(page, 'review', shot, 'review');
  await page.getByRole('button', { name: 'Vragenlijst verzenden' }).click();
  await page.waitForURL((u) => u.pathname === `/r/${token}`);
  assert.equal(await heading(page), 'Bedankt');
  await checkPage({ page, watch, shot, name: 'submitted', where: 'after submitting' });

  // --- the link accepts nothing more ------------------------------------------------------
  response = await page.goto(`${server.url}/r/${token}/s/1`);
  assert.equal(await heading(page), 'Bedankt', 'a section page after submitting says it was submitted');
  assert.match(await page.locator('main').innerText(), /niets meer wijzigen/);
  assert.equal(await page.getByRole('radio').count(), 0, 'no answers can be given after submitting');
  await checkPage({ page, watch, response, shot, name: 'section-after-submit', where: 'section 1 after submitting' });

  const post = (path, form) =>
    context.request.post(`${server.url}/r/${token}${path}`, {
      form: { csrf, ...form },
      headers: { Origin: server.url },
      maxRedirects: 0,
    });
  for (const [path, form] of [
    ['/answer', { item: 'C1_1', value: '1', section: '1' }],
    ['/s/1', { 'q.C1_1': '1', nav: 'next' }],
    ['/submit', {}],
  ]) {
    const r = await post(path, form);
    assert.equal(r.status(), 409, `POST /r/{token}${path} after submitting: ${r.status()} ${await r.text()}`);
  }
  if (js) {
    assert.ok(answerPosts.length >= 5, `answers went through /answer with JavaScript (${answerPosts.length})`);
  } else {
    assert.deepEqual(answerPosts, [], 'without JavaScript nothing posts to /answer');
  }
  await context.close();
  return { token, respondent, csrf };
}

/** Answers the whole wijkteam questionnaire through the page forms and submits it. */
export async function answerAllAndSubmit(page, link, answers = {}) {
  const chosen = {
    C1_1: 'Mee eens', C1_2: 'Mee eens', C4_1: 'Helemaal mee eens', C4_2: 'Mee oneens', C5_2: 'Mee eens',
    ...answers,
  };
  await page.goto(link);
  if (!/\/s\/\d+$/.test(page.url())) {
    await page.getByRole('link', { name: /Begin met de vragenlijst|Ga verder waar u was/ }).click();
  }
  for (const n of [1, 2, 3]) {
    await page.waitForURL(new RegExp(`/s/${n}$`));
    for (const [item, label] of Object.entries(chosen)) {
      if ((await question(page, item).count()) > 0) await option(page, item, label).check();
    }
    const next = n < 3 ? 'Opslaan en verder' : 'Opslaan en naar het overzicht';
    await page.getByRole('button', { name: next }).click();
  }
  await page.waitForURL(/\/review$/);
  await page.getByRole('button', { name: 'Vragenlijst verzenden' }).click();
  await page.waitForURL((u) => /^\/r\/[0-9a-f]{64}$/.test(u.pathname));
  assert.equal(await heading(page), 'Bedankt');
}
