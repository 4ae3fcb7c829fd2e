// The newsls-specific parts of the protocol that the extension relies on, in one place: the
// indexing progress token, the `newsls/timeline` request and its result, the answer to
// `workspace/configuration`, and how the server's stderr lines are logged.
//
// This module does not import `vscode`, so the tests run it under plain Node against the server.

/** The work-done progress token under which the server reports indexing of the workspace. */
export const INDEXING_PROGRESS_TOKEN = 'newsls/indexing';

/** `workspace/executeCommand` command that re-reads the workspace, used when the server announces it. */
export const REINDEX_COMMAND = 'newsls.reindex';

/** The custom request for the dated events of one document or of the whole workspace. */
export const TIMELINE_REQUEST = 'newsls/timeline';

/** The `containerName` of the workspace symbols that are dated events (older servers: the timeline's only source). */
export const TIMELINE_CONTAINER = 'timeline';

export interface Position {
    line: number;
    character: number;
}

export interface Range {
    start: Position;
    end: Position;
}

export type EntityKind = 'person' | 'organization' | 'place';

/** One dated event, as `newsls/timeline` returns it (see /work/notes/timeline-protocol.md). */
export interface TimelineEvent {
    /** The TIMEX3 value: "2021-12-12", "2021-W49", "2021-Q3", "2021-SU", "2021". */
    value: string;
    /** First day of the value, "YYYY-MM-DD"; null when unresolved. */
    start: string | null;
    /** Last day of the value, "YYYY-MM-DD"; null when unresolved. */
    end: string | null;
    /** "day", "week", "month", …, or "unresolved". */
    granularity: string;
    /** The date expression as written ("on Sunday"). */
    text: string;
    /** The sentence the event is told in, on one line. */
    summary: string;
    /** The article. */
    uri: string;
    /** The date expression. */
    range: Range;
    /** The sentence. */
    sentenceRange: Range;
    /** The entities mentioned in that sentence. */
    entities: { name: string; kind: EntityKind }[];
}

/** The params of `newsls/timeline`: one document, or (without textDocument) the whole workspace. */
export function timelineParams(uri?: string): { textDocument?: { uri: string } } {
    return uri === undefined ? {} : { textDocument: { uri } };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isPosition(value: unknown): value is Position {
    const position = value as Position | null;
    return typeof position?.line === 'number' && typeof position.character === 'number';
}

function isRange(value: unknown): value is Range {
    const range = value as Range | null;
    return range !== null && typeof range === 'object' && isPosition(range.start) && isPosition(range.end);
}

/**
 * The events of a `newsls/timeline` answer, checked entry by entry (a malformed one is left out
 * rather than breaking the picture), in the server's order (chronological).
 */
export function parseTimelineResult(result: unknown): TimelineEvent[] {
    const events = (result as { events?: unknown } | null)?.events;
    if (!Array.isArray(events)) {
        return [];
    }
    const parsed: TimelineEvent[] = [];
    for (const entry of events as Record<string, unknown>[]) {
        if (entry === null || typeof entry !== 'object' || typeof entry.value !== 'string' || typeof entry.uri !== 'string' || !isRange(entry.range)) {
            continue;
        }
        const start = typeof entry.start === 'string' && DAY.test(entry.start) ? entry.start : null;
        const end = typeof entry.end === 'string' && DAY.test(entry.end) ? entry.end : start;
        const entities = Array.isArray(entry.entities)
            ? (entry.entities as { name?: unknown; kind?: unknown }[])
                  .filter((entity) => typeof entity?.name === 'string')
                  .map((entity) => ({ name: entity.name as string, kind: (['person', 'organization', 'place'].includes(entity.kind as string) ? entity.kind : 'person') as EntityKind }))
            : [];
        parsed.push({
            value: entry.value,
            start,
            end: start === null ? null : end,
            granularity: typeof entry.granularity === 'string' ? entry.granularity : start === null ? 'unresolved' : 'day',
            text: typeof entry.text === 'string' ? entry.text : '',
            summary: typeof entry.summary === 'string' ? entry.summary : '',
            uri: entry.uri,
            range: entry.range,
            sentenceRange: isRange(entry.sentenceRange) ? entry.sentenceRange : entry.range,
            entities,
        });
    }
    return parsed;
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" date (UTC, so no daylight-saving surprises). */
export function dayNumber(date: string): number {
    const [year, month, day] = date.split('-').map(Number);
    return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** The "YYYY-MM-DD" date of a day number. */
export function dayString(day: number): string {
    return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The first and last day a plain calendar value covers ("2021-12-12", "2021-12", "2021"), for
 * servers without `newsls/timeline`; other values (weeks, seasons, …) stay unresolved there.
 */
export function spanOfValue(value: string): { start: string; end: string; granularity: string } | null {
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
    if (match === null || /^\d{4}-[A-Z]/.test(value)) {
        return null;
    }
    const [, year, month, day] = match;
    if (day !== undefined) {
        const date = `${year}-${month}-${day}`;
        return { start: date, end: date, granularity: value.length > 10 ? 'time' : 'day' };
    }
    if (month !== undefined) {
        const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
        return { start: `${year}-${month}-01`, end: `${year}-${month}-${String(last).padStart(2, '0')}`, granularity: 'month' };
    }
    return { start: `${year}-01-01`, end: `${year}-12-31`, granularity: 'year' };
}

/** A `workspace/symbol` result entry, as far as the fallback timeline needs it. */
interface WorkspaceSymbolEntry {
    name?: unknown;
    containerName?: unknown;
    location?: { uri?: unknown; range?: Range };
}

/**
 * The timeline of a server that predates `newsls/timeline`: the `timeline` container of
 * `workspace/symbol` (names "VALUE SUMMARY"), in the same order as the request gives
 * (chronological, then uri and position; unresolved last). No entities, and the sentence is the date.
 */
export function timelineFromWorkspaceSymbols(result: unknown): TimelineEvent[] {
    const symbols: WorkspaceSymbolEntry[] = Array.isArray(result) ? result : [];
    const events: TimelineEvent[] = [];
    for (const symbol of symbols) {
        if (symbol.containerName !== TIMELINE_CONTAINER || typeof symbol.name !== 'string') {
            continue;
        }
        const uri = symbol.location?.uri;
        const range = symbol.location?.range;
        if (typeof uri !== 'string' || !isRange(range)) {
            continue;
        }
        const space = symbol.name.indexOf(' ');
        const value = space < 0 ? symbol.name : symbol.name.slice(0, space);
        const span = spanOfValue(value);
        events.push({
            value,
            start: span?.start ?? null,
            end: span?.end ?? null,
            granularity: span?.granularity ?? 'unresolved',
            text: '',
            summary: space < 0 ? '' : symbol.name.slice(space + 1),
            uri,
            range,
            sentenceRange: range,
            entities: [],
        });
    }
    return events.sort(compareEvents);
}

/** The order of the `newsls/timeline` answer: start, then end (shorter first), uri, position; unresolved last. */
export function compareEvents(left: TimelineEvent, right: TimelineEvent): number {
    if ((left.start === null) !== (right.start === null)) {
        return left.start === null ? 1 : -1;
    }
    return (
        (left.start ?? '').localeCompare(right.start ?? '') ||
        (left.end ?? '').localeCompare(right.end ?? '') ||
        left.uri.localeCompare(right.uri) ||
        left.range.start.line - right.range.start.line ||
        left.range.start.character - right.range.start.character
    );
}

/** One line of the text timeline: `2021-12-12  003.txt:16  US Secretary of State …`. */
export function renderTimelineLine(event: TimelineEvent, relativePath: string): string {
    const place = `${relativePath}:${event.range.start.line + 1}`;
    return `${event.value.padEnd(10)}  ${place}  ${event.summary.replace(/\s+/g, ' ')}`;
}

/** The `#L<line>,<column>` fragment (1-based) with which VS Code opens an article at the event's date. */
export function timelineLinkFragment(event: TimelineEvent): string {
    const start = event.range.start;
    return `L${start.line + 1},${start.character + 1}`;
}

/** The settings the server reads (initializationOptions, `workspace/configuration`, `didChangeConfiguration`). */
export interface ServerSettings {
    rules: Record<string, string>;
    publicationDate: string | null;
    /** Left out when empty: an empty list would tell the server to index nothing. */
    include?: string[];
}

/**
 * The server's settings from the raw `newsls` section of the editor's settings, which also holds
 * the client's own keys (`enable`, `server`, `trace`) that the server must not see.
 */
export function serverSettingsFrom(raw: { rules?: unknown; publicationDate?: unknown; include?: unknown }): ServerSettings {
    const rules: Record<string, string> = {};
    if (raw.rules !== null && typeof raw.rules === 'object' && !Array.isArray(raw.rules)) {
        for (const [name, level] of Object.entries(raw.rules as Record<string, unknown>)) {
            if (typeof level === 'string') {
                rules[name] = level;
            }
        }
    }
    const publicationDate = typeof raw.publicationDate === 'string' ? raw.publicationDate.trim() : '';
    const include = Array.isArray(raw.include) ? raw.include.filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '') : [];
    return {
        rules,
        publicationDate: publicationDate === '' ? null : publicationDate,
        ...(include.length > 0 ? { include } : {}),
    };
}

/** The `didChangeConfiguration` notification's params: the server's settings under `newsls`. */
export function didChangeConfigurationParams(settings: ServerSettings): { settings: { newsls: ServerSettings } } {
    return { settings: { newsls: settings } };
}

/**
 * The answer to the server's `workspace/configuration` request: for the `newsls` section the
 * server's settings (per scope), for any other item what the editor answered (`fallback`).
 */
export function answerConfiguration(
    items: { section?: string; scopeUri?: string }[],
    settingsFor: (scopeUri: string | undefined) => ServerSettings,
    fallback: unknown[],
): unknown[] {
    return items.map((item, index) => (item.section === 'newsls' ? settingsFor(item.scopeUri) : fallback[index] ?? null));
}

export type LogLevelName = 'error' | 'warn' | 'info';

/**
 * The level at which a line the server wrote to stderr is logged. The server logs through
 * `window/logMessage` with real levels; what still reaches stderr is a crash, a panic or a line
 * from an older server. Those that say something failed are errors, the rest (e.g. "unknown
 * setting ignored") warnings, so that the output channel's `[error]` means an error.
 */
export function stderrLevel(line: string): LogLevelName {
    if (/panick|\bpanic\b|\berror\b|failed|cannot|could not|fatal|thread '.*' /i.test(line)) {
        return 'error';
    }
    return line.trim() === '' ? 'info' : 'warn';
}
