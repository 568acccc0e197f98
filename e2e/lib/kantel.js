// A fresh kantel server for one test file: a temporary copy of testdata/study-12/study.toml
// (its SQLite database is created next to it), accounts and personal links made through the
// command line as a researcher would, and `kantel serve` on a free loopback port.
//
// Nothing is built here: the binary comes from KANTEL_BIN (default target/debug/kantel),
// which scripts/e2e.sh builds first.

import { spawn } from 'node:child_process';
import { access, constants, copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The binary under test; a relative KANTEL_BIN is relative to the repository root. */
export const KANTEL_BIN = path.resolve(REPO, process.env.KANTEL_BIN || 'target/debug/kantel');
export const STUDY_TEMPLATE = path.join(REPO, 'testdata', 'study-12', 'study.toml');

/** A password long enough for `kantel user add` (at least 10 characters). */
export const PASSWORD = 'correct horse battery staple';

/** Municipalities of testdata/study-12 the tests use. */
export const ZWOLLE = 'GM0193';
export const DELFT = 'GM0503';

const FIRST_LINE_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** Every server still running, so that a crashed test run does not leave one behind. */
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Runs the kantel binary with `args`, writing `input` to its standard input; resolves with
 * its standard output, rejects (with both outputs in the message) when it exits non-zero.
 */
export function runKantel(args, { input = '' } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(KANTEL_BIN, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else
        reject(
          new Error(
            `kantel ${args.join(' ')} exited with ${code ?? signal}\n` +
              `stdout: ${stdout}\nstderr: ${stderr}`,
          ),
        );
    });
    child.stdin.end(input);
  });
}

/** Parses the links CSV of `kantel respondents invite` (municipality,group,respondent,link). */
export function parseLinksCsv(text) {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const columns = header.split(',');
  const expected = ['municipality', 'group', 'respondent', 'link'];
  if (columns.join(',') !== expected.join(',')) {
    throw new Error(`links CSV header is ${header}, expected ${expected.join(',')}`);
  }
  return rows.map((row) => {
    const cells = row.split(',');
    if (cells.length !== 4) throw new Error(`links CSV row with ${cells.length} cells: ${row}`);
    return Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
  });
}

export class KantelServer {
  constructor(dir) {
    this.dir = dir;
    this.studyFile = path.join(dir, 'study.toml');
    /** `http://127.0.0.1:PORT`, known once started. */
    this.url = null;
    this.child = null;
    this.stderr = '';
    this.inviteCount = 0;
  }

  /**
   * A fresh study directory with its own database, and the server on it. With `data`, the
   * study's answers, register table and ratings are imported first (as in
   * docs/running-a-study.md), so that the analysis has cases.
   */
  static async start({ data = false } = {}) {
    const executable = await access(KANTEL_BIN, constants.X_OK)
      .then(() => stat(KANTEL_BIN))
      .then((s) => s.isFile())
      .catch(() => false);
    if (!executable) throw new Error(`no kantel binary at ${KANTEL_BIN}: run scripts/e2e.sh, or set KANTEL_BIN`);
    const dir = await mkdtemp(path.join(tmpdir(), 'kantel-e2e-'));
    const server = new KantelServer(dir);
    try {
      await copyFile(STUDY_TEMPLATE, path.join(dir, 'study.toml'));
      if (data) await server.#importData();
      await server.#serve();
    } catch (e) {
      await server.stop();
      throw e;
    }
    return server;
  }

  async #importData() {
    const study = ['--study', this.studyFile];
    const testdata = path.join(REPO, 'testdata');
    await runKantel(['import', 'answers', ...study, '--file', path.join(testdata, 'study-12', 'antwoorden-gecorrigeerd.csv')]);
    await runKantel([
      'import', 'register', ...study, '--file',
      path.join(testdata, 'register', 'waarstaatjegemeente_2015_2017.csv'), '--boundary-year', '2021',
    ]);
    await runKantel(['import', 'ratings', ...study, '--file', path.join(testdata, 'study-12', 'beoordelingen.csv')]);
  }

  async #serve() {
    const child = spawn(
      KANTEL_BIN,
      ['serve', '--study', this.studyFile, '--listen', '127.0.0.1:0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    running.add(child);
    child.stderr.on('data', (d) => (this.stderr += d));
    this.url = await new Promise((resolve, reject) => {
      let buffered = '';
      const fail = (why) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`kantel serve: ${why}\nstdout: ${buffered}\nstderr: ${this.stderr}`));
      };
      const timer = setTimeout(() => fail('no address printed in time'), FIRST_LINE_TIMEOUT_MS);
      const onData = (d) => {
        buffered += d;
        const newline = buffered.indexOf('\n');
        if (newline < 0) return;
        child.stdout.off('data', onData);
        // Keep reading so that the server never blocks on a full pipe.
        child.stdout.resume();
        clearTimeout(timer);
        const first = buffered.slice(0, newline).trim();
        if (/^http:\/\/127\.0\.0\.1:\d+$/.test(first)) resolve(first);
        else fail(`first stdout line is ${JSON.stringify(first)}, not http://127.0.0.1:PORT`);
      };
      child.stdout.on('data', onData);
      child.on('error', (e) => fail(e.message));
      child.on('exit', (code, signal) => fail(`exited with ${code ?? signal} before its address`));
    });
    child.removeAllListeners('exit');
    child.on('exit', () => running.delete(child));
  }

  /** Adds an account through `kantel user add` (password on standard input). */
  async addUser({ email, role, municipality, password = PASSWORD }) {
    const args = ['user', 'add', '--study', this.studyFile, '--email', email, '--role', role];
    if (municipality) args.push('--municipality', municipality);
    await runKantel(args, { input: `${password}\n` });
    return { email, password };
  }

  /**
   * Personal links through `kantel respondents invite`, with this server's address as the
   * base URL; resolves with the CSV rows.
   */
  async invite({ municipality, group, count = 1 }) {
    this.inviteCount += 1;
    const out = path.join(this.dir, `links-${this.inviteCount}.csv`);
    await runKantel([
      'respondents', 'invite', '--study', this.studyFile, '--municipality', municipality,
      '--group', group, '--count', String(count), '--base-url', this.url, '--out', out,
    ]);
    const rows = parseLinksCsv(await readFile(out, 'utf8'));
    if (rows.length !== count) throw new Error(`asked for ${count} links, got ${rows.length}`);
    for (const row of rows) {
      if (!row.link.startsWith(`${this.url}/r/`)) throw new Error(`unexpected link ${row.link}`);
    }
    return rows;
  }

  /** Stops the server (SIGTERM, SIGKILL when it lingers) and removes the study directory. */
  async stop() {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    if (!process.env.KANTEL_E2E_KEEP) await rm(this.dir, { recursive: true, force: true });
    else console.log(`kept ${this.dir}`);
  }
}
