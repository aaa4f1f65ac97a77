// Debian's Chromium, driven by playwright-core, in a fresh profile per test file.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

// Headless, and no background networking: this machine's network is closed.
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Starts Chromium: a browser context whose close() also removes its profile.
 * @param args extra Chromium flags
 * @param options more launchPersistentContext options (ignoreHTTPSErrors for a self-signed hub)
 */
export async function launchBrowser({ args = [], ...options } = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'herald-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_FLAGS, ...args],
    ...options,
  });
  const closeContext = context.close.bind(context);
  context.close = async () => {
    await closeContext();
    rmSync(profile, { recursive: true, force: true });
  };
  return context;
}
