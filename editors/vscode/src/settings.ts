// The user's `newsls.*` settings that change what the server reports, in the shape the server
// reads from initializationOptions, from the `newsls` section of workspace/configuration and from
// didChangeConfiguration. The client's own keys (`enable`, `server`, `trace`) never go to the server.

import * as vscode from 'vscode';
import { ServerSettings, serverSettingsFrom } from './protocol';

export type { ServerSettings } from './protocol';

/** The settings that change what the server reports (not the client's own). */
export const SERVER_SETTING_KEYS = ['rules', 'publicationDate', 'include'] as const;

export function readServerSettings(scope?: vscode.Uri): ServerSettings {
    const configuration = vscode.workspace.getConfiguration('newsls', scope);
    return serverSettingsFrom({
        rules: configuration.get('rules'),
        publicationDate: configuration.get('publicationDate'),
        include: configuration.get('include'),
    });
}

/** Whether a settings change touches what the server reads. */
export function affectsServerSettings(change: vscode.ConfigurationChangeEvent): boolean {
    return SERVER_SETTING_KEYS.some((key) => change.affectsConfiguration(`newsls.${key}`));
}
