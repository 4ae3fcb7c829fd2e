// Drives the VS Code workbench (code-server in Chromium, through playwright-core) the way a user
// does: keyboard shortcuts, the command palette, the mouse; and reads what it shows from the DOM.
// Used by vscode.test.mjs; run.sh sets the environment (see there).

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// playwright-core is installed in the editors cache, not beside this file.
const require = createRequire(path.join(process.env.NEWSLS_E2E_MODULES ?? path.join(import.meta.dirname, 'node_modules'), 'index.js'));
const { chromium } = require('playwright-core');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const SHOTS = process.env.NEWSLS_E2E_SHOTS;
let shotNumber = 0;

/** Starts Chromium; only 127.0.0.1 is reachable from the page (anything else is aborted). */
export async function launch() {
    const browser = await chromium.launch({
        executablePath: process.env.NEWSLS_E2E_CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--proxy-server=direct://', '--proxy-bypass-list=*'],
    });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    await context.route(/.*/, (route) => {
        const url = new URL(route.request().url());
        return url.protocol.startsWith('http') && url.hostname !== '127.0.0.1' ? route.abort() : route.continue();
    });
    const page = await context.newPage();
    const notifications = [];
    return { browser, page, notifications };
}

/** Saves a screenshot under NEWSLS_E2E_SHOTS and prints its path. */
export async function shot(page, name) {
    shotNumber += 1;
    const file = path.join(SHOTS, `${String(shotNumber).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    console.log(`# screenshot ${file}`);
    return file;
}

/** Polls `read` until `accept` likes its value; returns the last value either way. */
export async function until(read, accept, timeoutMs = 30000, intervalMs = 250) {
    const deadline = Date.now() + timeoutMs;
    let value = await read();
    while (!accept(value) && Date.now() < deadline) {
        await sleep(intervalMs);
        value = await read();
    }
    return value;
}

export async function openWorkbench(page, folder) {
    await page.goto(`${process.env.NEWSLS_E2E_URL}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120000 });
    await page.locator('.explorer-item').first().waitFor({ timeout: 60000 });
}

/** Opens a file of the workspace from the Explorer (double click: a pinned editor) and waits for its editor. */
export async function openFromExplorer(page, name) {
    await page.locator('.explorer-item', { hasText: name }).first().dblclick();
    await page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 20000 });
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: 20000 });
}

/** Runs a command from the command palette, by its title. */
export async function runCommand(page, title) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 15000 });
    await sleep(300);
    await page.keyboard.press('Enter');
    await sleep(300);
}

/** The status bar entries, "id=label". */
export function statusBar(page) {
    return page.evaluate(() => Array.from(document.querySelectorAll('.statusbar-item')).map((item) => `${item.id}=${(item.getAttribute('aria-label') || item.textContent || '').trim()}`));
}

/** The newsls status bar item's label (e.g. "check newsls, newsls: ready. …"). */
export async function newslsStatus(page) {
    return (await statusBar(page)).find((entry) => entry.includes('newsls.status')) ?? '';
}

/** The notification toasts on screen and in the notification centre. */
export function notificationTexts(page) {
    return page.$$eval('.notification-toast, .notifications-center .notification-list-item', (items) => items.map((item) => (item.getAttribute('aria-label') || item.textContent || '').replace(/\s+/g, ' ').trim()));
}

/** Shows the Problems panel and returns its rows' labels. */
export async function problemsRows(page) {
    if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) {
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel').waitFor({ timeout: 10000 });
        await sleep(500);
    }
    return page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((row) => row.getAttribute('aria-label') || ''));
}

/**
 * What the Problems panel lists for one file: the count on its file row and the severity of
 * each of its rows (VS Code lists errors, warnings and infos; hints are only drawn in the editor).
 */
export async function problemsOf(page, name) {
    const rows = await problemsRows(page);
    const start = rows.findIndex((row) => row.includes(`in file ${name}`));
    if (start < 0) {
        return { count: 0, severities: {}, rows };
    }
    const count = Number(/^(\d+) problems?/.exec(rows[start])?.[1] ?? NaN);
    const severities = {};
    for (const row of rows.slice(start + 1)) {
        const match = /^(Error|Warning|Info):/.exec(row);
        if (match === null) {
            break;
        }
        severities[match[1]] = (severities[match[1]] ?? 0) + 1;
    }
    return { count, severities, rows: rows.slice(start) };
}

/** The text shown in the active editor's lines, with spaces as spaces. */
export function editorLines(page) {
    return page.$$eval('.editor-group-container.active .monaco-editor .view-lines .view-line', (lines) => lines.map((line) => line.textContent.replace(/\u00a0/g, ' ')));
}

/** Moves the mouse over `word` where the active editor shows `before + word` and returns the hover's text. */
export async function hover(page, before, word) {
    await page.mouse.move(5, 600);
    await page.keyboard.press('Escape');
    await sleep(300);
    const where = await page.evaluate(([before, word]) => {
        for (const line of document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line')) {
            const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const index = node.data.replace(/\u00a0/g, ' ').indexOf(before + word);
                if (index < 0) {
                    continue;
                }
                const range = document.createRange();
                range.setStart(node, index + before.length);
                range.setEnd(node, index + before.length + word.length);
                const box = range.getBoundingClientRect();
                return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
            }
        }
        return null;
    }, [before, word]);
    if (where === null) {
        throw new Error(`"${before}${word}" is not on screen`);
    }
    // Only the hover on screen: VS Code keeps earlier hovers' content hidden in the page.
    const visible = page.locator('.monaco-hover-content:visible');
    const shown = async () => (await visible.allInnerTexts()).filter(Boolean).join(' | ').replace(/\s+/g, ' ');
    // On a loaded machine VS Code can drop a hover whose mouse move arrived while the editor
    // was still laying out: move away and back, as a user would, before giving up.
    let text = '';
    for (let attempt = 0; attempt < 3 && text.length === 0; attempt++) {
        await page.mouse.move(where.x, where.y - 30);
        await page.mouse.move(where.x, where.y, { steps: 5 });
        text = await until(shown, (value) => value.length > 0, 5000).catch(() => '');
    }
    return text;
}

export async function hideHover(page) {
    await page.mouse.move(5, 600);
    await page.keyboard.press('Escape');
}

/** Puts the keyboard focus in the active editor (Ctrl+1: "View: Focus First Editor Group"). */
export async function focusEditor(page) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+1');
    await sleep(200);
}

/** Moves the cursor of the active editor to a 1-based line and column with "Go to Line". */
export async function goToLine(page, line, column = 1) {
    await focusEditor(page);
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await sleep(300);
    await page.keyboard.press('Enter');
    await sleep(300);
}

/**
 * Replaces the user settings through VS Code's settings.json editor, as a user would, and saves
 * (settings written to disk behind VS Code's back are not seen by an open window).
 */
export async function setUserSettings(page, settings) {
    await runCommand(page, 'Preferences: Open User Settings (JSON)');
    // The settings.json editor has the keyboard focus once it shows the settings the test started with.
    await page.waitForFunction(() => /"workbench\.startupEditor"/.test(document.activeElement?.closest('.monaco-editor')?.textContent?.replace(/\u00a0/g, ' ') ?? ''), null, { timeout: 20000 });
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify(settings, null, 2));
    await page.keyboard.press('Control+S');
    await until(() => page.locator('.tab.active.dirty').count(), (count) => count === 0, 10000);
    await page.keyboard.press('Control+W');
    await sleep(300);
}

/** The webview frame whose document has `selector` (webviews are nested iframes). */
export async function webviewFrame(page, selector, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        for (const frame of page.frames()) {
            if (await frame.$(selector).catch(() => null)) {
                return frame;
            }
        }
        await sleep(250);
    }
    throw new Error(`no webview shows ${selector}`);
}

/** The newsls output channel's log file of this run (the extension host writes it). */
export function newslsLog(dataDir) {
    const logs = path.join(dataDir, 'logs');
    const found = [];
    const walk = (folder) => {
        for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
            const full = path.join(folder, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else if (entry.name === 'newsls.log' && folder.endsWith('newsls.newsls')) {
                found.push(full);
            }
        }
    };
    if (fs.existsSync(logs)) {
        walk(logs);
    }
    return found.map((file) => fs.readFileSync(file, 'utf8')).join('');
}
