import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SixfoldError } from '../../aligner/types.ts'
import { MAX_INPUT_FILE_BYTES, readInputFile } from './read-file.ts'

const dir = mkdtempSync(join(tmpdir(), 'sixfold-read-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('readInputFile', () => {
  it('refuses a file over the limit before reading it (a 210 MB TMX), in words', async () => {
    const big = join(dir, 'memory.tmx')
    writeFileSync(big, '')
    truncateSync(big, MAX_INPUT_FILE_BYTES + 10 * 1024 * 1024) // sparse: made at once, never read
    const error = await readInputFile(big).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SixfoldError)
    expect((error as SixfoldError).message).toBe(`${big} is 210.0 MB, over the 200 MB limit: split it into smaller files`)
  })

  it('reads a file within the limit, and says in words why a path cannot be read', async () => {
    const small = join(dir, 'ids.txt')
    writeFileSync(small, 'a\nb\n')
    expect((await readInputFile(small)).toString()).toBe('a\nb\n')
    await expect(readInputFile(join(dir, 'missing.tmx'))).rejects.toThrow(`cannot read ${join(dir, 'missing.tmx')}: no such file or folder`)
    await expect(readInputFile(dir)).rejects.toThrow(`cannot read ${dir}: it is a folder, not a file`)
  })
})
