// The `newsls.trace.server` setting. vscode-languageclient 11 traces the protocol only when its
// trace channel's log level is Trace (a level users set per channel with "Developer: Set Log
// Level…", not through the setting), so the setting would do nothing. This channel is handed to
// the client as its `traceOutputChannel`: its level follows the setting (off → Off, messages or
// verbose → Trace) and the client re-reads it when the setting changes, so the messages between
// VS Code and the server appear in the "newsls (trace)" output channel as soon as the setting is on.

import * as vscode from 'vscode';

export class TraceOutputChannel implements vscode.LogOutputChannel {
    readonly name = 'newsls (trace)';
    private channel: vscode.OutputChannel | undefined;
    private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
    readonly onDidChangeLogLevel = this.levelChanged.event;
    private readonly listener: vscode.Disposable;
    private level: vscode.LogLevel;

    constructor() {
        this.level = TraceOutputChannel.levelOfSetting();
        this.listener = vscode.workspace.onDidChangeConfiguration((change) => {
            if (change.affectsConfiguration('newsls.trace.server')) {
                this.level = TraceOutputChannel.levelOfSetting();
                this.levelChanged.fire(this.level);
            }
        });
    }

    private static levelOfSetting(): vscode.LogLevel {
        const setting = vscode.workspace.getConfiguration('newsls').get<string>('trace.server', 'off');
        return setting === 'messages' || setting === 'verbose' ? vscode.LogLevel.Trace : vscode.LogLevel.Off;
    }

    get logLevel(): vscode.LogLevel {
        return this.level;
    }

    /** Created on the first message, so that the channel list shows no empty "newsls (trace)". */
    private get output(): vscode.OutputChannel {
        this.channel ??= vscode.window.createOutputChannel(this.name);
        return this.channel;
    }

    private write(level: string, message: string | Error): void {
        if (this.level === vscode.LogLevel.Off) {
            return;
        }
        const text = message instanceof Error ? (message.stack ?? message.message) : message;
        this.output.appendLine(`${new Date().toISOString()} [${level}] ${text}`);
    }

    trace(message: string): void {
        this.write('trace', message);
    }
    debug(message: string): void {
        this.write('debug', message);
    }
    info(message: string): void {
        this.write('info', message);
    }
    warn(message: string): void {
        this.write('warning', message);
    }
    error(error: string | Error): void {
        this.write('error', error);
    }
    append(value: string): void {
        this.output.append(value);
    }
    appendLine(value: string): void {
        this.output.appendLine(value);
    }
    replace(value: string): void {
        this.output.replace(value);
    }
    clear(): void {
        this.channel?.clear();
    }
    show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
        if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) {
            this.output.show(columnOrPreserveFocus);
        } else {
            this.output.show(columnOrPreserveFocus, preserveFocus);
        }
    }
    hide(): void {
        this.channel?.hide();
    }
    dispose(): void {
        this.listener.dispose();
        this.levelChanged.dispose();
        this.channel?.dispose();
        this.channel = undefined;
    }
}
