/**
 * The web UI in a real browser (Debian chromium via playwright-core) against
 * the real server process on a temporary database with a small copy of the
 * demo corpora. Each test saves a screenshot under test-output/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openBrowser, screenshot, type Browser } from './support/browser.ts'
import { writeCorporaFixture } from './support/corpora.ts'
import { buildWeb, ROOT, startServer, type RunningServer } from './support/server.ts'

let server: RunningServer
let browser: Browser
let page: Page
let corpora: string

beforeAll(async () => {
  buildWeb()
  corpora = writeCorporaFixture(mkdtempSync(join(tmpdir(), 'sixfold-corpora-')), { devsetLines: 300 })
  server = await startServer({ corporaDir: corpora })
  browser = await openBrowser()
  page = browser.page
  page.setDefaultTimeout(20_000)
  // Every Content-Security-Policy violation on any page of these tests is reported and collected.
  await browser.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`csp-violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`))
  })
  page.on('console', (message) => {
    if (message.text().startsWith('csp-violation:') || /Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`)
  })
})

const cspViolations: string[] = []

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (corpora) rmSync(corpora, { recursive: true, force: true })
})

/** Fails with a clear reason when the server does not have an endpoint the view needs. */
async function requireEndpoint(path: string): Promise<void> {
  const res = await fetch(`${server.url}${path}`)
  if (res.status === 404) {
    const body = (await res.json().catch(() => ({}))) as { message?: string }
    if (body.message?.startsWith('no such endpoint')) throw new Error(`server endpoint missing: ${body.message}`)
  }
}

describe('web UI in chromium', () => {
  it('searches a Chinese term: rows in six languages, query highlighted, Arabic right to left, Enter opens the row in its document', async () => {
    await page.goto(`${server.url}/`)
    await page.keyboard.press('/')
    await page.keyboard.type('可持续发展')
    await page.keyboard.press('Enter')
    await page.waitForURL(/q=/)
    await page.locator('article.hit').first().waitFor()
    await expect.poll(() => page.locator('[data-test=detected]').textContent()).toBe('Detected Chinese')
    expect(await page.locator('.result-summary').textContent()).toMatch(/\d+ segments? with “可持续发展”/)

    const row = page.locator('article.hit').first()
    expect(await row.locator('[data-lang=zh] mark.query').first().textContent()).toBe('可持续发展')
    expect(await row.locator('.cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-lang')))).toEqual(['zh', 'en', 'fr', 'es', 'ru', 'ar'])
    // Arabic right to left and right-aligned; Chinese and Arabic in Noto fonts
    const arCell = row.locator('.cell[data-lang=ar]')
    expect(await arCell.getAttribute('dir')).toBe('rtl')
    expect(await arCell.evaluate((el) => getComputedStyle(el).textAlign)).toMatch(/right|start/)
    expect(await row.locator('.cell[data-lang=zh]').evaluate((el) => getComputedStyle(el).fontFamily)).toContain('Noto Sans CJK SC')
    expect(await arCell.evaluate((el) => getComputedStyle(el).fontFamily)).toContain('Noto Naskh Arabic')
    // the six languages sit side by side on a wide screen
    const tops = await row.locator('.cell').evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().top)))
    expect(new Set(tops).size).toBe(1)
    // ...and stacked, each with its language, on a narrow one
    await page.setViewportSize({ width: 420, height: 900 })
    const narrowTops = await row.locator('.cell').evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().top)))
    expect(new Set(narrowTops).size).toBe(6)
    expect(await row.locator('.cell[data-lang=ru] .cell-lang').isVisible()).toBe(true)
    await screenshot(page, 'web-search-narrow')
    await page.setViewportSize({ width: 1440, height: 900 })

    // j moves to the next row, Enter opens it in its document
    const second = (await page.locator('article.hit').nth(1).locator('[data-lang=zh]').textContent())!.slice(2).trim()
    await page.locator('.result-summary').click()
    await page.keyboard.press('j')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/alignment\/.+group=/)
    const active = page.locator('article.bead.active')
    await active.waitFor()
    expect(await active.locator('[data-lang=zh]').textContent()).toContain(second)
    await screenshot(page, 'web-search-opened-in-document')
  })

  it('shows the English and Arabic renderings of a Chinese term, highlighted in the rows; a click filters', async () => {
    await requireEndpoint('/api/renderings?q=x')
    await page.goto(`${server.url}/?q=${encodeURIComponent('可持续发展')}`)
    await page.locator('article.hit').first().waitFor()

    // the renderings chart lists English and Arabic renderings with counts and shares
    const chart = page.locator('section.renderings')
    await chart.waitFor({ timeout: 60_000 })
    const en = (await chart.locator('.renderings-lang', { hasText: 'English' }).locator('.rendering-text').allTextContents()).map((t) => t.toLowerCase())
    expect(en[0]).toBe('sustainable development')
    const ar = await chart.locator('.renderings-lang', { hasText: 'Arabic' }).locator('.rendering-text').allTextContents()
    expect(ar.some((t) => t.includes('التنمية المستدامة'))).toBe(true)
    expect(await chart.locator('.rendering-figures').first().textContent()).toMatch(/^\d+ · \d+%$/)

    // in the rows the query and the renderings are highlighted
    const row = page.locator('article.hit').first()
    expect((await row.locator('[data-lang=en] mark.rendering').first().textContent())?.toLowerCase()).toContain('sustainable development')
    expect(await row.locator('[data-lang=ar] mark.rendering').first().textContent()).toContain('التنمية المستدامة')
    await screenshot(page, 'web-search')

    // a click on a rendering filters the rows and goes into the URL
    await chart.locator('.renderings-lang', { hasText: 'English' }).locator('.rendering-bar').first().click()
    await page.waitForURL(/[?&]r=en/)
    await page.locator('.result-summary', { hasText: 'whose English side has' }).waitFor()
    for (const text of await page.locator('article.hit [data-lang=en]').allTextContents()) expect(text.toLowerCase()).toContain(en[0])
  })

  it('merges two beads in the alignment view, and the change is there after a reload', async () => {
    await page.goto(`${server.url}/alignment/sdg`)
    const beads = page.locator('article.bead')
    await beads.nth(2).waitFor()
    const zh2 = (await beads.nth(1).locator('[data-lang=zh] .member').first().textContent())!.trim()
    const zh3 = (await beads.nth(2).locator('[data-lang=zh] .member').first().textContent())!.trim()
    const en3 = (await beads.nth(2).locator('[data-lang=en] .member').first().textContent())!.trim()
    const totalBefore = await page.locator('.pager span').textContent()

    await beads.nth(1).click()
    await beads.nth(1).locator('button', { hasText: 'Merge with next' }).click()
    // the result is shown in all six languages before it is stored
    await page.locator('.edit-preview').waitFor()
    expect(await page.locator('.edit-preview .preview-bead').first().locator('.preview-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-lang')))).toEqual(['zh', 'en', 'fr', 'es', 'ru', 'ar'])
    await page.locator('.edit-preview button', { hasText: 'Save this edit' }).click()
    await page.locator('.notice.ok', { hasText: 'Saved' }).waitFor()

    await page.reload()
    await beads.nth(1).waitFor()
    const merged = beads.nth(1)
    expect(await merged.locator('[data-lang=zh] .member').allTextContents()).toEqual([zh2, zh3])
    expect(await merged.locator('[data-lang=en]').textContent()).toContain(en3)
    expect(await merged.locator('.badge').allTextContents()).toContain('edited')
    expect(await beads.nth(2).locator('[data-lang=zh]').textContent()).not.toContain(zh3)
    expect(totalBefore).toBeTruthy()
    await merged.click()
    await screenshot(page, 'web-alignment-merge')

    // split it again with the keyboard (the cut defaults to the middle), then confirm it
    await page.keyboard.press('s')
    await merged.locator('.cut.on').first().waitFor()
    await page.keyboard.press('Enter')
    await page.locator('.edit-preview').waitFor()
    await page.keyboard.press('Enter')
    await page.locator('.notice.ok', { hasText: 'Split bead 2' }).waitFor()
    await page.reload()
    await beads.nth(2).waitFor()
    expect(await beads.nth(1).locator('[data-lang=zh] .member').allTextContents()).toEqual([zh2])
    expect(await beads.nth(2).locator('[data-lang=zh] .member').allTextContents()).toEqual([zh3])
    await beads.nth(1).click()
    await page.keyboard.press('c')
    await page.locator('.edit-preview button', { hasText: 'Confirm in Chinese, English, French, Spanish, Russian and Arabic' }).waitFor()
    await page.keyboard.press('Enter')
    await page.locator('.notice.ok', { hasText: 'Confirmed bead 2 in Chinese, English, French, Spanish, Russian and Arabic' }).waitFor()
    await page.reload()
    await beads.nth(1).waitFor()
    expect(await beads.nth(1).locator('.badge').allTextContents()).toContain('confirmed')

    // move the English of bead 3 up into bead 2 (relink) and back into a bead of its own
    await beads.nth(2).locator('[data-lang=en]').click()
    await page.keyboard.press('[')
    await page.locator('.edit-preview').waitFor()
    await page.keyboard.press('Enter')
    await page.locator('.notice.ok', { hasText: 'Moved the English of bead 3: now in bead 2' }).waitFor()
    await page.reload()
    await beads.nth(1).waitFor()
    expect(await beads.nth(1).locator('[data-lang=en]').textContent()).toContain(en3)
  })

  it('splits a bead in the Chinese + English view and every language follows: previewed in six, stored in six', async () => {
    await page.goto(`${server.url}/alignment/udhr`)
    const bead = page.locator('article.bead', { hasText: '鉴于有必要促进各国间友好关系' })
    await bead.waitFor()
    expect(await bead.locator('.bead-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-lang')))).toEqual(['zh', 'en'])
    const id = await bead.getAttribute('data-group')
    await bead.click()
    await page.keyboard.press('s')
    await bead.locator('.cut.on').first().waitFor()
    await page.keyboard.press('Enter')
    const preview = page.locator('.edit-preview')
    await preview.waitFor()
    expect(await preview.textContent()).toContain('French, Spanish, Russian and Arabic (not given a place in this view) realigned against Chinese')
    expect(await preview.locator('.preview-bead').count()).toBe(2)
    expect(await preview.locator('.preview-bead').nth(0).locator('.preview-cell[data-lang=fr]').textContent()).toContain('relations amicales')
    expect(await preview.locator('.preview-bead').nth(1).locator('.preview-cell[data-lang=fr]').textContent()).toContain('peuples des Nations Unies')
    await screenshot(page, 'web-alignment-split-preview')
    await page.keyboard.press('Enter')
    await page.locator('.notice.ok', { hasText: 'Saved' }).waitFor()

    // all six languages, after a reload: each language's two paragraphs went one to each bead
    await page.goto(`${server.url}/alignment/udhr?show=all&group=${id}`)
    const first = page.locator(`article.bead[data-group="${id}"]`)
    await first.waitFor()
    const second = first.locator('xpath=following-sibling::article[1]')
    const cells = async (row: typeof first, lang: string) => row.locator(`[data-lang=${lang}] .member`).allTextContents()
    expect(await cells(first, 'fr')).toEqual([expect.stringContaining('relations amicales')])
    expect(await cells(second, 'fr')).toEqual([expect.stringContaining('peuples des Nations Unies')])
    expect(await cells(first, 'es')).toEqual([expect.stringContaining('relaciones amistosas')])
    expect(await cells(second, 'es')).toEqual([expect.stringContaining('pueblos de las Naciones Unidas')])
    expect(await cells(first, 'ru')).toEqual([expect.stringContaining('дружественных отношений')])
    expect(await cells(second, 'ru')).toEqual([expect.stringContaining('народы Объединенных Наций')])
    for (const lang of ['zh', 'en', 'fr', 'es', 'ru']) expect((await cells(first, lang)).length + (await cells(second, lang)).length, lang).toBe(2)
    await screenshot(page, 'web-alignment-split-six')
  })

  it('creates a document, uploads versions by file with the detected language shown, and explains a wrong language', async () => {
    await page.goto(`${server.url}/documents`)
    await page.locator('button', { hasText: 'New document' }).click()
    await page.locator('input[placeholder="A/RES/70/1"]').fill('TEST/UDHR/1')
    await page.locator('form.new-doc input[placeholder=optional]').fill('Declaration, uploaded in the browser')
    await page.locator('form.new-doc button[type=submit]').click()
    await page.waitForURL(/\/documents\/.+/)
    await page.locator('.dropzone').waitFor()

    const file = (lang: string, name = `${lang}.html`) => ({ name, mimeType: 'text/html', buffer: readFileSync(join(ROOT, 'corpora/udhr', `${lang}.html`)) })
    const input = page.locator('.dropzone input[type=file]')
    await input.setInputFiles([file('zh'), file('en')])
    const done = page.locator('.uploads li.done')
    await expect.poll(() => done.count(), { timeout: 60_000 }).toBe(2)
    expect(await done.nth(0).textContent()).toContain('Added as the Chinese version')
    expect(await done.nth(1).textContent()).toMatch(/Added as the English version: \d+ paragraphs, \d+ sentences\. Detected English/)
    const versions = page.locator('table.versions')
    await expect.poll(() => versions.locator('tr', { hasText: 'en.html' }).count()).toBe(1)
    expect(await versions.locator('tr', { hasText: 'en.html' }).locator('.badge.good').textContent()).toBe('English')
    await page.locator('.align-status', { hasText: 'Aligned on Chinese' }).waitFor()

    // French text offered as Spanish: refused, in words
    await input.setInputFiles([{ ...file('fr'), name: 'es.html' }])
    const failed = page.locator('.uploads li.error')
    await failed.waitFor({ timeout: 60_000 })
    const message = (await failed.locator('.upload-state').textContent()) ?? ''
    expect(message).toMatch(/French/)
    expect(message).toMatch(/Spanish/)
    await screenshot(page, 'web-documents-upload')
  })

  it('approves a glossary candidate and finds it in the TBX export', async () => {
    await requireEndpoint('/api/terms')
    await requireEndpoint('/api/glossary')
    await requireEndpoint('/api/glossary/export?format=tbx')
    await page.goto(`${server.url}/glossary?status=mined`)
    // a multi-character candidate with an English rendering
    const row = page.locator('table.mined-table tbody tr[data-term]', { has: page.locator('[data-lang=en] .rendering') }).first()
    await row.waitFor({ timeout: 90_000 })
    const term = (await row.getAttribute('data-term'))!
    const english = (await row.locator('[data-lang=en] .rendering').first().evaluate((el) => el.firstChild?.textContent ?? ''))!.trim()
    await row.locator('button', { hasText: 'Approve' }).click()
    await page.locator('.notice.ok', { hasText: 'Approved' }).waitFor()
    expect(await row.locator('.badge').textContent()).toBe('approved')

    await page.locator('.chip', { hasText: /^Approved$/ }).click()
    await page.waitForURL(/status=approved/)
    const entry = page.locator('table.entries tbody tr[data-entry]', { hasText: term }).first()
    await entry.waitFor()
    expect(await entry.locator('[data-lang=en]').textContent()).toContain(english)
    await screenshot(page, 'web-glossary-approved')

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export-tbx]').click()])
    const tbx = readFileSync((await download.path())!, 'utf8')
    expect(tbx).toMatch(/<tbx[\s>]/)
    expect(tbx).toContain(term)
    expect(tbx).toContain(english.replace(/&/g, '&amp;'))

    // the exported file imports back through the same page
    expect(download.suggestedFilename()).toMatch(/\.tbx$/)
    const saved = join(corpora, download.suggestedFilename())
    await download.saveAs(saved)
    await page.locator('.io input[type=file]').setInputFiles(saved)
    await page.locator('.notice.ok', { hasText: /Imported \d+ entries from .* \(TBX\)/ }).waitFor()
  })

  it('reviews a document: findings grouped by kind with their segments, one accepted and gone after a reload', async () => {
    await requireEndpoint('/api/review')
    await page.goto(`${server.url}/review?doc=udhr`)
    const finding = page.locator('article.finding').first()
    await finding.waitFor({ timeout: 60_000 })
    const sections = await page.locator('section.kind h2').allTextContents()
    expect(sections.map((t) => t.replace(/\s*\d+$/, ''))).toEqual(['Variant renderings', 'Glossary breaches', 'Numbers, dates and symbols', 'Untranslated or empty'])
    expect(await finding.locator('.segment').count()).toBeGreaterThan(0)
    const key = (await finding.getAttribute('data-key'))!
    const before = await page.locator('article.finding').count()
    await finding.locator('button', { hasText: 'Accept' }).click()
    await page.locator('.notice.ok', { hasText: 'Accepted' }).waitFor()
    await screenshot(page, 'web-review')
    await page.reload()
    await page.locator('article.finding').first().waitFor()
    expect(await page.locator('article.finding').count()).toBe(before - 1)
    // findings of one kind can share a message: the accepted one is known by its key
    expect(await page.locator('article.finding').evaluateAll((els) => els.map((el) => el.getAttribute('data-key')))).not.toContain(key)
  })

  it('runs under its Content-Security-Policy (self only, no inline script or style): every view renders and nothing is blocked', async () => {
    const views: Array<[string, string]> = [
      [`/?q=${encodeURIComponent('可持续发展')}`, 'article.hit'],
      ['/glossary', 'h1'],
      ['/review?doc=udhr', 'article.finding'],
      ['/alignment/sdg', '.beads'],
      ['/documents/sdg', 'table.versions'],
    ]
    for (const [path, ready] of views) {
      const res = await page.goto(`${server.url}${path}`)
      expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self'; style-src 'self'/)
      await page.locator(ready).first().waitFor()
    }
    // the icon is a file now (a data: URL would be blocked by img-src 'self')
    const icon = await fetch(`${server.url}/favicon.svg`)
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toContain('image/svg+xml')
    expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('/favicon.svg')
    // ...over every page these tests opened
    expect(cspViolations).toEqual([])
    // and the listener does hear a violation: an inline script is refused
    await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.inlineRan = true'
      document.body.append(script)
    })
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0)
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined()
  })
})
