import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { run } from './align.ts'
import { parseBeads } from '../../../aligner/align/beads.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const FIX = join(ROOT, 'test', 'fixtures', 'align')
const sixfold = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'cli', 'sixfold.ts'), ...args], { cwd: ROOT, encoding: 'utf8' })
const tmp = mkdtempSync(join(tmpdir(), 'sixfold-align-'))

describe('sixfold align', () => {
  it('prints one bead per line covering every line of both files once, in order', () => {
    const zh = join(FIX, 'zh-en.zh.txt')
    const en = join(FIX, 'zh-en.en.txt')
    const r = sixfold('align', zh, en, '--src-lang', 'zh', '--tgt-lang', 'en', '--input', 'lines')
    expect(r.status, r.stderr).toBe(0)
    const out = r.stdout.trimEnd().split('\n')
    for (const line of out) expect(line).toMatch(/^\[(\d+(, \d+)*)?\]:\[(\d+(, \d+)*)?\]$/)
    const beads = parseBeads(r.stdout)
    const n = readFileSync(zh, 'utf8').trimEnd().split('\n').length
    const m = readFileSync(en, 'utf8').trimEnd().split('\n').length
    expect(beads.flatMap((b) => b.src)).toEqual(Array.from({ length: n }, (_, k) => k))
    expect(beads.flatMap((b) => b.tgt)).toEqual(Array.from({ length: m }, (_, k) => k))
  })
  it('counts empty lines as lines and prints JSON with texts and confidences', () => {
    const a = join(tmp, 'a.zh.txt')
    const b = join(tmp, 'b.en.txt')
    writeFileSync(a, '联合国的任何改革都不应重新定义《宪章》的这些原则。\n\n2015年3月11日\n')
    writeFileSync(b, 'No reform of the United Nations can redefine the principles of the Charter.\n11 March 2015\n')
    const r = sixfold('align', a, b, '--src-lang', 'zh', '--tgt-lang', 'en', '--json')
    expect(r.status, r.stderr).toBe(0)
    const json = JSON.parse(r.stdout) as { beads: Array<{ src: number[]; tgt: number[]; confidence: number; srcText: string; tgtText: string }> }
    expect(json.beads.flatMap((x) => x.src)).toEqual([0, 1, 2])
    expect(json.beads.flatMap((x) => x.tgt)).toEqual([0, 1])
    expect(json.beads[0]).toMatchObject({ src: [0], tgt: [0], tgtText: 'No reform of the United Nations can redefine the principles of the Charter.' })
    for (const x of json.beads) expect(x.confidence).toBeGreaterThanOrEqual(0)
  })
  it('a source document error is one line on stderr in a real process (no unhandled rejection)', () => {
    const odd = join(tmp, 'b.zh')
    writeFileSync(odd, '联合国的任何改革都不应重新定义《宪章》的这些原则。\n')
    const r = sixfold('align', odd, join(FIX, 'zh-en.en.txt'), '--src-lang', 'zh', '--tgt-lang', 'en', '--input', 'document')
    expect(r.status).not.toBe(0)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/unknown file type/)
  })
  it('keeps lenient for a very short line file in a declared language it cannot confirm', () => {
    const a = join(tmp, 'short.zh.txt')
    const b = join(tmp, 'short.fr.txt')
    writeFileSync(a, '2015年3月11日\n')
    writeFileSync(b, 'OK\n')
    const r = sixfold('align', a, b, '--src-lang', 'zh', '--tgt-lang', 'fr')
    expect(r.status, r.stderr).toBe(0)
  })
  it('aligns parsed documents with --input document', () => {
    const r = sixfold('align', join(ROOT, 'corpora/udhr/zh.html'), join(ROOT, 'corpora/udhr/en.html'), '--src-lang', 'zh', '--tgt-lang', 'en', '--input', 'document')
    expect(r.status, r.stderr).toBe(0)
    expect(parseBeads(r.stdout).length).toBeGreaterThan(80)
  })
  it('refuses a file over the 50 MB limit before reading it, as parse and import do', async () => {
    const big = join(tmp, 'big.en.txt')
    writeFileSync(big, '')
    truncateSync(big, 60 * 1024 * 1024) // sparse: 60 MB of nothing, made at once
    const zh = join(FIX, 'zh-en.zh.txt')
    for (const input of ['lines', 'document']) {
      const r = sixfold('align', zh, big, '--src-lang', 'zh', '--tgt-lang', 'en', '--input', input)
      expect(r.status, input).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe(`sixfold align: ${big} is 60.0 MB, over the 50 MB limit: split the document or give its text\n`)
    }
  }, 180_000)

  it('reads .html files as documents without --input (the file type decides; --input overrides it)', () => {
    const zh = join(ROOT, 'corpora/udhr/zh.html')
    const en = join(ROOT, 'corpora/udhr/en.html')
    const plain = sixfold('align', zh, en, '--src-lang', 'zh', '--tgt-lang', 'en')
    const document = sixfold('align', zh, en, '--src-lang', 'zh', '--tgt-lang', 'en', '--input', 'document')
    expect(plain.status, plain.stderr).toBe(0)
    expect(plain.stdout).toBe(document.stdout)
    const json = sixfold('align', zh, en, '--src-lang', 'zh', '--tgt-lang', 'en', '--json')
    const first = (JSON.parse(json.stdout) as { beads: Array<{ srcText: string; tgtText: string }> }).beads[0]
    expect(first.srcText).toBe('世界人权宣言')
    expect(first.tgtText).toBe('Universal Declaration of Human Rights')
    // overriding: the raw lines of the HTML, the first being the doctype
    const lines = sixfold('align', zh, en, '--src-lang', 'zh', '--tgt-lang', 'en', '--input', 'lines', '--json')
    expect((JSON.parse(lines.stdout) as { beads: Array<{ srcText: string }> }).beads[0].srcText).toBe('<!doctype html>')
  })
  it('refuses bad input with one clear line and a non-zero exit', async () => {
    const empty = join(tmp, 'empty.txt')
    writeFileSync(empty, '')
    const zh = join(FIX, 'zh-en.zh.txt')
    const en = join(FIX, 'zh-en.en.txt')
    const odd = join(tmp, 'a.zh')
    writeFileSync(odd, '联合国的任何改革都不应重新定义《宪章》的这些原则。\n')
    const cases: Array<[string[], RegExp]> = [
      [['align', zh, join(tmp, 'missing.txt'), '--src-lang', 'zh', '--tgt-lang', 'en'], /no such file/],
      [['align', zh, zh, '--src-lang', 'zh', '--tgt-lang', 'xx'], /unknown language "xx"/],
      [['align', zh, zh, '--src-lang', 'zh', '--tgt-lang', 'zh'], /both files are declared zh/],
      [['align', zh, empty, '--src-lang', 'zh', '--tgt-lang', 'en'], /is empty/],
      [['align', zh, '--src-lang', 'zh', '--tgt-lang', 'en'], /expected two files/],
      [['align', zh, zh, '--tgt-lang', 'en'], /missing --src-lang/],
      // an error in the SOURCE document (unknown extension; language mismatch) is one line too
      [['align', odd, en, '--src-lang', 'zh', '--tgt-lang', 'en', '--input', 'document'], /unknown file type ".zh"/],
      [['align', join(ROOT, 'corpora/udhr/zh.html'), join(ROOT, 'corpora/udhr/en.html'), '--src-lang', 'fr', '--tgt-lang', 'en', '--input', 'document'], /declared language fr/],
      // --input lines checks the declared languages against the text
      [['align', zh, en, '--src-lang', 'en', '--tgt-lang', 'fr'], /declared en \(English\) but reads as zh/],
      [['align', zh, en, '--src-lang', 'zh', '--tgt-lang', 'ru'], /declared ru \(Russian\) but reads as en/],
    ]
    for (const [args, message] of cases) {
      // in-process: the command's own run(), with its output captured
      const err: string[] = []
      const out: string[] = []
      const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true))
      const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true))
      let code: number
      try {
        code = await run(args.slice(1))
      } finally {
        e.mockRestore()
        o.mockRestore()
      }
      expect(code, args.join(' ')).not.toBe(0)
      expect(err.join('').trim().split('\n')).toHaveLength(1)
      expect(err.join('')).toMatch(message)
      expect(out.join('')).toBe('')
    }
  })
})
