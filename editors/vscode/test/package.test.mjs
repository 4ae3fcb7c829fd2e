// Checks that the extension's manifest (package.json) agrees with the server and the source:
// the rule names offered in `newsls.rules` are the rules of docs/rules.md, every contributed
// command is registered in src/, every setting has a description, and the `news` language
// covers *.news.txt and *.news.md.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = path.join(here, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;

test('package.json: newsls.rules offers exactly the rules of docs/rules.md', () => {
    const documented = [...fs.readFileSync(path.join(extension, '..', '..', 'docs', 'rules.md'), 'utf8').matchAll(/^## ([a-z0-9-]+)$/gm)].map((match) => match[1]);
    assert.ok(documented.length > 0, 'no rules found in docs/rules.md');
    assert.deepEqual([...properties['newsls.rules'].propertyNames.enum].sort(), [...documented].sort());
    assert.deepEqual(properties['newsls.rules'].additionalProperties.enum, ['error', 'warning', 'information', 'hint', 'off']);
});

test('package.json: every contributed command is registered by the extension', () => {
    const source = fs.readdirSync(path.join(extension, 'src')).map((name) => fs.readFileSync(path.join(extension, 'src', name), 'utf8')).join('\n');
    for (const { command, title } of manifest.contributes.commands) {
        assert.ok(source.includes(`registerCommand('${command}'`), `${command} (${title}) is not registered in src/`);
    }
});

test('package.json: every setting has a description, and the issue\'s settings are there', () => {
    for (const [name, schema] of Object.entries(properties)) {
        assert.ok((schema.markdownDescription ?? schema.description ?? '').length > 20, `${name} has no description`);
    }
    for (const name of ['newsls.server.path', 'newsls.rules', 'newsls.publicationDate', 'newsls.include', 'newsls.trace.server', 'newsls.enable']) {
        assert.ok(name in properties, `${name} is missing`);
    }
});

test('package.json: the news language covers *.news.txt and *.news.md, and activates the extension', () => {
    const news = manifest.contributes.languages.find((language) => language.id === 'news');
    assert.deepEqual(news.extensions, ['.news.txt', '.news.md']);
    assert.ok(manifest.activationEvents.includes('onLanguage:news'));
    // Only the root is looked at on start-up: a `**` glob makes VS Code search the whole tree (issue 15).
    assert.ok(manifest.activationEvents.includes('workspaceContains:newsls.toml'));
    assert.ok(!manifest.activationEvents.some((event) => event.startsWith('workspaceContains:') && event.includes('*')), JSON.stringify(manifest.activationEvents));
});

test('package.json: no `synchronize.configurationSection` (the raw section would reach the server) and the trace setting names its channel', () => {
    const extension_ts = fs.readFileSync(path.join(extension, 'src', 'extension.ts'), 'utf8');
    assert.doesNotMatch(extension_ts, /configurationSection\s*:/);
    assert.match(extension_ts, /configuration: async \(params, token, next\)/);
    assert.match(properties['newsls.trace.server'].markdownDescription, /newsls \(trace\)/);
    assert.ok(manifest.activationEvents.includes('onWebviewPanel:newsls.timeline'));
});
