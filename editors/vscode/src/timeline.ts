// "newsls: Show the corpus timeline as text": a read-only virtual document with one line per
// dated event, each line a link that opens its article at the date. Searchable and copyable;
// the picture is the webview of timelinePanel.ts.

import * as vscode from 'vscode';
import { TimelineEvent, renderTimelineLine, timelineLinkFragment } from './protocol';

export const TIMELINE_SCHEME = 'newsls-timeline';
export const TIMELINE_URI = vscode.Uri.from({ scheme: TIMELINE_SCHEME, path: '/Corpus timeline.newstimeline' });

/** Holds the last timeline fetched from the server and renders it as text with links. */
export class TimelineDocument implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
    private events: TimelineEvent[] = [];
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;

    update(events: TimelineEvent[]): void {
        this.events = events;
        this.changed.fire(TIMELINE_URI);
    }

    provideTextDocumentContent(): string {
        if (this.events.length === 0) {
            return 'No dated events yet: open or index articles with resolved dates.\n';
        }
        return this.events.map((event) => renderTimelineLine(event, vscode.workspace.asRelativePath(vscode.Uri.parse(event.uri)))).join('\n') + '\n';
    }

    provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
        if (document.uri.scheme !== TIMELINE_SCHEME) {
            return [];
        }
        return this.events.map((event, line) => {
            const text = document.lineAt(Math.min(line, document.lineCount - 1)).range;
            // A `#L<line>,<column>` fragment makes VS Code open the article with the cursor on the date.
            const target = vscode.Uri.parse(event.uri).with({ fragment: timelineLinkFragment(event) });
            const link = new vscode.DocumentLink(text, target);
            link.tooltip = 'Open the article at this date';
            return link;
        });
    }

    dispose(): void {
        this.changed.dispose();
    }
}
