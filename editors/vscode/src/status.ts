// The status bar item: the language server's state and, while it indexes the workspace, how far
// it has got.
//
// Indexing progress is the server's standard work-done progress on the token `newsls/indexing`
// (begin, report "12/40 articles", end); the extension's client subclass passes each value here
// as well as to vscode-languageclient's own progress notification.

import * as vscode from 'vscode';
import { State, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageclient/node';

export class ServerStatusItem implements vscode.Disposable {
    private readonly item: vscode.StatusBarItem;
    private state: State = State.Stopped;
    /** "12/40 articles" while indexing, else undefined. */
    private indexing: string | undefined;
    private failure: string | undefined;

    constructor() {
        this.item = vscode.window.createStatusBarItem('newsls.status', vscode.StatusBarAlignment.Right, 100);
        this.item.name = 'newsls';
        this.item.command = 'newsls.showTimeline';
        this.render();
        this.item.show();
    }

    setState(state: State): void {
        this.state = state;
        if (state === State.Running) {
            this.failure = undefined;
        }
        if (state !== State.Running) {
            this.indexing = undefined;
        }
        this.render();
    }

    setIndexingProgress(value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd): void {
        if (value.kind === 'end') {
            this.indexing = undefined;
        } else {
            this.indexing = value.message ?? (value.percentage !== undefined ? `${value.percentage}%` : 'indexing');
        }
        this.render();
    }

    setFailure(message: string): void {
        this.failure = message;
        this.render();
    }

    private render(): void {
        if (this.failure !== undefined) {
            this.item.text = '$(error) newsls';
            this.item.tooltip = `newsls could not start: ${this.failure}`;
            this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
            return;
        }
        this.item.backgroundColor = undefined;
        if (this.state === State.Starting) {
            this.item.text = '$(loading~spin) newsls';
            this.item.tooltip = 'newsls: starting the language server';
        } else if (this.state === State.Stopped) {
            this.item.text = '$(circle-slash) newsls';
            this.item.tooltip = 'newsls: the language server is stopped (run "newsls: Restart the language server")';
        } else if (this.indexing !== undefined) {
            this.item.text = `$(sync~spin) newsls ${this.indexing.replace(/ articles$/, '')}`;
            this.item.tooltip = `newsls: indexing the workspace, ${this.indexing}`;
        } else {
            this.item.text = '$(check) newsls';
            this.item.tooltip = 'newsls: ready. Click to show the corpus timeline.';
        }
    }

    dispose(): void {
        this.item.dispose();
    }
}
