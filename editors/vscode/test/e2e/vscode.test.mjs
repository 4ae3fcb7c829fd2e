// The newsls extension in a real VS Code (code-server, VS Code in the browser), with default
// settings, driven as a user would, in a workspace of the seed articles, `unattributed.txt` (a
// copy of tests/fixtures/unattributed.txt: a quotation with no speaker, which the seeds lack)
// and a `newsls.toml` (standoff annotations). The expected findings come from running the same newsls binary's
// `check` on the same files, never from numbers written here. Screenshots of each step go to
// NEWSLS_E2E_SHOTS.
//
// Started by run.sh (which installs code-server, the extension and Chromium, and starts
// code-server); the tests run in order and share one window.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
    focusEditor,
    goToLine,
    hideHover,
    hover,
    launch,
    newslsLog,
    newslsStatus,
    notificationTexts,
    openFromExplorer,
    openWorkbench,
    problemsOf,
    runCommand,
    setUserSettings,
    shot,
    sleep,
    statusBar,
    until,
    webviewFrame,
} from './workbench.mjs';

const NEWSLS = process.env.NEWSLS_E2E_SERVER;
const WORKSPACE = process.env.NEWSLS_E2E_WORKSPACE;
const DATA = process.env.NEWSLS_E2E_DATA;
const SEED = '003_c60e1d219ac2aa0a.txt';
/** The article of the annotation session: its one quotation has no speaker; Anna Keller is named later. */
const UNATTRIBUTED = 'unattributed.txt';
const SIDECAR = path.join(WORKSPACE, '.newsls', 'annotations', `${UNATTRIBUTED}.jsonl`);
const SHOWN_IN_PROBLEMS = { error: 'Error', warning: 'Warning', information: 'Info' };

let browser;
let page;
let baseSettings;
/** Every notification seen during the run. */
const notifications = new Set();

/**
 * What `newsls check --format json` reports for the article `name` (the seed by default), with
 * `newsls.toml` replaced by `config` when given (in a copy of the workspace), counted the way the
 * Problems panel lists findings (errors, warnings and infos; hints are drawn in the editor only).
 */
function expectedProblems(config, name = SEED) {
    let folder = WORKSPACE;
    if (config !== undefined) {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsls-e2e-check-'));
        fs.cpSync(WORKSPACE, folder, { recursive: true });
        fs.writeFileSync(path.join(folder, 'newsls.toml'), config);
    }
    let output;
    try {
        output = execFileSync(NEWSLS, ['check', '--format', 'json', name], { cwd: folder, encoding: 'utf8' });
    } catch (error) {
        // Exit status 1: findings at or above the deny level; the JSON is on stdout all the same.
        if (error.status !== 1) {
            throw error;
        }
        output = error.stdout;
    } finally {
        if (folder !== WORKSPACE) {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    }
    const findings = output.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
    const severities = {};
    for (const finding of findings) {
        const shown = SHOWN_IN_PROBLEMS[finding.severity];
        if (shown !== undefined) {
            severities[shown] = (severities[shown] ?? 0) + 1;
        }
    }
    const count = Object.values(severities).reduce((sum, value) => sum + value, 0);
    return { count, severities, findings };
}

/** Waits until the Problems panel's rows for the article `name` (the seed by default) match `expected`, and returns them. */
async function problemsMatching(expected, timeoutMs = 30000, name = SEED) {
    return until(() => problemsOf(page, name), (shown) => shown.count === expected.count && JSON.stringify(sorted(shown.severities)) === JSON.stringify(sorted(expected.severities)), timeoutMs, 500);
}

function sorted(object) {
    return Object.fromEntries(Object.entries(object).sort());
}

/** The severities of the squiggles drawn in the active editor ("error", "warning", "info", "hint"). */
function squiggles() {
    return page.$$eval('.editor-group-container.active .monaco-editor .view-overlays div[class*="squiggly"]', (items) => items.map((item) => /squiggly-(\w+)/.exec(item.className)?.[1]));
}

/** The inlay hints drawn in the active editor. */
function inlayHints() {
    return page.$$eval('.editor-group-container.active .monaco-editor .view-lines [class*="dyn-rule"]', (items) => items.map((item) => item.textContent.trim()).filter(Boolean));
}

async function noteNotifications() {
    for (const text of await notificationTexts(page)) {
        notifications.add(text);
    }
}

/** The files under `folder` whose name `accept` likes. */
function findFiles(folder, accept) {
    if (!fs.existsSync(folder)) {
        return [];
    }
    return fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && accept(entry.name)).map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

function sha256(file) {
    return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

before(async () => {
    for (const [name, value] of Object.entries({ NEWSLS_E2E_SERVER: NEWSLS, NEWSLS_E2E_WORKSPACE: WORKSPACE, NEWSLS_E2E_DATA: DATA, NEWSLS_E2E_URL: process.env.NEWSLS_E2E_URL })) {
        assert.ok(value, `${name} is not set: run editors/test.sh vscode-e2e`);
    }
    baseSettings = JSON.parse(fs.readFileSync(path.join(DATA, 'User', 'settings.json'), 'utf8'));
    assert.ok(!Object.keys(baseSettings).some((key) => key.startsWith('newsls.')), 'the test must start from the default newsls settings');
    ({ browser, page } = await launch());
    await openWorkbench(page, WORKSPACE);
    await openFromExplorer(page, SEED);
});

after(async () => {
    if (page !== undefined) {
        await shot(page, 'end').catch(() => undefined);
    }
    await browser?.close();
});

test('diagnostics: the Problems panel lists for seed 003 what `newsls check` reports (default settings)', async () => {
    const expected = expectedProblems();
    assert.ok(expected.count > 0, 'newsls check found nothing to show in the Problems panel');
    const shown = await problemsMatching(expected);
    await shot(page, 'problems');
    console.log(`# Problems panel: ${JSON.stringify(shown.rows)}`);
    console.log(`# newsls check: ${expected.count} problems ${JSON.stringify(expected.severities)}`);
    assert.equal(shown.count, expected.count, `the Problems panel shows ${shown.count} problems for ${SEED}, newsls check reports ${expected.count}: ${JSON.stringify(shown.rows)}`);
    assert.deepEqual(sorted(shown.severities), sorted(expected.severities));
    const status = (await statusBar(page)).find((entry) => entry.startsWith('status.problems='));
    console.log(`# status bar: ${status}`);
});

test('diagnostics: the editor draws squiggles and inlay hints with resolved dates', async () => {
    await page.keyboard.press('Control+Shift+M'); // hide the Problems panel: more lines in view
    await goToLine(page, 16, 1);
    // Seed 003 has informations (its relative dates, line 16 among them) and hints; the warning
    // squiggle of an unattributed quote is checked on unattributed.txt in the annotation session.
    const drawn = await until(squiggles, (items) => items.includes('info'));
    const hints = await until(inlayHints, (items) => items.some((text) => /2021-12-1\d/.test(text)));
    await shot(page, 'squiggles-inlay-hints');
    console.log(`# squiggles: ${JSON.stringify(drawn)}; inlay hints: ${JSON.stringify(hints.slice(0, 6))}`);
    assert.ok(drawn.includes('info'), `no info squiggle (the relative dates) in the editor: ${JSON.stringify(drawn)}`);
    assert.ok(hints.some((text) => /2021-12-12/.test(text)), `no inlay hint with 2021-12-12: ${JSON.stringify(hints)}`);
});

test('hover: "on Sunday" in seed 003 shows 2021-12-12', async () => {
    const text = await hover(page, 'on ', 'Sunday');
    await shot(page, 'hover-sunday');
    await hideHover(page);
    console.log(`# hover: ${text}`);
    assert.match(text, /2021-12-12/);
});

test('outline: the Outline view shows the article\'s timeline', async () => {
    await runCommand(page, 'Explorer: Focus on Outline View');
    const rows = await until(
        () => page.$$eval('.outline-pane .monaco-list-row', (items) => items.map((item) => item.getAttribute('aria-label') || item.textContent)),
        (items) => items.some((row) => row.includes('2021-12-12')),
        20000,
    );
    await shot(page, 'outline');
    console.log(`# outline: ${JSON.stringify(rows)}`);
    // VS Code orders the Outline by position in the article; the events are named by their date.
    assert.ok(rows.some((row) => row.startsWith('2021-12-12 ') && /Sunday/.test(row)), `no 2021-12-12 "on Sunday" event in the Outline: ${JSON.stringify(rows)}`);
});

test('go to symbol: Ctrl+Shift+O lists the timeline\'s events', async () => {
    await focusEditor(page);
    await page.keyboard.press('Control+Shift+O');
    const rows = await until(
        () => page.$$eval('.quick-input-list .monaco-list-row', (items) => items.map((item) => item.getAttribute('aria-label') || item.textContent)),
        (items) => items.some((row) => row.includes('2021-12-12')),
        15000,
    );
    await shot(page, 'go-to-symbol');
    await page.keyboard.press('Escape');
    console.log(`# go to symbol: ${JSON.stringify(rows.slice(0, 8))}`);
    assert.ok(rows.some((row) => row.includes('2021-12-12')), `no 2021-12-12 symbol: ${JSON.stringify(rows)}`);
});

test('settings: newsls.rules changed in the settings editor takes effect without a restart', async () => {
    const config = fs.readFileSync(path.join(WORKSPACE, 'newsls.toml'), 'utf8');
    const expected = expectedProblems(`${config}\n[rules]\nrelative-date = "off"\n`);
    assert.notEqual(expected.count, expectedProblems().count, 'turning relative-date off changes nothing for newsls check: pick another rule');
    await setUserSettings(page, { ...baseSettings, 'newsls.rules': { 'relative-date': 'off' } });
    const shown = await problemsMatching(expected);
    await shot(page, 'rules-relative-date-off');
    console.log(`# relative-date off: Problems ${shown.count}, newsls check ${expected.count}`);
    assert.equal(shown.count, expected.count, JSON.stringify(shown.rows));
});

test('settings: newsls.publicationDate changed in the settings editor re-resolves "on Sunday"', async () => {
    await setUserSettings(page, { ...baseSettings, 'newsls.publicationDate': '2021-12-20' });
    await page.keyboard.press('Control+Shift+M');
    let text = '';
    // The hover is asked again until the re-analysis is in.
    for (let attempt = 0; attempt < 20 && !/2021-12-19/.test(text); attempt += 1) {
        text = await hover(page, 'on ', 'Sunday');
        await hideHover(page);
        if (!/2021-12-19/.test(text)) {
            await sleep(500);
        }
    }
    // The inlay hints follow too (VS Code asks for them again once the server re-analysed).
    const hints = await until(inlayHints, (items) => items.some((item) => /2021-12-19/.test(item)), 15000);
    await hover(page, 'on ', 'Sunday');
    await shot(page, 'publication-date-hover');
    await hideHover(page);
    console.log(`# hover with publicationDate 2021-12-20: ${text}`);
    console.log(`# inlay hints with publicationDate 2021-12-20: ${JSON.stringify(hints)}`);
    assert.match(text, /2021-12-19/, 'the Sunday before Monday 2021-12-20 is 2021-12-19');
    assert.doesNotMatch(text, /2021-12-12/);
    assert.ok(hints.some((item) => /2021-12-19/.test(item)), `the inlay hints still show the old dates: ${JSON.stringify(hints)}`);
    assert.ok(!hints.some((item) => /2021-12-12/.test(item)), `the inlay hints still show the old dates: ${JSON.stringify(hints)}`);
});

test('settings: back to the defaults, the findings are those of `newsls check` again', async () => {
    await setUserSettings(page, baseSettings);
    const expected = expectedProblems();
    const shown = await problemsMatching(expected);
    await shot(page, 'settings-restored');
    assert.equal(shown.count, expected.count, JSON.stringify(shown.rows));
});

/** Runs a lifecycle command while the user moves the cursor about (highlights and hovers in flight), and waits for "ready". */
async function lifecycleCommand(title) {
    await goToLine(page, 16, 60);
    await runCommand(page, title);
    // Requests race the stopping server: cursor moves ask for highlights, the mouse for hovers.
    for (let step = 0; step < 6; step += 1) {
        await page.keyboard.press(step % 2 === 0 ? 'ArrowDown' : 'ArrowRight');
        await sleep(150);
    }
    const status = await until(() => newslsStatus(page), (label) => /ready/.test(label), 30000);
    const expected = expectedProblems();
    const shown = await problemsMatching(expected);
    await sleep(1500); // an error notification from a failed request would show by now
    await noteNotifications();
    const errors = [...notifications].filter((text) => /error|failed|newsls/i.test(text));
    return { status, shown, expected, errors };
}

test('Re-index the workspace ends with a ready status, the findings back, and no error notification', async () => {
    const { status, shown, expected, errors } = await lifecycleCommand('newsls: Re-index the workspace');
    await shot(page, 'after-reindex');
    console.log(`# after re-index: ${status}; Problems ${shown.count}`);
    assert.match(status, /ready/);
    assert.equal(shown.count, expected.count);
    assert.deepEqual(errors, []);
});

test('Restart the language server ends with a ready status, the findings back, and no error notification', async () => {
    const { status, shown, expected, errors } = await lifecycleCommand('newsls: Restart the language server');
    await shot(page, 'after-restart');
    console.log(`# after restart: ${status}; Problems ${shown.count}`);
    assert.match(status, /ready/);
    assert.equal(shown.count, expected.count);
    assert.deepEqual(errors, []);
});

test('timeline: the webview draws the events in date order, and clicking one opens its article at the sentence', async () => {
    await runCommand(page, 'newsls: Show the corpus timeline');
    const frame = await webviewFrame(page, 'main#chart');
    await frame.locator('body[data-loaded="true"] ol.events li').first().waitFor({ timeout: 30000 });
    const rows = await frame.$$eval('ol.events li', (items) =>
        items.map((item) => ({
            start: item.getAttribute('data-start'),
            line: Number(item.getAttribute('data-line')),
            value: item.querySelector('.value')?.textContent,
            place: item.querySelector('.place')?.textContent,
            text: item.querySelector('.text')?.textContent,
        })),
    );
    const drawn = await frame.$$eval('svg.chart .event', (items) => items.length);
    const status = await frame.$eval('#status', (element) => element.textContent);
    await shot(page, 'timeline-webview');
    console.log(`# timeline (${status}; ${drawn} marks drawn):`);
    for (const row of rows) {
        console.log(`#   ${row.value} ${row.place} ${row.text}`);
    }
    assert.ok(rows.length > 0, 'the timeline lists no event');
    assert.ok(drawn > 0, 'the timeline draws no event');
    const starts = rows.map((row) => row.start);
    const resolved = starts.filter((start) => start !== '');
    assert.deepEqual(resolved, [...resolved].sort(), 'the events are not in date order');
    assert.deepEqual(starts.slice(0, resolved.length), resolved, 'an unresolved event comes before a resolved one');
    const sunday = rows.findIndex((row) => row.start === '2021-12-12' && row.place.startsWith(`${SEED}:`));
    assert.ok(sunday >= 0, `no 2021-12-12 event of ${SEED}: ${JSON.stringify(rows)}`);

    // Click the event's mark in the picture: the article opens with the sentence selected.
    await frame.locator(`svg.chart .event[data-index="${await frame.locator('ol.events li').nth(sunday).getAttribute('data-index')}"]`).first().click();
    await page.locator(`.tab.active[aria-label*="${SEED}"]`).first().waitFor({ timeout: 15000 });
    const selection = await until(
        async () => (await statusBar(page)).find((entry) => entry.startsWith('status.editor.selection=')) ?? '',
        (entry) => /selected/.test(entry),
        10000,
    );
    await shot(page, 'timeline-click-opens-article');
    console.log(`# after the click: ${selection}`);
    assert.match(selection, new RegExp(`Ln ${rows[sunday].line},`), `the cursor is not on the event's sentence (line ${rows[sunday].line})`);
    assert.match(selection, /selected/);
});

test(`annotation session: "Attribute to …" on the quote of ${UNATTRIBUTED} writes the sidecar and leaves the article byte-identical`, async () => {
    const article = path.join(WORKSPACE, UNATTRIBUTED);
    const hashBefore = sha256(article);
    const before = expectedProblems(undefined, UNATTRIBUTED);
    const quote = before.findings.find((finding) => finding.code === 'unattributed-quote');
    assert.ok(quote, `newsls check finds no unattributed quote in ${UNATTRIBUTED}`);
    assert.ok(!fs.existsSync(SIDECAR), 'the sidecar exists before the decision');
    // Into the first editor group (the one goToLine focuses, where the timeline webview is too)
    // through the seed's tab there.
    await page.locator(`.tab[aria-label*="${SEED}"]`).first().click();
    await openFromExplorer(page, UNATTRIBUTED);
    // The editor draws the quote's warning squiggle and the Problems panel lists what newsls check reports.
    const drawn = await until(squiggles, (items) => items.includes('warning'), 20000);
    console.log(`# squiggles in ${UNATTRIBUTED}: ${JSON.stringify(drawn)}`);
    assert.ok(drawn.includes('warning'), `no warning squiggle for the unattributed quote: ${JSON.stringify(drawn)}`);
    const listed = await problemsMatching(before, 30000, UNATTRIBUTED);
    assert.equal(listed.count, before.count, JSON.stringify(listed.rows));
    await goToLine(page, quote.line, quote.column + 1);
    await page.keyboard.press('Control+.');
    const actions = await until(
        () => page.$$eval('.action-widget .monaco-list-row', (items) => items.map((item) => item.getAttribute('aria-label') || item.textContent)),
        (items) => items.some((item) => /Attribute to/.test(item)),
        15000,
    );
    await shot(page, 'code-actions');
    console.log(`# code actions: ${JSON.stringify(actions)}`);
    // Anna Keller is the one person the article names.
    const attribute = actions.find((item) => /Attribute to Anna Keller/.test(item));
    assert.ok(attribute, `no "Attribute to Anna Keller" action: ${JSON.stringify(actions)}`);
    await page.locator(`.action-widget .monaco-list-row[aria-label="${attribute}"]`).first().click();
    // The sidecar is written through workspace/applyEdit; VS Code saves the files a code action edits.
    const written = await until(() => (fs.existsSync(SIDECAR) ? fs.readFileSync(SIDECAR, 'utf8') : ''), (text) => /quote-speaker/.test(text), 15000);
    await shot(page, 'sidecar-written');
    console.log(`# sidecar ${path.relative(WORKSPACE, SIDECAR)}: ${written.trim()}`);
    assert.match(written, /"decision":"quote-speaker"/);
    assert.equal(sha256(article), hashBefore, 'the article changed');
    const dirty = await page.locator(`.tab.dirty[aria-label*="${UNATTRIBUTED}"]`).count();
    assert.equal(dirty, 0, 'the article is modified in the editor');
    // The quote is attributed now, for newsls check and for the editor alike.
    const after = expectedProblems(undefined, UNATTRIBUTED);
    assert.equal(after.count, before.count - 1);
    assert.ok(!after.findings.some((finding) => finding.code === 'unattributed-quote'), JSON.stringify(after.findings));
    const shown = await problemsMatching(after, 30000, UNATTRIBUTED);
    assert.equal(shown.count, after.count, JSON.stringify(shown.rows));
});

test('newsls.trace.server: "verbose" logs the protocol to the newsls (trace) channel, where the settings pushed hold only the server\'s keys', async () => {
    const traced = () => findFiles(path.join(DATA, 'logs'), (name) => name.includes('newsls (trace)')).map((file) => fs.readFileSync(file, 'utf8')).join('');
    assert.doesNotMatch(traced(), /Sending request/, 'traced while the setting was off');
    await setUserSettings(page, { ...baseSettings, 'newsls.trace.server': 'verbose' });
    await page.locator(`.tab[aria-label*="${SEED}"]`).first().click();
    // Cursor moves make VS Code ask the server for highlights and code actions.
    const log = await until(
        async () => {
            await goToLine(page, 16, 45);
            await goToLine(page, 24, 5);
            return traced();
        },
        (text) => /Received response 'textDocument\//.test(text),
        20000,
        1000,
    );
    console.log(`# newsls (trace): ${log.split('\n').filter((line) => /textDocument/.test(line)).slice(0, 2).join(' | ')}`);
    assert.match(log, /Sending request 'textDocument\//);
    assert.match(log, /Received response 'textDocument\/[^']*' in \d+ms/);
    // A server setting changed: what goes to the server, as traced.
    await setUserSettings(page, { ...baseSettings, 'newsls.trace.server': 'verbose', 'newsls.rules': { boilerplate: 'off' } });
    const pushed = await until(
        () => [...traced().matchAll(/Sending notification 'workspace\/didChangeConfiguration'\.\s*Params: (\{[\s\S]*?\n\})/g)].map((match) => JSON.parse(match[1])),
        (list) => list.length > 0,
        15000,
    );
    await setUserSettings(page, baseSettings);
    console.log(`# didChangeConfiguration sent: ${JSON.stringify(pushed)}`);
    assert.ok(pushed.length > 0, 'no workspace/didChangeConfiguration traced after a newsls.rules change');
    for (const params of pushed) {
        const section = params.settings?.newsls;
        assert.ok(section !== undefined && section !== null, `not the newsls settings: ${JSON.stringify(params)}`);
        assert.deepEqual(Object.keys(section).filter((key) => !['rules', 'publicationDate', 'include'].includes(key)), [], `client keys sent to the server: ${JSON.stringify(section)}`);
        assert.notDeepEqual(section.include, [], 'an empty include list tells the server to index nothing');
        assert.notEqual(section.publicationDate, '', 'an empty publication date is not a date');
    }
    assert.deepEqual(pushed.at(-1).settings.newsls.rules, { boilerplate: 'off' });
});

test('logs: no error notification during the run, and the newsls output channel logged no error or warning', async () => {
    await noteNotifications();
    const log = newslsLog(DATA);
    console.log(`# newsls output channel:\n${log.trim().split('\n').map((line) => `#   ${line}`).join('\n')}`);
    assert.deepEqual([...notifications].filter((text) => /error|failed/i.test(text)), []);
    assert.ok(log.length > 0, 'the newsls output channel is empty');
    assert.doesNotMatch(log, /\[error\]/);
    // With default settings the server has nothing to warn about either (e.g. settings it does not know).
    assert.doesNotMatch(log, /\[warning\]/);
});
