// The VS Code extension's entry point: decides whether newsls should run in this workspace,
// starts `newsls lsp` through vscode-languageclient, and registers the commands, the status item
// and the timeline view.
//
// Activation is cheap: it registers everything and returns; the server starts in the background.
// Starts, stops and restarts go through one queue (ServerLifecycle), so that a restart never
// overlaps another, and a request that raced a stopping client ends quietly with no result.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import * as vscode from 'vscode';
import {
    CancellationToken,
    CodeLensRequest,
    DidChangeConfigurationNotification,
    Disposable,
    DocumentSelector,
    ErrorCodes,
    InlayHintRequest,
    LanguageClient,
    LanguageClientOptions,
    MessageSignature,
    NotificationHandler,
    ProgressType,
    ResponseError,
    ServerOptions,
    State,
    TransportKind,
    WorkDoneProgress,
} from 'vscode-languageclient/node';
import {
    INDEXING_PROGRESS_TOKEN,
    REINDEX_COMMAND,
    TIMELINE_REQUEST,
    TimelineEvent,
    answerConfiguration,
    didChangeConfigurationParams,
    parseTimelineResult,
    stderrLevel,
    timelineFromWorkspaceSymbols,
    timelineParams,
} from './protocol';
import { affectsServerSettings, readServerSettings } from './settings';
import { ServerStatusItem } from './status';
import { TIMELINE_SCHEME, TIMELINE_URI, TimelineDocument } from './timeline';
import { TIMELINE_VIEW_TYPE, TimelinePanel } from './timelinePanel';
import { TraceOutputChannel } from './trace';

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
            const progress = value as Parameters<ServerStatusItem['setIndexingProgress']>[0];
            this.status.setIndexingProgress(progress);
            if (progress.kind === 'end') {
                TimelinePanel.refreshIfOpen();
            }
            handler(value);
        });
    }

    /**
     * Asks VS Code for the inlay hints and code lenses of the visible editors again, as the
     * server's `workspace/inlayHint/refresh` and `workspace/codeLens/refresh` would: after a
     * settings change the server re-publishes its diagnostics, but the resolved dates drawn
     * inline would otherwise stay those of the old settings until the next edit.
     */
    refreshInlineViews(): void {
        if (this.state !== State.Running) {
            return;
        }
        for (const editor of vscode.window.visibleTextEditors) {
            this.getFeature(InlayHintRequest.method)?.getProvider(editor.document)?.onDidChangeInlayHints.fire();
            this.getFeature(CodeLensRequest.method)?.getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
        }
    }

    /**
     * A request VS Code made while this client was stopping (a restart, a re-index, a settings
     * change that restarts) fails inside the library with "Starting server failed" or "Client is
     * not running", or reaches the server after its `shutdown` and is answered InvalidRequest
     * (as the LSP specification says a server must): it gets no result, as a request to a
     * stopped server does, and no error notification. Real failures of a running server are
     * reported as before.
     */
    override handleFailedRequest<T>(type: MessageSignature, token: CancellationToken | undefined, error: unknown, defaultValue: T, showNotification?: boolean, throwOnCancel?: boolean): T {
        const answerOfAStoppingServer = !(error instanceof ResponseError) || error.code === ErrorCodes.ConnectionInactive || error.code === ErrorCodes.InvalidRequest;
        if (this.state !== State.Running && answerOfAStoppingServer) {
            return defaultValue;
        }
        return super.handleFailedRequest(type, token, error, defaultValue, showNotification, throwOnCancel);
    }
}

/** Starts, stops and restarts the client one at a time. */
class ServerLifecycle implements vscode.Disposable {
    private client: NewslsLanguageClient | undefined;
    private clientListeners: vscode.Disposable[] = [];
    private queue: Promise<void> = Promise.resolve();
    /** A restart queued but not begun: later restart requests join it. */
    private queuedRestart: Promise<void> | undefined;
    /** Set once a `newsls.toml` was found below the workspace root (the root itself is checked at each start). */
    private corpusBelowRoot = false;
    private disposed = false;

    constructor(
        private readonly context: vscode.ExtensionContext,
        private readonly status: ServerStatusItem,
        private readonly trace: TraceOutputChannel,
    ) {}

    start(): Promise<void> {
        return this.enqueue(() => this.doStart());
    }

    restart(): Promise<void> {
        if (this.queuedRestart !== undefined) {
            return this.queuedRestart;
        }
        const restart = this.enqueue(async () => {
            this.queuedRestart = undefined;
            await this.doStop();
            await this.doStart();
        });
        this.queuedRestart = restart;
        return restart;
    }

    stop(): Promise<void> {
        return this.enqueue(() => this.doStop());
    }

    /** The running client once pending starts and restarts are done, else undefined. */
    async running(): Promise<NewslsLanguageClient | undefined> {
        await this.queue;
        return this.client?.state === State.Running ? this.client : undefined;
    }

    /** The client if it is running right now (for notifications that must not wait). */
    get current(): NewslsLanguageClient | undefined {
        return this.client?.state === State.Running ? this.client : undefined;
    }

    private enqueue(step: () => Promise<void>): Promise<void> {
        const next = this.queue.then(() => (this.disposed ? undefined : step()));
        this.queue = next.catch(() => undefined);
        return next;
    }

    private async doStart(): Promise<void> {
        const command = resolveServerPath(this.context);
        const configuration = vscode.workspace.getConfiguration('newsls');
        const serverOptions: ServerOptions = {
            command,
            args: ['lsp', ...configuration.get<string[]>('server.extraArgs', [])],
            transport: TransportKind.stdio,
        };
        const clientOptions: LanguageClientOptions = {
            documentSelector: this.documentSelector(),
            initializationOptions: readServerSettings(),
            synchronize: {
                // No `configurationSection`: the library would send the raw `newsls` section,
                // client keys and empty defaults included. The settings are pushed below instead.
                fileEvents: vscode.workspace.createFileSystemWatcher('**/{newsls.toml,*.txt,*.md}'),
            },
            middleware: {
                workspace: {
                    // The server asks for the `newsls` section: it gets its own settings only.
                    configuration: async (params, token, next) => {
                        const fallback = await next(params, token);
                        if (fallback instanceof ResponseError) {
                            return fallback;
                        }
                        return answerConfiguration(params.items, (scopeUri) => readServerSettings(scopeUri === undefined ? undefined : vscode.Uri.parse(scopeUri)), fallback);
                    },
                },
            },
            outputChannelName: 'newsls',
            traceOutputChannel: this.trace,
            stdioOptions: {
                stdout: (input, channel) => readline.createInterface({ input, crlfDelay: Infinity }).on('line', (line) => channel.info(line)),
                // The server logs through window/logMessage at real levels; stderr lines keep a level too.
                stderr: (input, channel) => readline.createInterface({ input, crlfDelay: Infinity }).on('line', (line) => channel[stderrLevel(line)](line)),
            },
        };
        const client = new NewslsLanguageClient(serverOptions, clientOptions, this.status);
        this.client = client;
        this.clientListeners.push(client.onDidChangeState((change) => this.status.setState(change.newState)));
        try {
            await client.start();
        } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            this.status.setFailure(`${command}: ${message}`);
            void vscode.window.showErrorMessage(`newsls: could not start \`${command} lsp\` (${message}). Set "newsls.server.path" to the newsls binary.`);
            return;
        }
        this.lookForCorpusBelowRoot();
    }

    private async doStop(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        for (const listener of this.clientListeners.splice(0)) {
            listener.dispose();
        }
        if (client === undefined) {
            return;
        }
        this.status.setState(State.Starting);
        // dispose() stops a running client (shutdown, exit) and frees its features; a client
        // whose start failed has nothing to stop.
        await client.dispose(5000).catch(() => undefined);
    }

    /**
     * `news` files are always checked; plaintext and markdown only in a workspace with a
     * `newsls.toml` or when `newsls.enable` is on, so that READMEs elsewhere stay quiet. Only the
     * roots are looked at here (a cheap stat); a `newsls.toml` deeper down is searched for after
     * the server started, and restarts it with plain text and Markdown when found.
     */
    private documentSelector(): DocumentSelector {
        const selector: DocumentSelector = [
            { scheme: 'file', language: 'news' },
            { scheme: 'untitled', language: 'news' },
        ];
        if (this.checksPlainText()) {
            for (const language of ['plaintext', 'markdown']) {
                selector.push({ scheme: 'file', language }, { scheme: 'untitled', language });
            }
        }
        return selector;
    }

    private checksPlainText(): boolean {
        const enabled = vscode.workspace.getConfiguration('newsls').get<boolean>('enable', false);
        const atRoot = (vscode.workspace.workspaceFolders ?? []).some((folder) => folder.uri.scheme === 'file' && fs.existsSync(path.join(folder.uri.fsPath, 'newsls.toml')));
        return enabled || atRoot || this.corpusBelowRoot;
    }

    private lookForCorpusBelowRoot(): void {
        if (this.checksPlainText() || (vscode.workspace.workspaceFolders ?? []).length === 0) {
            return;
        }
        const cancel = new vscode.CancellationTokenSource();
        const timer = setTimeout(() => cancel.cancel(), 20000);
        void Promise.resolve(vscode.workspace.findFiles('**/newsls.toml', '**/{node_modules,.git}/**', 1, cancel.token))
            .then((found) => {
                if (found.length > 0 && !this.disposed) {
                    this.corpusBelowRoot = true;
                    void this.restart();
                }
            })
            .catch(() => undefined)
            .finally(() => {
                clearTimeout(timer);
                cancel.dispose();
            });
    }

    dispose(): void {
        this.disposed = true;
    }

    /** Stops the client for deactivation. */
    async shutdown(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        this.disposed = true;
        await client?.dispose(2000).catch(() => undefined);
    }
}

let lifecycle: ServerLifecycle | undefined;

export function activate(context: vscode.ExtensionContext): void {
    const status = new ServerStatusItem();
    const timeline = new TimelineDocument();
    const trace = new TraceOutputChannel();
    const server = new ServerLifecycle(context, status, trace);
    lifecycle = server;
    const fetchTimeline = () => fetchTimelineEvents(server);
    let diagnosticsTimer: ReturnType<typeof setTimeout> | undefined;
    /** Settings went to the server: the inline views are refreshed once it re-published its diagnostics. */
    let settingsPushed = false;
    context.subscriptions.push(
        status,
        timeline,
        trace,
        server,
        vscode.workspace.registerTextDocumentContentProvider(TIMELINE_SCHEME, timeline),
        vscode.languages.registerDocumentLinkProvider({ scheme: TIMELINE_SCHEME }, timeline),
        vscode.commands.registerCommand('newsls.restartServer', () => server.restart()),
        vscode.commands.registerCommand('newsls.showTimeline', () => {
            TimelinePanel.show(fetchTimeline);
        }),
        vscode.commands.registerCommand('newsls.showTimelineText', () => showTimelineText(server, timeline)),
        vscode.commands.registerCommand('newsls.reindexWorkspace', () => reindex(server)),
        vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, {
            async deserializeWebviewPanel(panel, state) {
                TimelinePanel.revive(panel, fetchTimeline, state);
            },
        }),
        // The server re-analysed something: the open timeline asks again, and after a settings
        // change the inline views too (debounced).
        vscode.languages.onDidChangeDiagnostics(() => {
            if (diagnosticsTimer !== undefined) {
                clearTimeout(diagnosticsTimer);
            }
            diagnosticsTimer = setTimeout(() => {
                TimelinePanel.refreshIfOpen(0);
                if (settingsPushed) {
                    settingsPushed = false;
                    server.current?.refreshInlineViews();
                }
            }, 300);
        }),
        vscode.workspace.onDidChangeConfiguration((change) => {
            // Which files are checked and which binary runs are fixed when the client starts.
            if (change.affectsConfiguration('newsls.enable') || change.affectsConfiguration('newsls.server')) {
                void server.restart();
            } else if (affectsServerSettings(change)) {
                settingsPushed = pushServerSettings(server);
            }
        }),
    );
    // Not awaited: activation ends now, the server starts in the background.
    void server.start();
}

export async function deactivate(): Promise<void> {
    await lifecycle?.shutdown();
    lifecycle = undefined;
}

/** Sends the server its settings (only its own keys) after a change, as `didChangeConfiguration`. */
function pushServerSettings(server: ServerLifecycle): boolean {
    const client = server.current;
    if (client === undefined) {
        // Not running: the next start sends them as initializationOptions.
        return false;
    }
    client.sendNotification(DidChangeConfigurationNotification.type, didChangeConfigurationParams(readServerSettings())).catch((error: unknown) => {
        client.warn('newsls: could not send the changed settings', error, false);
    });
    return true;
}

/** The binary to run: the setting `newsls.server.path`, else the one bundled under `server/`, else `newsls` on PATH. */
function resolveServerPath(context: vscode.ExtensionContext): string {
    const configured = vscode.workspace.getConfiguration('newsls').get<string>('server.path', '').trim();
    if (configured !== '') {
        return configured.startsWith('~/') ? path.join(os.homedir(), configured.slice(2)) : configured;
    }
    const bundled = context.asAbsolutePath(path.join('server', process.platform === 'win32' ? 'newsls.exe' : 'newsls'));
    return fs.existsSync(bundled) ? bundled : 'newsls';
}

/**
 * The dated events of the whole workspace, from `newsls/timeline`; from the `timeline`
 * workspace symbols for a server that does not know the request. Undefined when no server runs.
 */
async function fetchTimelineEvents(server: ServerLifecycle): Promise<TimelineEvent[] | undefined> {
    const client = await server.running();
    if (client === undefined) {
        return undefined;
    }
    try {
        return parseTimelineResult(await client.sendRequest(TIMELINE_REQUEST, timelineParams()));
    } catch (error) {
        if (error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound) {
            return timelineFromWorkspaceSymbols(await client.sendRequest('workspace/symbol', { query: '' }));
        }
        throw error;
    }
}

/** The timeline as a text document, one line per event, each a link to its article. */
async function showTimelineText(server: ServerLifecycle, timeline: TimelineDocument): Promise<void> {
    const events = await fetchTimelineEvents(server);
    if (events === undefined) {
        void vscode.window.showWarningMessage('newsls: the language server is not running.');
        return;
    }
    timeline.update(events);
    const document = await vscode.workspace.openTextDocument(TIMELINE_URI);
    await vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Re-reads the workspace: through the server's `newsls.reindex` command when it announces one,
 * else by restarting the server, which indexes the workspace when it starts.
 */
async function reindex(server: ServerLifecycle): Promise<void> {
    const client = await server.running();
    const commands = client?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    if (client !== undefined && commands.includes(REINDEX_COMMAND)) {
        await client.sendRequest('workspace/executeCommand', { command: REINDEX_COMMAND, arguments: [] });
        return;
    }
    await server.restart();
}
