// Checks the packaged extension (`newsls-linux-x64.vsix`, made by `vsce package --target
// linux-x64`): it targets linux-x64, holds the compiled extension and its runtime dependencies,
// and bundles an executable `newsls` that runs once extracted the way VS Code extracts it.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';

const here = path.dirname(fileURLToPath(import.meta.url));
const vsixPath = process.env.NEWSLS_VSIX ?? path.join(here, '..', 'newsls-linux-x64.vsix');

/** name -> { mode, read() } for every entry of the zip. */
let entries;

function readZip(file) {
    return new Promise((resolve, reject) => {
        yauzl.open(file, { lazyEntries: true }, (openError, zip) => {
            if (openError) {
                reject(openError);
                return;
            }
            const found = new Map();
            zip.on('entry', (entry) => {
                // The high 16 bits of the external attributes hold the Unix mode of the file.
                const mode = (entry.externalFileAttributes >>> 16) & 0o7777;
                zip.openReadStream(entry, (streamError, stream) => {
                    if (streamError) {
                        reject(streamError);
                        return;
                    }
                    const chunks = [];
                    stream.on('data', (chunk) => chunks.push(chunk));
                    stream.on('end', () => {
                        found.set(entry.fileName, { mode, data: Buffer.concat(chunks) });
                        zip.readEntry();
                    });
                });
            });
            zip.on('end', () => resolve(found));
            zip.on('error', reject);
            zip.readEntry();
        });
    });
}

before(async () => {
    assert.ok(fs.existsSync(vsixPath), `no ${vsixPath}: run editors/test.sh (it runs vsce package)`);
    entries = await readZip(vsixPath);
});

test('vsix: the manifest targets linux-x64 and names the extension', () => {
    const manifest = entries.get('extension.vsixmanifest')?.data.toString('utf8');
    assert.ok(manifest, 'no extension.vsixmanifest');
    assert.match(manifest, /TargetPlatform="linux-x64"/);
    assert.match(manifest, /Id="newsls"/);
});

test('vsix: it holds the compiled extension and vscode-languageclient', () => {
    const packageJson = JSON.parse(entries.get('extension/package.json').data.toString('utf8'));
    const main = path.posix.normalize(path.posix.join('extension', packageJson.main));
    assert.ok(entries.has(main.endsWith('.js') ? main : `${main}.js`), `no ${main} in the vsix`);
    assert.ok(entries.has('extension/node_modules/vscode-languageclient/package.json'), 'vscode-languageclient is not bundled');
    assert.ok(![...entries.keys()].some((name) => name.startsWith('extension/src/') || name.startsWith('extension/test/')), 'sources or tests were packaged');
});

test('vsix: it bundles an executable newsls that runs after extraction', () => {
    const server = entries.get('extension/server/newsls');
    assert.ok(server, 'no extension/server/newsls in the vsix');
    assert.ok(server.mode & 0o100, `extension/server/newsls is not executable (mode ${server.mode.toString(8)})`);
    assert.equal(server.data.subarray(0, 4).toString('latin1'), '\x7fELF', 'extension/server/newsls is not an ELF binary');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsls-vsix-'));
    try {
        const extracted = path.join(folder, 'newsls');
        fs.writeFileSync(extracted, server.data, { mode: server.mode });
        const version = execFileSync(extracted, ['--version'], { encoding: 'utf8' });
        assert.match(version, /^newsls \d+\.\d+\.\d+/);
    } finally {
        fs.rmSync(folder, { recursive: true, force: true });
    }
});
