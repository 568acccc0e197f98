// Chromium requests /favicon.ico for every page that names no icon; a 404 there is a console
// error on every page. The other tests ignore that one request, this test checks it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, openPage } from '../lib/browser.js';
import { KantelServer } from '../lib/kantel.js';

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

test('pages load no missing icon (no 404 for /favicon.ico in the console)', async () => {
  const { context, page } = await openPage(browser);
  const failures = [];
  page.on('console', (m) => {
    if (m.type() === 'error') failures.push(`${m.text()} at ${m.location().url}`);
  });
  await page.goto(`${server.url}/login`);
  // The icon request is made after the load event; give it a moment.
  await page.waitForTimeout(500);
  assert.deepEqual(failures, [], 'console errors on /login');
  await context.close();
});
