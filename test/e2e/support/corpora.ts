/**
 * A copy of the demo corpora small enough to import in seconds: the UDHR in
 * six languages (parsed and aligned documents), the SDG framework (keyed YAML)
 * and the first lines of the UNPC devset (pre-aligned), written to a folder.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../../..')
const CORPORA = join(ROOT, 'corpora')
const LANGS = ['zh', 'en', 'fr', 'es', 'ru', 'ar'] as const

export interface CorporaOptions {
  /** Lines of the devset to keep (0 leaves it out). */
  devsetLines?: number
  /** Include the SDG framework texts. */
  sdg?: boolean
  /** Include the Universal Declaration of Human Rights. */
  udhr?: boolean
}

export function writeCorporaFixture(dir: string, options: CorporaOptions = {}): string {
  const { devsetLines = 300, sdg = true, udhr = true } = options
  mkdirSync(dir, { recursive: true })
  if (udhr) cpSync(join(CORPORA, 'udhr'), join(dir, 'udhr'), { recursive: true })
  if (sdg) cpSync(join(CORPORA, 'sdg'), join(dir, 'sdg'), { recursive: true })
  if (devsetLines > 0) {
    const from = join(CORPORA, 'unpc-devset')
    const to = join(dir, 'unpc-devset')
    mkdirSync(to, { recursive: true })
    cpSync(join(from, 'manifest.json'), join(to, 'manifest.json'))
    for (const name of [...LANGS.map((l) => `UNv1.0.devset.${l}`), 'UNv1.0.devset.ids']) {
      const lines = readFileSync(join(from, name), 'utf8').split('\n').slice(0, devsetLines)
      writeFileSync(join(to, name), `${lines.join('\n')}\n`)
    }
  }
  return dir
}
