// The extension's pure helpers, compiled (out/*.js), under plain Node: the settings the server
// gets, the answer to workspace/configuration, the level of stderr lines, the `newsls/timeline`
// result, and the timeline picture (axis, lanes, rows, filter, escaping).
// Run with `node --test test/chart.test.mjs` after `tsc -p .`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const protocol = require('../out/protocol.js');
const chart = require('../out/timelineChart.js');

const range = (line, character = 0, length = 5) => ({ start: { line, character }, end: { line, character: character + length } });

function event(value, start, end, uri, line, entities = [], extra = {}) {
    return { value, start, end, granularity: start === null ? 'unresolved' : 'day', text: `text ${value}`, summary: `summary ${value}`, uri, range: range(line, 3), sentenceRange: range(line), entities, ...extra };
}

test('settings: the raw `newsls` section of VS Code becomes the server\'s settings only', () => {
    // What vscode-languageclient sent with synchronize.configurationSection (issue 15).
    const raw = { enable: false, server: { path: '', extraArgs: [] }, rules: {}, publicationDate: '', include: [], trace: { server: 'off' } };
    assert.deepEqual(protocol.serverSettingsFrom(raw), { rules: {}, publicationDate: null });
    assert.deepEqual(protocol.serverSettingsFrom({ rules: { 'relative-date': 'off', bad: 3 }, publicationDate: ' 2021-12-20 ', include: ['corpus/**/*.txt', ''] }), {
        rules: { 'relative-date': 'off' },
        publicationDate: '2021-12-20',
        include: ['corpus/**/*.txt'],
    });
    assert.deepEqual(protocol.didChangeConfigurationParams({ rules: {}, publicationDate: null }), { settings: { newsls: { rules: {}, publicationDate: null } } });
});

test('settings: workspace/configuration gets the server\'s settings for `newsls`, the editor\'s answer for other sections', () => {
    const settings = { rules: { boilerplate: 'off' }, publicationDate: null };
    const scopes = [];
    const answer = protocol.answerConfiguration(
        [{ section: 'newsls', scopeUri: 'file:///corpus/a.txt' }, { section: 'editor' }, { section: 'newsls' }],
        (scope) => {
            scopes.push(scope);
            return settings;
        },
        [{ enable: false, include: [] }, { tabSize: 4 }, { enable: false }],
    );
    assert.deepEqual(answer, [settings, { tabSize: 4 }, settings]);
    assert.deepEqual(scopes, ['file:///corpus/a.txt', undefined]);
});

test('stderr: lines that say something failed are errors, the rest warnings', () => {
    assert.equal(protocol.stderrLevel("thread 'main' panicked at src/lsp/server.rs:12:5"), 'error');
    assert.equal(protocol.stderrLevel('newsls: workspace/configuration failed: timeout'), 'error');
    assert.equal(protocol.stderrLevel('newsls: unknown setting `enable` ignored'), 'warn');
});

test('newsls/timeline: the result is read entry by entry, in the server\'s order, malformed entries left out', () => {
    const good = event('2021-12-12', '2021-12-12', '2021-12-12', 'file:///a.txt', 15, [{ name: 'Antony Blinken', kind: 'person' }]);
    const unresolved = event('XXXX-12-12', null, null, 'file:///a.txt', 20);
    const events = protocol.parseTimelineResult({ events: [good, { value: 3 }, null, { ...good, range: undefined }, unresolved] });
    assert.equal(events.length, 2);
    assert.deepEqual(events[0], good);
    assert.equal(events[1].start, null);
    assert.equal(events[1].end, null);
    assert.deepEqual(protocol.parseTimelineResult(null), []);
    assert.deepEqual(protocol.parseTimelineResult({ events: 'x' }), []);
    assert.deepEqual(protocol.timelineParams(), {});
    assert.deepEqual(protocol.timelineParams('file:///a.txt'), { textDocument: { uri: 'file:///a.txt' } });
});

test('workspace/symbol fallback: values become spans, in the request\'s order (unresolved last)', () => {
    const symbol = (name, uri, line) => ({ name, containerName: 'timeline', kind: 24, location: { uri, range: range(line) } });
    const events = protocol.timelineFromWorkspaceSymbols([
        symbol('2021-W49 last week', 'file:///b.txt', 1),
        symbol('2021-12 in December', 'file:///a.txt', 2),
        symbol('2021-12-12 on Sunday', 'file:///a.txt', 3),
        { name: 'Antony Blinken', containerName: 'entities', location: { uri: 'file:///a.txt', range: range(0) } },
        symbol('2021 this year', 'file:///a.txt', 4),
    ]);
    assert.deepEqual(events.map((e) => [e.value, e.start, e.end]), [
        ['2021', '2021-01-01', '2021-12-31'],
        ['2021-12', '2021-12-01', '2021-12-31'],
        ['2021-12-12', '2021-12-12', '2021-12-12'],
        ['2021-W49', null, null],
    ]);
    assert.equal(events[2].summary, 'on Sunday');
    assert.equal(protocol.renderTimelineLine(events[2], 'a.txt'), '2021-12-12  a.txt:4  on Sunday');
    assert.equal(protocol.timelineLinkFragment(events[2]), 'L4,1');
});

test('axis: ticks on calendar units, fewer than the limit, inside the span', () => {
    const weeks = chart.axisTicks(protocol.dayNumber('2021-11-20'), protocol.dayNumber('2022-01-20'));
    assert.equal(weeks[0].label, '2021-11-22', 'weekly ticks fall on Mondays');
    assert.ok(weeks.length <= 10 && weeks.every((tick, index) => index === 0 || tick.day - weeks[index - 1].day === 7), JSON.stringify(weeks));
    const months = chart.axisTicks(protocol.dayNumber('2021-06-15'), protocol.dayNumber('2022-01-20'));
    assert.deepEqual(months.map((tick) => tick.label), ['2021-07', '2021-08', '2021-09', '2021-10', '2021-11', '2021-12', '2022-01']);
    assert.equal(months[0].day, protocol.dayNumber('2021-07-01'));
    const years = chart.axisTicks(protocol.dayNumber('2014-01-01'), protocol.dayNumber('2023-06-01'));
    assert.ok(years.length <= 10 && years.length >= 5, JSON.stringify(years));
    assert.ok(years.every((tick) => /^\d{4}$/.test(tick.label)));
    const days = chart.axisTicks(protocol.dayNumber('2021-12-06'), protocol.dayNumber('2021-12-09'));
    assert.deepEqual(days.map((tick) => tick.label), ['2021-12-06', '2021-12-07', '2021-12-08', '2021-12-09']);
    assert.equal(protocol.dayString(protocol.dayNumber('2024-02-29')), '2024-02-29');
});

test('lanes: marks of the same days go to separate lanes, marks apart share one', () => {
    const placed = chart.placeMarks([
        { x1: 100, x2: 112 },
        { x1: 100, x2: 112 },
        { x1: 105, x2: 117 },
        { x1: 200, x2: 212 },
    ]);
    assert.deepEqual(placed.map((mark) => mark.lane), [0, 1, 2, 0]);
});

test('picture: one row per article, marks clickable by index, unresolved events listed but not drawn', () => {
    const events = [
        event('2021-12-06', '2021-12-06', '2021-12-12', 'file:///b.txt', 2, [{ name: 'Kremlin', kind: 'organization' }]),
        event('2021-12-12', '2021-12-12', '2021-12-12', 'file:///a.txt', 15, [{ name: 'Antony Blinken', kind: 'person' }, { name: 'Kremlin', kind: 'organization' }]),
        event('2021-12-12', '2021-12-12', '2021-12-12', 'file:///a.txt', 23),
        event('XXXX', null, null, 'file:///a.txt', 30),
    ];
    const labelOf = (uri) => uri.slice('file:///'.length);
    const drawn = chart.renderTimelineChart(events, { rowMode: 'article', entity: null, labelOf });
    assert.equal(drawn.total, 4);
    assert.equal(drawn.shown, 4);
    assert.deepEqual([...drawn.html.matchAll(/class="row-label"[^>]*><title>([^<]*)</g)].map((match) => match[1]), ['b.txt', 'a.txt']);
    assert.deepEqual([...drawn.html.matchAll(/<g class="event [^"]*" data-index="(\d+)" data-lane="(\d+)"/g)].map((match) => [Number(match[1]), Number(match[2])]), [[0, 0], [1, 0], [2, 1]]);
    assert.match(drawn.html, /<rect /, 'a week-long event is a bar');
    assert.deepEqual([...drawn.html.matchAll(/<li class="event-row [^"]*" data-index="(\d+)" data-start="([^"]*)"/g)].map((match) => [Number(match[1]), match[2]]), [[0, '2021-12-06'], [1, '2021-12-12'], [2, '2021-12-12'], [3, '']]);
    assert.match(drawn.html, /XXXX \(unresolved\)/);
    assert.deepEqual(drawn.entities.map((entity) => [entity.name, entity.count]), [['Kremlin', 2], ['Antony Blinken', 1]]);
});

test('picture: one row per entity, and the entity filter', () => {
    const events = [
        event('2021-12-06', '2021-12-06', '2021-12-06', 'file:///b.txt', 2, [{ name: 'Kremlin', kind: 'organization' }]),
        event('2021-12-12', '2021-12-12', '2021-12-12', 'file:///a.txt', 15, [{ name: 'Antony Blinken', kind: 'person' }, { name: 'Kremlin', kind: 'organization' }]),
        event('2021-12-13', '2021-12-13', '2021-12-13', 'file:///a.txt', 23),
    ];
    const labelOf = (uri) => uri;
    const byEntity = chart.renderTimelineChart(events, { rowMode: 'entity', entity: null, labelOf });
    assert.deepEqual([...byEntity.html.matchAll(/class="row-label"[^>]*><title>([^<]*)</g)].map((match) => match[1]), ['Kremlin', 'Antony Blinken', '(no entity)']);
    const filtered = chart.renderTimelineChart(events, { rowMode: 'article', entity: 'Antony Blinken', labelOf });
    assert.equal(filtered.shown, 1);
    assert.deepEqual([...filtered.html.matchAll(/<li class="event-row [^"]*" data-index="(\d+)"/g)].map((match) => Number(match[1])), [1]);
    assert.equal(chart.renderTimelineChart([], { rowMode: 'article', entity: null, labelOf }).total, 0);
});

test('picture: text from the articles is escaped', () => {
    const hostile = event('2021-12-12', '2021-12-12', '2021-12-12', 'file:///a.txt', 1, [{ name: '<img src=x onerror=alert(1)>', kind: 'person' }], {
        summary: '"</text><script>alert(1)</script>',
        text: "it's <b>",
    });
    const { html } = chart.renderTimelineChart([hostile], { rowMode: 'entity', entity: null, labelOf: () => 'a&b.txt' });
    assert.doesNotMatch(html, /<script|<img|<b>/);
    assert.match(html, /&lt;script&gt;/);
    assert.match(html, /a&amp;b\.txt/);
});
