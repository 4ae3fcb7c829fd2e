// Drives the newsls binary bundled with the extension (`server/newsls`) over stdio the way VS
// Code does, with VS Code's client capabilities and UTF-16 positions, on seed article 003 (and,
// for an unattributed quotation, which seed 003 has none of, on tests/fixtures/unattributed.txt).
//
// Run with `node --test test/protocol.test.mjs` after `editors/test.sh` has copied the binary;
// NEWSLS_SERVER overrides which binary runs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer, sliceRange, positionOf } from './client.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, '..', '..', '..');
const serverPath = process.env.NEWSLS_SERVER ?? path.join(here, '..', 'server', 'newsls');
const SEED = '003_c60e1d219ac2aa0a.txt';
/** An article whose one quotation has no speaker (tests/fixtures/unattributed.txt), copied beside the seeds. */
const UNATTRIBUTED = 'unattributed.txt';
const UNATTRIBUTED_QUOTE = 'We will not stop until every family';

const DIAGNOSTIC_SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 };

let workspace;
let session;
let seedText;
let seedUri;
let unattributedText;
let unattributedUri;
const stderrLog = [];

/** The article as an annotator would have it, with an emoji before "Click here!" so UTF-16 and code-point columns differ. */
const EMOJI_NAME = 'emoji.news.txt';
let emojiText;
let emojiUri;

before(async () => {
    assert.ok(fs.existsSync(serverPath), `no server binary at ${serverPath}: run editors/test.sh, or set NEWSLS_SERVER`);
    // A private copy of the seeds, so that whatever the server indexes or caches stays out of the repository.
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'newsls-vscode-'));
    for (const name of fs.readdirSync(path.join(repository, 'seeds'))) {
        if (name.endsWith('.txt')) {
            fs.copyFileSync(path.join(repository, 'seeds', name), path.join(workspace, name));
        }
    }
    fs.copyFileSync(path.join(repository, 'tests', 'fixtures', 'unattributed.txt'), path.join(workspace, UNATTRIBUTED));
    fs.writeFileSync(path.join(workspace, 'newsls.toml'), '# newsls settings for the test corpus\n');
    unattributedText = fs.readFileSync(path.join(workspace, UNATTRIBUTED), 'utf8');
    unattributedUri = pathToFileURL(path.join(workspace, UNATTRIBUTED)).href;
    seedText = fs.readFileSync(path.join(workspace, SEED), 'utf8');
    seedUri = pathToFileURL(path.join(workspace, SEED)).href;
    emojiText = seedText.replace('" Click here!', '" \u{1F5DE}\u{FE0F} Click here!');
    assert.notEqual(emojiText, seedText, 'the seed no longer has "… Click here!"; update the test');
    fs.writeFileSync(path.join(workspace, EMOJI_NAME), emojiText);
    emojiUri = pathToFileURL(path.join(workspace, EMOJI_NAME)).href;

    session = await startServer(serverPath, workspace, { stderrLog });
    for (const [uri, languageId, text] of [
        [seedUri, 'plaintext', seedText],
        [emojiUri, 'news', emojiText],
        [unattributedUri, 'plaintext', unattributedText],
    ]) {
        session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    }
});

after(() => {
    // The shutdown test stops the server; this only cleans up if an earlier step failed.
    if (session !== undefined && session.child.exitCode === null) {
        session.child.kill('SIGKILL');
    }
    if (workspace !== undefined) {
        fs.rmSync(workspace, { recursive: true, force: true });
    }
});

test('initialize: the server announces diagnostics, hover, definition and document symbols in UTF-16', () => {
    const capabilities = session.initializeResult.capabilities;
    assert.ok(capabilities.textDocumentSync !== undefined, 'textDocumentSync');
    assert.ok(capabilities.hoverProvider, 'hoverProvider');
    assert.ok(capabilities.definitionProvider, 'definitionProvider');
    assert.ok(capabilities.documentSymbolProvider, 'documentSymbolProvider');
    // VS Code offered only UTF-16, so the server must use it (an absent field means UTF-16).
    assert.ok([undefined, 'utf-16'].includes(capabilities.positionEncoding), `positionEncoding ${capabilities.positionEncoding}`);
    assert.equal(session.initializeResult.serverInfo?.name, 'newsls');
});

test('diagnostics: boilerplate lines of seed 003 are hints whose ranges cover exactly the line', async () => {
    const isRegister = (diagnostic) => diagnostic.code === 'boilerplate' && sliceRange(seedText, diagnostic.range) === 'Register for FREE';
    const diagnostics = await session.waitForDiagnostics(seedUri, (list) => list.some(isRegister));
    const register = diagnostics.find(isRegister);
    assert.equal(register.severity, DIAGNOSTIC_SEVERITY.hint);
    assert.equal(register.source, 'newsls');
    const cookie = diagnostics.find((diagnostic) => diagnostic.code === 'boilerplate' && sliceRange(seedText, diagnostic.range).startsWith('This website uses cookie or similar technologies'));
    assert.ok(cookie, `no boilerplate diagnostic on the cookie notice: ${JSON.stringify(diagnostics.map((d) => [d.code, sliceRange(seedText, d.range)]))}`);
    for (const diagnostic of diagnostics) {
        assert.equal(typeof diagnostic.message, 'string');
        assert.ok(diagnostic.message.length > 0, 'empty message');
    }
});

test('diagnostics: columns are UTF-16 code units (an emoji before "Click here!" counts as two)', async () => {
    // The promo line is one boilerplate finding (seeds/gold.json): its range ends at the end of
    // the line, which is one column further in UTF-16 than in code points because of the emoji.
    const line = positionOf(emojiText, 'Click here!').line;
    const lineText = emojiText.split(/\r\n|\r|\n/)[line];
    assert.notEqual(lineText.length, [...lineText].length, 'the line is as long in UTF-16 as in code points');
    const isPromo = (diagnostic) => diagnostic.code === 'boilerplate' && diagnostic.range.start.line === line;
    const diagnostics = await session.waitForDiagnostics(emojiUri, (list) => list.some(isPromo), 20000).catch((error) => {
        const seen = (session.diagnosticsByUri.get(emojiUri) ?? []).map((d) => [d.code, d.range, sliceRange(emojiText, d.range)]);
        throw new Error(`${error.message}\nranges as sliced in UTF-16: ${JSON.stringify(seen)}`);
    });
    const promo = diagnostics.find(isPromo);
    assert.deepEqual(
        promo.range,
        { start: { line, character: 0 }, end: { line, character: lineText.length } },
        `the line is ${lineText.length} UTF-16 code units, ${[...lineText].length} code points long`,
    );
    assert.equal(sliceRange(emojiText, promo.range), lineText);
});

test(`diagnostics: the quote of ${UNATTRIBUTED} with no speaker is an unattributed-quote warning`, async () => {
    const isUnattributed = (diagnostic) => diagnostic.code === 'unattributed-quote' && sliceRange(unattributedText, diagnostic.range).includes(UNATTRIBUTED_QUOTE);
    const diagnostics = await session.waitForDiagnostics(unattributedUri, (list) => list.some(isUnattributed)).catch((error) => {
        const seen = (session.diagnosticsByUri.get(unattributedUri) ?? []).map((d) => [d.code, sliceRange(unattributedText, d.range)]);
        throw new Error(`${error.message}\ndiagnostics of ${UNATTRIBUTED}: ${JSON.stringify(seen)}`);
    });
    assert.equal(diagnostics.find(isUnattributed).severity, DIAGNOSTIC_SEVERITY.warning);
});

test('diagnostics: seed 003\'s quote-marked promo is one boilerplate hint and nothing else, and its attributed quotes are not flagged', async () => {
    const PROMO = '"Exciting news! Mid-day is now on WhatsApp';
    const isPromo = (diagnostic) => diagnostic.code === 'boilerplate' && sliceRange(seedText, diagnostic.range).startsWith(PROMO);
    const diagnostics = await session.waitForDiagnostics(seedUri, (list) => list.some(isPromo));
    assert.equal(diagnostics.find(isPromo).severity, DIAGNOSTIC_SEVERITY.hint);
    // seeds/gold.json: the promo is page boilerplate, so nothing is found inside it (no quote, no date).
    const promoLine = positionOf(seedText, PROMO).line;
    const onPromo = diagnostics.filter((diagnostic) => diagnostic.range.start.line <= promoLine && promoLine <= diagnostic.range.end.line);
    assert.deepEqual(onPromo.map((diagnostic) => diagnostic.code), ['boilerplate'], JSON.stringify(onPromo));
    // Quotes the gold file attributes must not be flagged.
    for (const attributed of ['What we are looking to see from Russia', 'pretty unlikely']) {
        assert.ok(
            !diagnostics.some((diagnostic) => diagnostic.code === 'unattributed-quote' && sliceRange(seedText, diagnostic.range).includes(attributed)),
            `"${attributed}" is attributed to Antony Blinken in seeds/gold.json`,
        );
    }
});

/** Hover text as a plain string, whatever form the server chose. */
function hoverText(hover) {
    const contents = hover?.contents;
    if (contents === undefined) {
        return '';
    }
    const parts = Array.isArray(contents) ? contents : [contents];
    return parts.map((part) => (typeof part === 'string' ? part : part.value)).join('\n');
}

test('hover: "Sunday" resolves to 2021-12-12 against the publication date 2021-12-13', async () => {
    const hover = await session.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: seedUri },
        position: positionOf(seedText, 'Sunday said'),
    });
    assert.match(hoverText(hover), /2021-12-12/);
});

test('hover: a later "Blinken" names the entity Antony Blinken', async () => {
    const position = positionOf(seedText, 'said Blinken');
    position.character += 'said '.length + 2;
    const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: seedUri }, position });
    assert.match(hoverText(hover), /Antony Blinken/);
});

test('definition: a later "Blinken" jumps to the first "Antony Blinken" of the article text', async () => {
    const position = positionOf(seedText, 'added Blinken');
    position.character += 'added '.length + 1;
    const result = await session.connection.sendRequest('textDocument/definition', { textDocument: { uri: seedUri }, position });
    const targets = (Array.isArray(result) ? result : result === null ? [] : [result]).map((location) =>
        'targetUri' in location ? { uri: location.targetUri, range: location.targetSelectionRange } : location,
    );
    assert.ok(targets.length > 0, 'no definition');
    assert.equal(targets[0].uri, seedUri);
    assert.equal(sliceRange(seedText, targets[0].range), 'Antony Blinken');
    // Line 3 is the breadcrumb (boilerplate, not analysed); the headline on line 5 is the first mention in the article.
    assert.ok(targets[0].range.start.line <= positionOf(seedText, 'Antony Blinken on Sunday').line, 'the definition is after the first full mention');
});

test('document symbols: the request succeeds and returns hierarchical symbols with valid ranges', async () => {
    const symbols = await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: seedUri } });
    assert.ok(Array.isArray(symbols), `documentSymbol returned ${JSON.stringify(symbols)}`);
    const lineCount = seedText.split(/\r\n|\r|\n/).length;
    const visit = (symbol) => {
        assert.equal(typeof symbol.name, 'string');
        assert.ok(symbol.range.end.line < lineCount, `range past the end: ${JSON.stringify(symbol.range)}`);
        // VS Code requires the selection range to lie inside the full range.
        assert.ok(symbol.selectionRange === undefined || compare(symbol.selectionRange.start, symbol.range.start) >= 0, `selectionRange outside range in ${symbol.name}`);
        (symbol.children ?? []).forEach(visit);
    };
    symbols.forEach(visit);
});

test('document symbols: the outline lists the entity Antony Blinken and the date "on Sunday"', async () => {
    const symbols = await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: seedUri } });
    const names = [];
    const collect = (symbol) => {
        names.push(symbol.name);
        (symbol.children ?? []).forEach(collect);
    };
    symbols.forEach(collect);
    assert.ok(names.some((name) => name.includes('Antony Blinken')), `no Antony Blinken in ${JSON.stringify(names)}`);
    assert.ok(names.some((name) => name.includes('2021-12-12') || /Sunday/.test(name)), `no Sunday date in ${JSON.stringify(names)}`);
});

test('timeline: newsls/timeline gives the workspace\'s dated events in date order, with 2021-12-12 of seed 003', async () => {
    // The workspace index fills in the background; the open seed is in it once analysed.
    const deadline = Date.now() + 20000;
    let result;
    const isSunday = (event) => event.start === '2021-12-12' && event.uri === seedUri && /Sunday/.test(event.text);
    while (Date.now() < deadline) {
        result = await session.connection.sendRequest('newsls/timeline', {});
        if ((result?.events ?? []).some(isSunday)) {
            break;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const events = result?.events ?? [];
    const sunday = events.find(isSunday);
    assert.ok(sunday, `no 2021-12-12 "on Sunday" event of ${SEED}: ${JSON.stringify(result).slice(0, 2000)}`);
    assert.equal(sunday.value, '2021-12-12');
    assert.equal(sunday.end, '2021-12-12');
    assert.equal(sliceRange(seedText, sunday.range), sunday.text);
    assert.ok(sliceRange(seedText, sunday.sentenceRange).includes(sunday.text), 'the sentence range does not hold the date');
    assert.ok(sunday.entities.some((entity) => entity.name === 'Antony Blinken' && entity.kind === 'person'), JSON.stringify(sunday.entities));
    // Chronological by start, then end; unresolved (start null) last; every indexed seed is there.
    const resolved = events.filter((event) => event.start !== null);
    assert.deepEqual(events.slice(0, resolved.length), resolved, 'an unresolved event comes before a resolved one');
    const keys = resolved.map((event) => `${event.start}/${event.end}`);
    assert.deepEqual(keys, [...keys].sort(), 'the events are not in date order');
    assert.ok(new Set(events.map((event) => event.uri)).size >= 3, 'the workspace timeline holds fewer than three articles');
    // One document only: its events and no other's.
    const one = await session.connection.sendRequest('newsls/timeline', { textDocument: { uri: seedUri } });
    assert.ok(one.events.length > 0 && one.events.every((event) => event.uri === seedUri), JSON.stringify(one).slice(0, 500));
});

test('timeline view: the extension\'s own code (out/) reads the answer and draws it, each mark opening its event', async () => {
    // protocol.ts and timelineChart.ts import nothing from vscode, so their compiled form runs here as in the extension.
    const require = createRequire(import.meta.url);
    const { parseTimelineResult, timelineParams, renderTimelineLine, timelineLinkFragment } = require('../out/protocol.js');
    const { renderTimelineChart } = require('../out/timelineChart.js');
    const events = parseTimelineResult(await session.connection.sendRequest('newsls/timeline', timelineParams()));
    const sunday = events.findIndex((event) => event.start === '2021-12-12' && event.uri === seedUri);
    assert.ok(sunday >= 0, 'no 2021-12-12 event of seed 003');
    const { html, total, entities } = renderTimelineChart(events, { rowMode: 'article', entity: null, labelOf: (uri) => path.basename(new URL(uri).pathname) });
    assert.equal(total, events.length);
    assert.match(html, new RegExp(`<g class="event [^"]*" data-index="${sunday}"`), 'the event is not drawn');
    assert.ok(entities.some((entity) => entity.name === 'Antony Blinken'), 'Antony Blinken is not offered in the entity filter');
    const line = renderTimelineLine(events[sunday], SEED);
    assert.ok(line.startsWith(`2021-12-12  ${SEED}:${events[sunday].range.start.line + 1}  `), line);
    // The link fragment puts the cursor on the date (1-based line and column).
    const [, lineNumber, column] = timelineLinkFragment(events[sunday]).match(/^L(\d+),(\d+)$/);
    assert.match(seedText.split('\n')[Number(lineNumber) - 1].slice(Number(column) - 1), /^(on |On )?Sunday/);
});

test('shutdown: the server answers shutdown and exits with status 0 on exit', async () => {
    const status = await session.shutdown();
    assert.equal(status, 0, `server exited with ${status}; stderr:\n${stderrLog.join('')}`);
});

function compare(left, right) {
    return left.line - right.line || left.character - right.character;
}
