// The VS Code extension's entry point: decides whether newsls should run in this workspace,
// starts `newsls lsp` through vscode-languageclient, and registers the commands and status item.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
    Disposable,
    DocumentSelector,
    LanguageClient,
    LanguageClientOptions,
    NotificationHandler,
    ProgressType,
    ServerOptions,
    TransportKind,
    WorkDoneProgress,
} from 'vscode-languageclient/node';
import { INDEXING_PROGRESS_TOKEN, REINDEX_COMMAND, timelineFromWorkspaceSymbols } from './protocol';
import { readServerSettings } from './settings';
import { ServerStatusItem } from './status';
import { TIMELINE_SCHEME, TIMELINE_URI, TimelineDocument } from './timeline';

/**
 * The language client, also handing the indexing progress to the status bar: the library
 * registers the one handler a progress token may have (for its own progress notification), so
 * the copy is taken where that handler is registered.
 */
class NewslsLanguageClient extends LanguageClient {
    constructor(
        serverOptions: ServerOptions,
        clientOptions: LanguageClientOptions,
        private readonly status: ServerStatusItem,
    ) {
        super('newsls', 'newsls', serverOptions, clientOptions);
    }

    override onProgress<P>(type: ProgressType<P>, token: string | number, handler: NotificationHandler<P>): Disposable {
        if (token !== INDEXING_PROGRESS_TOKEN || type !== (WorkDoneProgress.type as unknown)) {
            return super.onProgress(type, token, handler);
        }
        return super.onProgress(type, token, (value: P) => {
            this.status.setIndexingProgress(value as Parameters<ServerStatusItem['setIndexingProgress']>[0]);
            handler(value);
        });
    }
}

let client: NewslsLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const status = new ServerStatusItem();
    const timeline = new TimelineDocument();
    context.subscriptions.push(
        status,
        timeline,
        vscode.workspace.registerTextDocumentContentProvider(TIMELINE_SCHEME, timeline),
        vscode.languages.registerDocumentLinkProvider({ scheme: TIMELINE_SCHEME }, timeline),
        vscode.commands.registerCommand('newsls.restartServer', () => restart(context, status)),
        vscode.commands.registerCommand('newsls.showTimeline', () => showTimeline(timeline)),
        vscode.commands.registerCommand('newsls.reindexWorkspace', () => reindex(context, status)),
        vscode.workspace.onDidChangeConfiguration((change) => {
            // Which files are checked and which binary runs are fixed when the client starts.
            if (change.affectsConfiguration('newsls.enable') || change.affectsConfiguration('newsls.server')) {
                void restart(context, status);
            }
        }),
    );
    await start(context, status);
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

async function start(context: vscode.ExtensionContext, status: ServerStatusItem): Promise<void> {
    const command = resolveServerPath(context);
    const configuration = vscode.workspace.getConfiguration('newsls');
    const serverOptions: ServerOptions = {
        command,
        args: ['lsp', ...configuration.get<string[]>('server.extraArgs', [])],
        transport: TransportKind.stdio,
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: await documentSelector(),
        initializationOptions: readServerSettings(),
        synchronize: {
            // Sends `workspace/didChangeConfiguration` with the `newsls` section when a setting changes.
            configurationSection: 'newsls',
            fileEvents: vscode.workspace.createFileSystemWatcher('**/{newsls.toml,*.txt,*.md}'),
        },
        outputChannelName: 'newsls',
    };
    const languageClient = new NewslsLanguageClient(serverOptions, clientOptions, status);
    client = languageClient;
    context.subscriptions.push(languageClient.onDidChangeState((change) => status.setState(change.newState)));
    try {
        await languageClient.start();
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        status.setFailure(`${command}: ${message}`);
        void vscode.window.showErrorMessage(
            `newsls: could not start \`${command} lsp\` (${message}). Set "newsls.server.path" to the newsls binary.`,
        );
    }
}

async function restart(context: vscode.ExtensionContext, status: ServerStatusItem): Promise<void> {
    const previous = client;
    client = undefined;
    if (previous !== undefined) {
        await previous.stop().catch(() => undefined);
    }
    await start(context, status);
}

/** The setting, else the binary bundled under `server/`, else `newsls` on PATH. */
function resolveServerPath(context: vscode.ExtensionContext): string {
    const configured = vscode.workspace.getConfiguration('newsls').get<string>('server.path', '').trim();
    if (configured !== '') {
        return configured.startsWith('~/') ? path.join(os.homedir(), configured.slice(2)) : configured;
    }
    const bundled = context.asAbsolutePath(path.join('server', process.platform === 'win32' ? 'newsls.exe' : 'newsls'));
    return fs.existsSync(bundled) ? bundled : 'newsls';
}

/**
 * `news` files are always checked; plaintext and markdown only in a workspace with a
 * `newsls.toml` or when `newsls.enable` is on, so that READMEs elsewhere stay quiet.
 */
async function documentSelector(): Promise<DocumentSelector> {
    const selector: DocumentSelector = [
        { scheme: 'file', language: 'news' },
        { scheme: 'untitled', language: 'news' },
    ];
    const enabled = vscode.workspace.getConfiguration('newsls').get<boolean>('enable', false);
    const configured = (await vscode.workspace.findFiles('**/newsls.toml', '**/node_modules/**', 1)).length > 0;
    if (enabled || configured) {
        for (const language of ['plaintext', 'markdown']) {
            selector.push({ scheme: 'file', language }, { scheme: 'untitled', language });
        }
    }
    return selector;
}

/** Fetches the dated events of the whole workspace (the `timeline` workspace symbols) and shows them. */
async function showTimeline(timeline: TimelineDocument): Promise<void> {
    if (client === undefined || !client.isRunning()) {
        void vscode.window.showWarningMessage('newsls: the language server is not running.');
        return;
    }
    const result = await client.sendRequest('workspace/symbol', { query: '' });
    timeline.update(timelineFromWorkspaceSymbols(result));
    const document = await vscode.workspace.openTextDocument(TIMELINE_URI);
    await vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Re-reads the workspace: through the server's `newsls.reindex` command when it announces one,
 * else by restarting the server, which indexes the workspace when it starts.
 */
async function reindex(context: vscode.ExtensionContext, status: ServerStatusItem): Promise<void> {
    const commands = client?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    if (client !== undefined && client.isRunning() && commands.includes(REINDEX_COMMAND)) {
        await client.sendRequest('workspace/executeCommand', { command: REINDEX_COMMAND, arguments: [] });
        return;
    }
    await restart(context, status);
}
