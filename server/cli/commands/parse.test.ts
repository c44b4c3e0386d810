/** The `sixfold parse` command, run as a user runs it. */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = new URL('../../../', import.meta.url).pathname
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', join(root, 'server/cli/sixfold.ts'), 'parse', ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  )

describe('sixfold parse', () => {
  it('prints the seed as JSON: language, blocks with label, text, sentences and footnote references', async () => {
    const { code, stdout } = await cli('corpora/E-2024-30/zh.txt', '--lang', 'zh', '--json')
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out.language).toBe('zh')
    const p99 = out.blocks.find((b: { kind: string; label: string }) => b.kind === 'paragraph' && b.label === '99')
    expect(Object.keys(p99)).toEqual(['kind', 'label', 'text', 'sentences', 'footnoteRefs'])
    expect(p99.text.startsWith('在这次会议上，委员会还通过了经修订的题为')).toBe(true)
    const speaker = out.blocks.find((b: { text: string }) => b.text === '墨西哥驻联合国（维也纳）大使兼常驻代表')
    expect(speaker.footnoteRefs).toEqual([32])
  }, 60_000)

  it('prints a readable summary, one line per block', async () => {
    const { code, stdout } = await cli('corpora/udhr/fr.html')
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^title\s+Déclaration universelle des droits de l/)
    expect(lines.at(-1)).toMatch(/language fr .*30|blocks/)
  }, 60_000)

  it('refuses bad input with one clear line on stderr and a non-zero exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sixfold-parse-'))
    writeFileSync(join(dir, 'empty.txt'), '')
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255]))
    writeFileSync(join(dir, 'report.odt'), 'text')
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x52, 0xe9, 0x73, 0x75, 0x6d, 0xe9]))
    const cases: Array<[string[], RegExp]> = [
      [[join(dir, 'missing.txt')], /no such file/],
      [[join(dir, 'empty.txt')], /is empty/],
      [[join(dir, 'binary.txt')], /binary/],
      [[join(dir, 'report.odt')], /unknown file type/],
      [[join(dir, 'latin1.txt')], /not valid UTF-8/],
      [['corpora/udhr/en.html', '--lang', 'xx'], /"xx" is not one of the six UN languages/],
      [['corpora/udhr/en.html', '--lang', 'ru'], /declared language ru \(Russian\) disagrees .* en \(English/],
      [[], /no file given/],
    ]
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await cli(...args)
      expect(code, args.join(' ')).not.toBe(0)
      expect(stdout).toBe('')
      expect(stderr.trim().split('\n')[0]).toMatch(message)
      expect(stderr.trim().split('\n')[0]).toMatch(/^sixfold parse: /)
    }
  }, 120_000)
})
