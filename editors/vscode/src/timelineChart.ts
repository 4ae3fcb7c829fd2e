// The timeline as a picture: lays the dated events out on a date axis, one row per article or
// one per entity, and draws them as SVG, with a chronological list of the same events below.
//
// Pure (no `vscode` import): the webview panel (timelinePanel.ts) posts the HTML this returns to
// the webview, and the tests run it under plain Node. Every text from an article is escaped.

import { TimelineEvent, dayNumber, dayString } from './protocol';

export type RowMode = 'article' | 'entity';

export interface ChartOptions {
    rowMode: RowMode;
    /** Only the events whose sentence mentions this entity; null: all events. */
    entity: string | null;
    /** The name shown for an article (e.g. its path relative to the workspace). */
    labelOf: (uri: string) => string;
    /** Width of the drawing in SVG units (it is scaled to the view). */
    width?: number;
}

export interface ChartEntity {
    name: string;
    kind: string;
    /** How many events mention it. */
    count: number;
}

export interface Chart {
    html: string;
    /** The entities of all events, most mentioned first, for the filter. */
    entities: ChartEntity[];
    /** Events drawn or listed under the current filter. */
    shown: number;
    total: number;
}

export interface Tick {
    day: number;
    label: string;
}

const LABEL_WIDTH = 190;
const RIGHT_MARGIN = 24;
const AXIS_HEIGHT = 34;
const LANE_HEIGHT = 16;
const ROW_PADDING = 6;
const DOT_RADIUS = 6;
/** Room kept between two marks of one lane. */
const MARK_GAP = 2;
const NO_ENTITY = '(no entity)';
const COLOURS = 6;

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string);
}

/** The entities mentioned by the events, most mentioned first, then by name. */
export function entitiesOf(events: TimelineEvent[]): ChartEntity[] {
    const byName = new Map<string, ChartEntity>();
    for (const event of events) {
        for (const entity of event.entities) {
            const entry = byName.get(entity.name) ?? { name: entity.name, kind: entity.kind, count: 0 };
            entry.count += 1;
            byName.set(entity.name, entry);
        }
    }
    return [...byName.values()].sort((left, right) => right.count - left.count || left.name.localeCompare(right.name));
}

/**
 * Axis ticks between two day numbers: the smallest calendar step (day, week, month, quarter,
 * year, 5, 10, 50, 100 years) that gives at most `maxTicks` ticks, aligned on its unit.
 */
export function axisTicks(first: number, last: number, maxTicks = 10): Tick[] {
    const span = Math.max(1, last - first);
    const steps: { days: number; unit: 'day' | 'month' | 'year'; count: number }[] = [
        { days: 1, unit: 'day', count: 1 },
        { days: 7, unit: 'day', count: 7 },
        { days: 30, unit: 'month', count: 1 },
        { days: 91, unit: 'month', count: 3 },
        { days: 365, unit: 'year', count: 1 },
        { days: 1826, unit: 'year', count: 5 },
        { days: 3652, unit: 'year', count: 10 },
        { days: 18262, unit: 'year', count: 50 },
        { days: 36525, unit: 'year', count: 100 },
    ];
    const step = steps.find((candidate) => span / candidate.days <= maxTicks) ?? steps[steps.length - 1];
    const ticks: Tick[] = [];
    const startDate = new Date(first * 86_400_000);
    if (step.unit === 'day') {
        // Weekly ticks fall on Mondays.
        let day = step.count === 7 ? first + ((8 - startDate.getUTCDay()) % 7) : first;
        for (; day <= last; day += step.count) {
            ticks.push({ day, label: dayString(day) });
        }
    } else if (step.unit === 'month') {
        let year = startDate.getUTCFullYear();
        let month = Math.ceil(startDate.getUTCMonth() / step.count) * step.count;
        if (startDate.getUTCDate() > 1 && month === startDate.getUTCMonth()) {
            month += step.count;
        }
        for (;;) {
            year += Math.floor(month / 12);
            month %= 12;
            const day = Math.round(Date.UTC(year, month, 1) / 86_400_000);
            if (day > last) {
                break;
            }
            ticks.push({ day, label: `${year}-${String(month + 1).padStart(2, '0')}` });
            month += step.count;
        }
    } else {
        let year = Math.ceil(startDate.getUTCFullYear() / step.count) * step.count;
        if (Math.round(Date.UTC(year, 0, 1) / 86_400_000) < first) {
            year += step.count;
        }
        for (; ; year += step.count) {
            const day = Math.round(Date.UTC(year, 0, 1) / 86_400_000);
            if (day > last) {
                break;
            }
            ticks.push({ day, label: String(year) });
        }
    }
    return ticks;
}

interface Row {
    label: string;
    /** Indexes into the events. */
    events: number[];
}

/** The rows of the picture: one per article (in order of first event) or one per entity (most mentioned first). */
export function rowsOf(events: TimelineEvent[], shown: number[], options: Pick<ChartOptions, 'rowMode' | 'labelOf'>): Row[] {
    const rows = new Map<string, Row>();
    const add = (key: string, label: string, index: number) => {
        const row = rows.get(key) ?? { label, events: [] };
        row.events.push(index);
        rows.set(key, row);
    };
    for (const index of shown) {
        const event = events[index];
        if (options.rowMode === 'article') {
            add(event.uri, options.labelOf(event.uri), index);
        } else if (event.entities.length === 0) {
            add(NO_ENTITY, NO_ENTITY, index);
        } else {
            for (const entity of event.entities) {
                add(`entity:${entity.name}`, entity.name, index);
            }
        }
    }
    const list = [...rows.entries()];
    if (options.rowMode === 'entity') {
        list.sort(([leftKey, left], [rightKey, right]) => Number(leftKey === NO_ENTITY) - Number(rightKey === NO_ENTITY) || right.events.length - left.events.length || left.label.localeCompare(right.label));
    }
    return list.map(([, row]) => row);
}

/** Draws the timeline: the SVG picture of the resolved events and the list of all shown events. */
export function renderTimelineChart(events: TimelineEvent[], options: ChartOptions): Chart {
    const entities = entitiesOf(events);
    const shown = events.map((_, index) => index).filter((index) => options.entity === null || events[index].entities.some((entity) => entity.name === options.entity));
    if (events.length === 0) {
        return { html: '<p class="empty">No dated events yet: open or index articles with resolved dates.</p>', entities, shown: 0, total: 0 };
    }
    const articleColour = new Map<string, number>();
    for (const event of events) {
        if (!articleColour.has(event.uri)) {
            articleColour.set(event.uri, articleColour.size % COLOURS);
        }
    }
    const resolved = shown.filter((index) => events[index].start !== null);
    const parts: string[] = [];
    if (resolved.length > 0) {
        parts.push(renderSvg(events, resolved, articleColour, options));
    }
    parts.push(renderList(events, shown, articleColour, options));
    return { html: parts.join('\n'), entities, shown: shown.length, total: events.length };
}

function renderSvg(events: TimelineEvent[], resolved: number[], articleColour: Map<string, number>, options: ChartOptions): string {
    const width = options.width ?? 1000;
    let first = Infinity;
    let last = -Infinity;
    for (const index of resolved) {
        const event = events[index];
        first = Math.min(first, dayNumber(event.start as string));
        last = Math.max(last, dayNumber((event.end ?? event.start) as string) + 1);
    }
    // A little room on both sides, so that the first and last events are not on the frame.
    const pad = Math.max(1, Math.round((last - first) * 0.04));
    first -= pad;
    last += pad;
    const plot = width - LABEL_WIDTH - RIGHT_MARGIN;
    const x = (day: number) => LABEL_WIDTH + ((day - first) / (last - first)) * plot;
    const rows = rowsOf(events, resolved, options).map((row) => ({ ...row, marks: placeMarks(row.events.map((index) => extentOf(events[index], x))) }));
    const rowHeights = rows.map((row) => ROW_PADDING * 2 + Math.max(1, ...row.marks.map((mark) => mark.lane + 1)) * LANE_HEIGHT);
    const height = AXIS_HEIGHT + rowHeights.reduce((sum, value) => sum + value, 0) + 8;
    const out: string[] = [];
    out.push(`<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Timeline of ${resolved.length} dated events from ${escapeHtml(dayString(first + pad))} to ${escapeHtml(dayString(last - pad - 1))}">`);
    out.push('<g class="axis">');
    for (const tick of axisTicks(first, last)) {
        const tx = x(tick.day).toFixed(1);
        out.push(`<line class="tick" x1="${tx}" x2="${tx}" y1="${AXIS_HEIGHT - 6}" y2="${height - 4}"></line>`);
        out.push(`<text class="tick-label" x="${tx}" y="${AXIS_HEIGHT - 12}" text-anchor="middle">${escapeHtml(tick.label)}</text>`);
    }
    out.push(`<line class="axis-line" x1="${LABEL_WIDTH}" x2="${width - RIGHT_MARGIN}" y1="${AXIS_HEIGHT - 6}" y2="${AXIS_HEIGHT - 6}"></line>`);
    out.push('</g>');
    let top = AXIS_HEIGHT;
    rows.forEach((row, rowIndex) => {
        const middle = top + ROW_PADDING + LANE_HEIGHT / 2;
        out.push(`<g class="row" data-row="${rowIndex}">`);
        out.push(`<line class="row-line" x1="${LABEL_WIDTH}" x2="${width - RIGHT_MARGIN}" y1="${top + rowHeights[rowIndex]}" y2="${top + rowHeights[rowIndex]}"></line>`);
        const label = row.label.length > 28 ? `${row.label.slice(0, 27)}…` : row.label;
        out.push(`<text class="row-label" x="${LABEL_WIDTH - 8}" y="${middle + 4}" text-anchor="end"><title>${escapeHtml(row.label)}</title>${escapeHtml(label)}</text>`);
        row.events.forEach((index, position) => {
            const event = events[index];
            const mark = row.marks[position];
            const y = middle + mark.lane * LANE_HEIGHT;
            const colour = `c${articleColour.get(event.uri) ?? 0}`;
            const title = `${event.value}${event.text ? ` (“${event.text}”)` : ''}: ${event.summary} — ${options.labelOf(event.uri)}:${event.range.start.line + 1}`;
            out.push(`<g class="event ${colour}" data-index="${index}" data-lane="${mark.lane}" tabindex="0" role="button" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>`);
            if (mark.bar) {
                out.push(`<rect x="${mark.x1.toFixed(1)}" y="${y - 5}" width="${(mark.x2 - mark.x1).toFixed(1)}" height="10" rx="3"></rect>`);
            } else {
                out.push(`<circle cx="${((mark.x1 + mark.x2) / 2).toFixed(1)}" cy="${y}" r="${DOT_RADIUS}"></circle>`);
            }
            out.push('</g>');
        });
        out.push('</g>');
        top += rowHeights[rowIndex];
    });
    out.push('</svg>');
    return out.join('');
}

/** The horizontal extent of an event's mark: a dot for a day or less, a bar for a longer span. */
export function extentOf(event: TimelineEvent, x: (day: number) => number): { x1: number; x2: number; bar: boolean } {
    const startDay = dayNumber(event.start as string);
    const endDay = dayNumber((event.end ?? event.start) as string) + 1;
    if (endDay - startDay > 1) {
        const x1 = x(startDay);
        return { x1, x2: Math.max(x(endDay), x1 + 2 * DOT_RADIUS), bar: true };
    }
    const centre = x((startDay + endDay) / 2);
    return { x1: centre - DOT_RADIUS, x2: centre + DOT_RADIUS, bar: false };
}

/**
 * Puts each mark of a row in the first lane where it overlaps no other (greedy, from the left),
 * so that events of the same days stay apart and each can be clicked. Returns the marks in the
 * given order, each with its lane.
 */
export function placeMarks<T extends { x1: number; x2: number }>(marks: T[]): (T & { lane: number })[] {
    const laneEnds: number[] = [];
    const placed: (T & { lane: number })[] = new Array(marks.length);
    const order = marks.map((_, index) => index).sort((left, right) => marks[left].x1 - marks[right].x1 || left - right);
    for (const index of order) {
        const mark = marks[index];
        let lane = laneEnds.findIndex((end) => end + MARK_GAP <= mark.x1);
        if (lane < 0) {
            lane = laneEnds.length;
            laneEnds.push(mark.x2);
        } else {
            laneEnds[lane] = mark.x2;
        }
        placed[index] = { ...mark, lane };
    }
    return placed;
}

function renderList(events: TimelineEvent[], shown: number[], articleColour: Map<string, number>, options: ChartOptions): string {
    const out: string[] = ['<ol class="events">'];
    for (const index of shown) {
        const event = events[index];
        const colour = `c${articleColour.get(event.uri) ?? 0}`;
        const place = `${options.labelOf(event.uri)}:${event.range.start.line + 1}`;
        const value = event.start === null ? `${event.value} (unresolved)` : event.value;
        const entities = event.entities.map((entity) => entity.name).join(', ');
        out.push(
            `<li class="event-row ${colour}" data-index="${index}" data-start="${escapeHtml(event.start ?? '')}" data-line="${event.sentenceRange.start.line + 1}" tabindex="0" role="button">` +
                `<span class="swatch"></span><span class="value">${escapeHtml(value)}</span>` +
                `<span class="place">${escapeHtml(place)}</span>` +
                `<span class="text">${escapeHtml(event.text)}</span>` +
                `<span class="summary">${escapeHtml(event.summary)}</span>` +
                (entities === '' ? '' : `<span class="entities">${escapeHtml(entities)}</span>`) +
                '</li>',
        );
    }
    out.push('</ol>');
    return out.join('');
}
