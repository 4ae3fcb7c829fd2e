// "newsls: Show the corpus timeline": a webview that draws the dated events of the workspace as
// a picture (dates on an axis, one row per article or per entity, a filter by entity) with the
// events listed in date order below; clicking an event opens its article at the sentence.
//
// The events come from the server's `newsls/timeline` request; the panel asks again when the
// diagnostics change (the server re-analysed something), when articles change on disk and when
// indexing ends, debounced, and only while it is visible. Self-contained: no network, a strict
// Content-Security-Policy with a nonce, colours from the VS Code theme's CSS variables.

import * as crypto from 'crypto';
import * as vscode from 'vscode';
import { TimelineEvent } from './protocol';
import { RowMode, renderTimelineChart } from './timelineChart';

export const TIMELINE_VIEW_TYPE = 'newsls.timeline';

/** What the webview remembers across reloads (vscode.setState). */
interface ViewState {
    rowMode: RowMode;
    entity: string | null;
}

export type FetchTimeline = () => Promise<TimelineEvent[] | undefined>;

export class TimelinePanel implements vscode.Disposable {
    private static current: TimelinePanel | undefined;
    private events: TimelineEvent[] = [];
    private view: ViewState = { rowMode: 'article', entity: null };
    private status = 'loading…';
    private timer: ReturnType<typeof setTimeout> | undefined;
    private stale = false;
    private fetching: Promise<void> | undefined;
    private readonly disposables: vscode.Disposable[] = [];

    /** Shows the panel (creating it if needed) and fetches the events. */
    static show(fetch: FetchTimeline): TimelinePanel {
        if (TimelinePanel.current !== undefined) {
            TimelinePanel.current.panel.reveal(undefined, false);
            TimelinePanel.current.refreshSoon(0);
            return TimelinePanel.current;
        }
        const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, 'Corpus timeline', vscode.ViewColumn.Active, {
            enableScripts: true,
            localResourceRoots: [],
        });
        return new TimelinePanel(panel, fetch, undefined);
    }

    /** Restores a panel VS Code kept from an earlier session (see registerWebviewPanelSerializer). */
    static revive(panel: vscode.WebviewPanel, fetch: FetchTimeline, state: unknown): TimelinePanel {
        TimelinePanel.current?.dispose();
        return new TimelinePanel(panel, fetch, state as ViewState | undefined);
    }

    /** Asks the open panel, if any, to fetch the events again (debounced). */
    static refreshIfOpen(delayMs = 400): void {
        TimelinePanel.current?.refreshSoon(delayMs);
    }

    private constructor(
        private readonly panel: vscode.WebviewPanel,
        private readonly fetch: FetchTimeline,
        state: ViewState | undefined,
    ) {
        TimelinePanel.current = this;
        if (state?.rowMode === 'article' || state?.rowMode === 'entity') {
            this.view = { rowMode: state.rowMode, entity: typeof state.entity === 'string' ? state.entity : null };
        }
        panel.webview.options = { enableScripts: true, localResourceRoots: [] };
        panel.webview.html = this.page();
        this.disposables.push(
            panel.onDidDispose(() => this.dispose()),
            panel.onDidChangeViewState(() => {
                if (panel.visible && this.stale) {
                    this.refreshSoon(0);
                }
            }),
            panel.webview.onDidReceiveMessage((message) => this.receive(message)),
        );
        this.refreshSoon(0);
    }

    private receive(message: { type?: string; index?: number; rowMode?: RowMode; entity?: string | null }): void {
        if (message.type === 'ready') {
            this.post();
        } else if (message.type === 'open' && typeof message.index === 'number') {
            const event = this.events[message.index];
            if (event !== undefined) {
                void openEvent(event);
            }
        } else if (message.type === 'view') {
            this.view = {
                rowMode: message.rowMode === 'entity' ? 'entity' : 'article',
                entity: typeof message.entity === 'string' && message.entity !== '' ? message.entity : null,
            };
            this.post();
        } else if (message.type === 'refresh') {
            this.refreshSoon(0);
        }
    }

    private refreshSoon(delayMs: number): void {
        if (!this.panel.visible && delayMs > 0) {
            // Hidden: fetch when it is shown again.
            this.stale = true;
            return;
        }
        if (this.timer !== undefined) {
            clearTimeout(this.timer);
        }
        this.timer = setTimeout(() => {
            this.timer = undefined;
            void this.refresh();
        }, delayMs);
    }

    private async refresh(): Promise<void> {
        if (this.fetching !== undefined) {
            // One request at a time; ask again once this one is answered.
            this.stale = true;
            return;
        }
        this.stale = false;
        this.fetching = (async () => {
            try {
                const events = await this.fetch();
                if (events === undefined) {
                    this.status = 'the language server is not running';
                } else {
                    this.events = events;
                    this.status = '';
                }
            } catch (error) {
                this.status = `could not get the timeline: ${error instanceof Error ? error.message : String(error)}`;
            }
            this.post();
        })();
        await this.fetching;
        this.fetching = undefined;
        if (this.stale && this.panel.visible) {
            this.refreshSoon(200);
        }
    }

    private post(): void {
        const labelOf = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
        const chart = renderTimelineChart(this.events, { ...this.view, labelOf });
        const shown = this.view.entity === null ? `${chart.total} events` : `${chart.shown} of ${chart.total} events`;
        void this.panel.webview.postMessage({
            type: 'render',
            html: chart.html,
            entities: chart.entities,
            view: this.view,
            status: this.status === '' ? shown : this.status,
            loaded: this.status === '',
        });
    }

    private page(): string {
        const nonce = crypto.randomBytes(18).toString('base64');
        const csp = [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `img-src data:`].join('; ');
        return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Corpus timeline</title>
<style nonce="${nonce}">
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 16px; }
header { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; padding: 10px 0; }
select, button { color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background); border: 1px solid var(--vscode-dropdown-border, transparent); padding: 2px 4px; font: inherit; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 3px 10px; cursor: pointer; }
#status { color: var(--vscode-descriptionForeground); }
svg.chart { display: block; max-width: 100%; }
.tick, .row-line { stroke: var(--vscode-editorWidget-border, var(--vscode-panel-border)); stroke-width: 1; }
.row-line { stroke-dasharray: 2 4; }
.axis-line { stroke: var(--vscode-foreground); stroke-width: 1; }
.tick-label, .row-label { fill: var(--vscode-foreground); font-size: 12px; }
.tick-label { fill: var(--vscode-descriptionForeground); }
.event { cursor: pointer; outline: none; }
.event circle, .event rect { stroke: var(--vscode-editor-background); stroke-width: 1.5; }
.event:hover circle, .event:hover rect, .event:focus circle, .event:focus rect { stroke: var(--vscode-focusBorder); stroke-width: 3; }
.c0 { --colour: var(--vscode-charts-blue); } .c1 { --colour: var(--vscode-charts-orange); } .c2 { --colour: var(--vscode-charts-green); }
.c3 { --colour: var(--vscode-charts-purple); } .c4 { --colour: var(--vscode-charts-red); } .c5 { --colour: var(--vscode-charts-yellow); }
.event circle, .event rect { fill: var(--colour); }
ol.events { list-style: none; padding: 0; margin: 16px 0 0; }
.event-row { display: grid; grid-template-columns: 12px 11em 14em 10em 1fr; gap: 8px; padding: 3px 4px; cursor: pointer; align-items: baseline; }
.event-row:hover, .event-row:focus { background: var(--vscode-list-hoverBackground); outline: 1px solid var(--vscode-focusBorder); }
.swatch { width: 10px; height: 10px; border-radius: 50%; background: var(--colour); align-self: center; }
.value { font-family: var(--vscode-editor-font-family); }
.place, .entities { color: var(--vscode-descriptionForeground); }
.text { font-style: italic; }
.entities { grid-column: 5; font-size: 90%; }
.empty { color: var(--vscode-descriptionForeground); }
</style>
</head>
<body>
<header>
<label>Rows <select id="rows"><option value="article">one per article</option><option value="entity">one per entity</option></select></label>
<label>Entity <select id="entity"><option value="">all entities</option></select></label>
<button id="refresh" type="button">Refresh</button>
<span id="status" role="status">loading…</span>
</header>
<main id="chart"></main>
<script nonce="${nonce}">
(function () {
    const vscode = acquireVsCodeApi();
    const chart = document.getElementById('chart');
    const rows = document.getElementById('rows');
    const entity = document.getElementById('entity');
    const status = document.getElementById('status');
    function sendView() {
        const view = { rowMode: rows.value, entity: entity.value || null };
        vscode.setState(view);
        vscode.postMessage({ type: 'view', rowMode: view.rowMode, entity: view.entity });
    }
    rows.addEventListener('change', sendView);
    entity.addEventListener('change', sendView);
    document.getElementById('refresh').addEventListener('click', function () { vscode.postMessage({ type: 'refresh' }); });
    function open(target) {
        const item = target && target.closest ? target.closest('[data-index]') : null;
        if (item) { vscode.postMessage({ type: 'open', index: Number(item.getAttribute('data-index')) }); }
    }
    chart.addEventListener('click', function (e) { open(e.target); });
    chart.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(e.target); } });
    window.addEventListener('message', function (e) {
        const message = e.data;
        if (!message || message.type !== 'render') { return; }
        chart.innerHTML = message.html;
        rows.value = message.view.rowMode;
        const chosen = message.view.entity || '';
        entity.replaceChildren();
        const all = document.createElement('option');
        all.value = ''; all.textContent = 'all entities';
        entity.appendChild(all);
        for (const item of message.entities) {
            const option = document.createElement('option');
            option.value = item.name;
            option.textContent = item.name + ' (' + item.count + ')';
            entity.appendChild(option);
        }
        entity.value = chosen;
        status.textContent = message.status;
        document.body.dataset.loaded = message.loaded ? 'true' : 'false';
        vscode.setState(message.view);
    });
    vscode.postMessage({ type: 'ready' });
}());
</script>
</body>
</html>`;
    }

    dispose(): void {
        if (TimelinePanel.current === this) {
            TimelinePanel.current = undefined;
        }
        if (this.timer !== undefined) {
            clearTimeout(this.timer);
        }
        for (const disposable of this.disposables.splice(0)) {
            disposable.dispose();
        }
        this.panel.dispose();
    }
}

/** Opens the event's article with its sentence selected. */
async function openEvent(event: TimelineEvent): Promise<void> {
    const { start, end } = event.sentenceRange;
    const selection = new vscode.Range(start.line, start.character, end.line, end.character);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(event.uri));
    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, selection, preview: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
