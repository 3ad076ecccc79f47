import fs from 'node:fs';

/** Flags that make Debian's Chromium start headless in a container without a network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * How the browser tests and the canvas benchmark start Chromium: Debian's build (or
 * PAJA_CHROMIUM), never a browser download, which cannot work here.
 */
export function chromiumLaunchOptions(): {
  executablePath: string;
  args: string[];
  headless: true;
} {
  const executablePath = process.env.PAJA_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}; set PAJA_CHROMIUM or install it.`);
  }
  return { executablePath, args: [...CHROMIUM_ARGS], headless: true };
}
