// The newsls-specific parts of the protocol that the extension relies on, in one place: the
// indexing progress token, and the corpus timeline read from the workspace symbols.
//
// Everything here is plain LSP: the timeline is the `timeline` container of `workspace/symbol`,
// and indexing progress is work-done progress, so Neovim, Emacs and Helix see the same.
// This module does not import `vscode`, so the tests run it under plain Node against the server.

/** The work-done progress token under which the server reports indexing of the workspace. */
export const INDEXING_PROGRESS_TOKEN = 'newsls/indexing';

/** The `containerName` of the workspace symbols that are dated events (their name is "VALUE SUMMARY"). */
export const TIMELINE_CONTAINER = 'timeline';

/** `workspace/executeCommand` command that re-reads the workspace, used when the server announces it. */
export const REINDEX_COMMAND = 'newsls.reindex';

/** One dated event of the corpus timeline. */
export interface TimelineEvent {
    /** The TIMEX3 value that orders the event ("2021-12-12", "2021-11"). */
    value: string;
    /** A short summary of the sentence the event is told in. */
    summary: string;
    /** Where the date expression is. */
    location: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
}

/** A `workspace/symbol` result entry, as far as the timeline needs it. */
interface WorkspaceSymbolEntry {
    name?: unknown;
    containerName?: unknown;
    location?: { uri?: unknown; range?: TimelineEvent['location']['range'] };
}

/**
 * The timeline from the answer to `workspace/symbol` with an empty query: the symbols in the
 * `timeline` container, split into value and summary, sorted by value, then file and line.
 * Entries without a range (a server may send only a URI) are left out.
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
        if (typeof uri !== 'string' || range === undefined) {
            continue;
        }
        const space = symbol.name.indexOf(' ');
        const value = space < 0 ? symbol.name : symbol.name.slice(0, space);
        const summary = space < 0 ? '' : symbol.name.slice(space + 1);
        events.push({ value, summary, location: { uri, range } });
    }
    return events.sort(
        (left, right) =>
            left.value.localeCompare(right.value) ||
            left.location.uri.localeCompare(right.location.uri) ||
            left.location.range.start.line - right.location.range.start.line,
    );
}

/** One line of the timeline document: `2021-12-12  003.txt:16  US Secretary of State …`. */
export function renderTimelineLine(event: TimelineEvent, relativePath: string): string {
    const place = `${relativePath}:${event.location.range.start.line + 1}`;
    return `${event.value.padEnd(10)}  ${place}  ${event.summary.replace(/\s+/g, ' ')}`;
}

/** The `#L<line>,<column>` fragment (1-based) with which VS Code opens an article at the event's date. */
export function timelineLinkFragment(event: TimelineEvent): string {
    const start = event.location.range.start;
    return `L${start.line + 1},${start.character + 1}`;
}
