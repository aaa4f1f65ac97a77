// Debian's Chromium, driven by playwright-core, in a fresh profile per test file.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

// Headless, and no background networking: this machine's network is closed.
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts Chromium: a browser context whose close() also removes its profile. */
export async function launchBrowser() {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'herald-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  const closeContext = context.close.bind(context);
  context.close = async () => {
    await closeContext();
    rmSync(profile, { recursive: true, force: true });
  };
  return context;
}
