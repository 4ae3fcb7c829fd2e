// A minimal LSP client for the tests, built on vscode-languageserver-protocol (the library
// vscode-languageclient itself talks through) and announcing the capabilities VS Code's client
// announces, so the server is exercised the way the extension exercises it.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import {
    createProtocolConnection,
    StreamMessageReader,
    StreamMessageWriter,
    PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol/node';

/**
 * The client capabilities vscode-languageclient 11 fills in (see its `lib/common/*.js`
 * `fillClientCapabilities`), reduced to what a news-article server can use. The important one is
 * `general.positionEncodings: ['utf-16']`: VS Code only speaks UTF-16 columns.
 */
export const VSCODE_CLIENT_CAPABILITIES = {
    general: {
        positionEncodings: ['utf-16'],
        markdown: { parser: 'marked', version: '1.1.0' },
        regularExpressions: { engine: 'ECMAScript', version: 'ES2020' },
        staleRequestSupport: { cancel: true, retryOnContentModified: [] },
    },
    window: {
        workDoneProgress: true,
        showMessage: { messageActionItem: { additionalPropertiesSupport: true } },
        showDocument: { support: true },
    },
    workspace: {
        applyEdit: true,
        workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'textOnlyTransactional', normalizesLineEndings: true },
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
        symbol: { dynamicRegistration: true },
        executeCommand: { dynamicRegistration: true },
        configuration: true,
        workspaceFolders: true,
        diagnostics: { refreshSupport: true },
    },
    textDocument: {
        synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
        publishDiagnostics: {
            relatedInformation: true,
            versionSupport: false,
            tagSupport: { valueSet: [1, 2] },
            codeDescriptionSupport: true,
            dataSupport: true,
        },
        hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
        definition: { dynamicRegistration: true, linkSupport: true },
        references: { dynamicRegistration: true },
        documentHighlight: { dynamicRegistration: true },
        documentSymbol: {
            dynamicRegistration: true,
            symbolKind: { valueSet: Array.from({ length: 26 }, (_, index) => index + 1) },
            hierarchicalDocumentSymbolSupport: true,
            tagSupport: { valueSet: [1] },
            labelSupport: true,
        },
        codeAction: {
            dynamicRegistration: true,
            isPreferredSupport: true,
            disabledSupport: true,
            dataSupport: true,
            resolveSupport: { properties: ['edit'] },
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } },
            honorsChangeAnnotations: true,
        },
        inlayHint: { dynamicRegistration: true, resolveSupport: { properties: ['tooltip', 'textEdits', 'label.tooltip', 'label.location', 'label.command'] } },
        diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    },
};

/** Starts `serverPath lsp` and returns a connection with helpers to wait for diagnostics. */
export async function startServer(serverPath, workspaceFolder, { stderrLog = [] } = {}) {
    const child = spawn(serverPath, ['lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.on('data', (chunk) => stderrLog.push(chunk.toString()));
    // If the server dies before answering `initialize`, fail with what it printed rather than EPIPE.
    const earlyExit = new Promise((_, reject) => {
        child.once('error', reject);
        child.once('exit', (code, signal) => reject(new Error(`${serverPath} lsp exited (${signal ?? code}) before initializing:\n${stderrLog.join('')}`)));
    });
    earlyExit.catch(() => undefined);
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));

    const diagnosticsByUri = new Map();
    const diagnosticWaiters = [];
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
        diagnosticsByUri.set(params.uri, params.diagnostics);
        for (const waiter of [...diagnosticWaiters]) {
            if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
                diagnosticWaiters.splice(diagnosticWaiters.indexOf(waiter), 1);
                waiter.resolve(params.diagnostics);
            }
        }
    });
    const notifications = [];
    connection.onNotification((method, params) => notifications.push({ method, params }));
    // Server-to-client requests VS Code answers; a server may wait on any of them.
    // VS Code's default `newsls` section, answered the way the extension answers it (out/protocol.js).
    const { answerConfiguration, serverSettingsFrom } = createRequire(import.meta.url)('../out/protocol.js');
    const defaults = { enable: false, server: { path: '', extraArgs: [] }, rules: {}, publicationDate: '', include: [], trace: { server: 'off' } };
    connection.onRequest('workspace/configuration', (params) => answerConfiguration(params.items, () => serverSettingsFrom(defaults), params.items.map(() => null)));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(workspaceFolder).href, name: 'corpus' }]);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.listen();

    let initializeResult;
    try {
        initializeResult = await Promise.race([
            earlyExit,
            connection.sendRequest('initialize', {
                processId: process.pid,
                clientInfo: { name: 'Visual Studio Code', version: '1.91.0' },
                locale: 'en',
                rootUri: pathToFileURL(workspaceFolder).href,
                workspaceFolders: [{ uri: pathToFileURL(workspaceFolder).href, name: 'corpus' }],
                capabilities: VSCODE_CLIENT_CAPABILITIES,
                initializationOptions: createRequire(import.meta.url)('../out/protocol.js').serverSettingsFrom({ rules: {}, publicationDate: '', include: [] }),
                trace: 'off',
            }),
        ]);
    } catch (error) {
        // A write to a dead server fails (EPIPE) before its exit is seen: wait for its last words.
        await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 2000))]);
        throw new Error(`${serverPath} lsp did not initialize (${error.message}); stderr:\n${stderrLog.join('')}`);
    }
    connection.sendNotification('initialized', {});

    return {
        child,
        connection,
        initializeResult,
        notifications,
        diagnosticsByUri,
        /** Resolves with the first diagnostics for `uri` that `accept` likes, or rejects after `timeoutMs`. */
        waitForDiagnostics(uri, accept = () => true, timeoutMs = 20000) {
            const current = diagnosticsByUri.get(uri);
            if (current !== undefined && accept(current)) {
                return Promise.resolve(current);
            }
            return new Promise((resolve, reject) => {
                const waiter = { uri, accept, resolve };
                diagnosticWaiters.push(waiter);
                setTimeout(() => {
                    const index = diagnosticWaiters.indexOf(waiter);
                    if (index >= 0) {
                        diagnosticWaiters.splice(index, 1);
                        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(diagnosticsByUri.get(uri) ?? null).slice(0, 2000)}`));
                    }
                }, timeoutMs);
            });
        },
        /** Sends shutdown and exit, and resolves with the server's exit code. */
        async shutdown(timeoutMs = 10000) {
            const exited = once(child, 'exit');
            await connection.sendRequest('shutdown');
            connection.sendNotification('exit');
            const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
            const [code, signal] = await exited;
            clearTimeout(timer);
            connection.dispose();
            return signal === null ? code : signal;
        },
    };
}

/** The text a UTF-16 LSP range covers, sliced the way VS Code slices it (JS strings are UTF-16). */
export function sliceRange(text, range) {
    const lines = text.split(/\r\n|\r|\n/);
    if (range.start.line === range.end.line) {
        return lines[range.start.line].slice(range.start.character, range.end.character);
    }
    const parts = [lines[range.start.line].slice(range.start.character)];
    for (let line = range.start.line + 1; line < range.end.line; line += 1) {
        parts.push(lines[line]);
    }
    parts.push(lines[range.end.line].slice(0, range.end.character));
    return parts.join('\n');
}

/** The UTF-16 position of the `occurrence`-th (0-based) `needle` in `text`. */
export function positionOf(text, needle, occurrence = 0) {
    let offset = -1;
    for (let seen = 0; seen <= occurrence; seen += 1) {
        offset = text.indexOf(needle, offset + 1);
        if (offset < 0) {
            throw new Error(`${JSON.stringify(needle)} occurs fewer than ${occurrence + 1} times`);
        }
    }
    const before = text.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: before.length - 1, character: before[before.length - 1].length };
}
