// A respondent with JavaScript: answers are saved one by one (htmx) without a reload.
import { after, before, test } from 'node:test';

import { assertFitsPhone, assertFocusVisible, checkPage, launchBrowser, openPage, screenshotter } from '../lib/browser.js';
import { KantelServer } from '../lib/kantel.js';
import { respondentStory } from '../lib/respondent.js';

let server;
let browser;
before(async () => {
  // One after the other, so that `after` can close whatever started when the other failed.
  server = await KantelServer.start();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('respondent with JavaScript: half, close, reopen, finish, submit, then nothing accepted', async () => {
  await respondentStory({
    browser,
    server,
    js: true,
    shot: screenshotter('respondent-js'),
    checkPage,
    assertFocusVisible,
    assertFitsPhone,
    openPage,
  });
});
