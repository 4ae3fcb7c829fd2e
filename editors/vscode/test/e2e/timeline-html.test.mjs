// The page of `newsls timeline --format html` in a real browser: Debian's Chromium driven by
// playwright-core (the install of the vscode-e2e suite), the page opened from a file with every
// request outside file:// and 127.0.0.1 aborted and failing the test. What the page must show
// comes from `newsls timeline --format json` on the same files, never from numbers written here.
//
// The corpus is a copy of the seeds plus one article without a publication date, whose dates
// ("on Christmas Day", "on Tuesday", "in the spring") are not on the calendar: the JSON gives
// them `start: null`, the page lists them last and draws no mark for them.
//
// Started by editors/test.sh timeline-html, which sets NEWSLS_TIMELINE_SERVER (the binary),
// NEWSLS_TIMELINE_OUT (the page, the corpus and the screenshots go there) and NEWSLS_E2E_MODULES
// (the node_modules of the vscode-e2e install).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './workbench.mjs';

const NEWSLS = process.env.NEWSLS_TIMELINE_SERVER;
const OUT = process.env.NEWSLS_TIMELINE_OUT;
const SEEDS = path.join(import.meta.dirname, '..', '..', '..', '..', 'seeds');
const UNDATED = 'The mayor said on Tuesday that the bridge would reopen on Christmas Day.\n\nThe council, Joe Biden said, met on December 25 and again in the spring.\n';

let browser;
let page;
/** `newsls timeline --format json`: the events in the order the CLI gives them. */
let events;
/** Requests the page attempted outside file:// and 127.0.0.1 (each one aborted). */
const foreignRequests = [];
/** Console errors and uncaught exceptions of the page. */
const pageErrors = [];

function allowed(url) {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' || (/^https?:$/.test(parsed.protocol) && parsed.hostname === '127.0.0.1');
}

function names(event) {
    return event.entities.map((entity) => entity.name);
}

async function screenshot(name) {
    const file = path.join(OUT, 'shots', `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`# screenshot ${file}`);
    return file;
}

before(async () => {
    assert.ok(NEWSLS && OUT && process.env.NEWSLS_E2E_MODULES, 'run editors/test.sh timeline-html');
    const corpus = path.join(OUT, 'corpus');
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(corpus, { recursive: true });
    fs.mkdirSync(path.join(OUT, 'shots'));
    for (const name of fs.readdirSync(SEEDS).filter((name) => name.endsWith('.txt'))) {
        fs.copyFileSync(path.join(SEEDS, name), path.join(corpus, name));
    }
    fs.writeFileSync(path.join(corpus, 'undated.txt'), UNDATED);
    const html = path.join(OUT, 'page.html');
    execFileSync(NEWSLS, ['timeline', corpus, '--format', 'html', '-o', html], { stdio: 'inherit' });
    events = JSON.parse(execFileSync(NEWSLS, ['timeline', corpus, '--format', 'json'], { encoding: 'utf8' })).events;
    console.log(`# ${html}: ${events.length} events, ${events.filter((event) => event.start === null).length} unresolved`);

    ({ browser, page } = await launch());
    page.on('request', (request) => {
        if (!allowed(request.url())) {
            foreignRequests.push(request.url());
        }
    });
    await page.context().route(/.*/, (route) => (allowed(route.request().url()) ? route.fallback() : route.abort()));
    page.on('console', (message) => {
        if (message.type() === 'error') {
            pageErrors.push(`console: ${message.text()}`);
        }
    });
    page.on('pageerror', (error) => pageErrors.push(`uncaught: ${error.message}`));
    await page.goto(pathToFileURL(html).href);
    await page.locator('tr.event-row').first().waitFor();
    await screenshot('timeline-page');
});

after(async () => {
    await browser?.close();
});

test('the JSON timeline is chronological: `start` never decreases, unresolved events (start null) last', () => {
    assert.ok(events.length > 0, 'no events');
    const unresolved = events.filter((event) => event.start === null).length;
    assert.ok(unresolved > 0 && unresolved < events.length, `${unresolved} of ${events.length} events unresolved: the corpus must have both kinds`);
    let seenNull = false;
    events.forEach((event, index) => {
        if (event.start === null) {
            seenNull = true;
            return;
        }
        assert.ok(!seenNull, `event ${index} (${event.value}, start ${event.start}) comes after an unresolved one`);
        assert.match(event.start, /^\d{4}-\d{2}-\d{2}$/);
        if (index > 0) {
            assert.ok(events[index - 1].start <= event.start, `event ${index} starts ${event.start}, before event ${index - 1} (${events[index - 1].start})`);
        }
    });
});

test('the chart draws one a.event per event with days (start not null), none for the unresolved ones', async () => {
    const marks = await page.$$eval('#chart a.event', (items) => items.map((item) => ({ href: item.getAttribute('href'), value: item.dataset.value, entities: item.dataset.entities })));
    const placed = events.map((event, index) => ({ event, index })).filter(({ event }) => event.start !== null);
    console.log(`# ${marks.length} marks, ${placed.length} JSON events with a start`);
    assert.equal(marks.length, placed.length, `the chart has ${marks.length} marks, the JSON ${placed.length} events with days`);
    // Each mark links to its row: the same event, with the JSON's value and entities.
    assert.deepEqual(
        marks.map((mark) => mark.href).sort(),
        placed.map(({ index }) => `#e${index}`).sort(),
    );
    for (const mark of marks) {
        const event = events[Number(mark.href.slice(2))];
        assert.equal(mark.value, event.value, `mark ${mark.href}`);
        assert.equal(mark.entities, names(event).join('|'), `mark ${mark.href}`);
    }
    // Drawn: each mark has a box on the page.
    const boxes = await page.$$eval('#chart a.event', (items) => items.map((item) => item.getBoundingClientRect()).filter((box) => box.width > 0 && box.height > 0).length);
    assert.equal(boxes, marks.length, 'a mark has no size on the page');
});

test('the table lists every event, in the JSON order: the first cell is the TIMEX3 value', async () => {
    const rows = await page.$$eval('tr.event-row', (items) => items.map((item) => ({ id: item.id, value: item.cells[0].textContent, entities: item.dataset.entities })));
    assert.equal(rows.length, events.length, `the table has ${rows.length} rows, the JSON ${events.length} events`);
    assert.deepEqual(rows.map((row) => row.value), events.map((event) => event.value));
    assert.deepEqual(rows.map((row) => row.id), events.map((_, index) => `e${index}`));
    assert.deepEqual(rows.map((row) => row.entities), events.map((event) => names(event).join('|')));
});

test('the entity filter hides the rows without the entity, keeps the others and dims their marks', async () => {
    // Two entities mentioned by some events but not all, the most frequent ones: the first one
    // also mentioned by an unresolved event, so a row without a mark is kept too.
    const counts = new Map();
    for (const event of events) {
        for (const name of new Set(names(event))) {
            counts.set(name, (counts.get(name) ?? 0) + 1);
        }
    }
    const frequent = [...counts].filter(([, count]) => count < events.length).sort((a, b) => b[1] - a[1]).map(([name]) => name);
    const inUnresolved = frequent.find((name) => events.some((event) => event.start === null && names(event).includes(name)) && events.some((event) => event.start !== null && names(event).includes(name)));
    assert.ok(inUnresolved, 'no entity is mentioned by both a resolved and an unresolved event');
    const chosen = [inUnresolved, frequent.find((name) => name !== inUnresolved)];
    assert.ok(chosen[1], `entities: ${JSON.stringify(frequent)}`);
    const options = await page.$$eval('#entity option', (items) => items.map((item) => item.value));
    for (const name of chosen) {
        assert.ok(options.includes(name), `no option for ${name}`);
        await page.selectOption('#entity', name);
        const expected = events.map((event) => names(event).includes(name));
        const rows = await page.$$eval('tr.event-row', (items) => items.map((item) => ({ hidden: item.classList.contains('hidden'), shown: item.getClientRects().length > 0 })));
        const marks = await page.$$eval('#chart a.event', (items) => items.map((item) => ({ index: Number(item.getAttribute('href').slice(2)), dimmed: item.classList.contains('dimmed') })));
        const kept = expected.filter(Boolean).length;
        console.log(`# ${name}: ${rows.filter((row) => row.shown).length} rows shown, the JSON has ${kept} events with it (of ${events.length})`);
        assert.ok(kept > 0 && kept < events.length);
        assert.deepEqual(rows.map((row) => !row.hidden), expected, `rows kept for ${name}`);
        assert.deepEqual(rows.map((row) => row.shown), expected, `rows on screen for ${name}`);
        for (const mark of marks) {
            assert.equal(mark.dimmed, !expected[mark.index], `mark #e${mark.index} for ${name}`);
        }
        if (name === chosen[0]) {
            await screenshot(`timeline-page-${name.replace(/\W+/g, '-')}`);
        }
    }
    await page.selectOption('#entity', '');
    assert.equal(await page.locator('tr.event-row.hidden').count(), 0, 'rows still hidden with "every entity"');
    assert.equal(await page.locator('#chart a.event.dimmed').count(), 0, 'marks still dimmed with "every entity"');
});

test('no request left file:// and 127.0.0.1, and the page logged no error', () => {
    assert.deepEqual(foreignRequests, [], 'requests outside file:// and 127.0.0.1');
    assert.deepEqual(pageErrors, []);
});
