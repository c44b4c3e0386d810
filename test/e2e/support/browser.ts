/**
 * Debian chromium driven by playwright-core: headless, no sandbox (containers),
 * no background traffic, a fresh profile each time.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]

/** Where screenshots go (git-ignored). */
export const OUTPUT_DIR = resolve(import.meta.dirname, '../../../test-output')

export interface Browser {
  context: BrowserContext
  page: Page
  close: () => Promise<void>
}

export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing: run \`bash test/setup/ensure-browser.sh\` (or \`npm test\`, which runs it first).`
}

export async function openBrowser(viewport = { width: 1440, height: 900 }): Promise<Browser> {
  const missing = chromiumMissing()
  if (missing) throw new Error(missing)
  const profile = mkdtempSync(join(tmpdir(), 'sixfold-chromium-'))
  // A persistent context on a fresh folder is how playwright takes --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'en-GB',
    acceptDownloads: true,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined)
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true })
  const path = join(OUTPUT_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: false })
  return path
}
