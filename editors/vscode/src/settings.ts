// The user's `newsls.*` settings that change what the server reports, in the shape the server
// reads from initializationOptions and from the `newsls` section of workspace/configuration.

import * as vscode from 'vscode';

/** The user's `newsls.*` settings that change what the server reports, sent as initializationOptions and on change. */
export interface ServerSettings {
    rules: Record<string, string>;
    publicationDate: string | null;
    /** Left out when empty: an empty list would tell the server to index nothing. */
    include?: string[];
}

export function readServerSettings(): ServerSettings {
    const configuration = vscode.workspace.getConfiguration('newsls');
    const publicationDate = configuration.get<string>('publicationDate', '').trim();
    const include = configuration.get<string[]>('include', []);
    return {
        rules: configuration.get<Record<string, string>>('rules', {}),
        publicationDate: publicationDate === '' ? null : publicationDate,
        ...(include.length > 0 ? { include } : {}),
    };
}
