/**
 * `sixfold renderings "<term>" [--lang xx] [--doc <document>] [--json] [--examples]`: how a
 * term was rendered in the other languages of the memory (the current database), or of one
 * document, best first.
 * JSON: {"term", "language", "renderings": {"en": [{"text", "count", "share"}], …}}.
 */
import { isLang, LANGS, SixfoldError, type Lang } from '../../../aligner/types.ts'
import { openDatabase } from '../../db/client.ts'
import { migrateDatabase } from '../../db/migrate.ts'
import { findDocument, memoryIndex, unitsOfDocument } from '../../terminology/memory.ts'
import { detectQueryLanguage, discoverRenderings, wrongScriptNote } from '../../terminology/renderings.ts'

const USAGE = 'usage: sixfold renderings "<term>" [--lang zh|en|fr|es|ru|ar] [--doc <document>] [--json] [--examples]'

export async function run(args: string[]): Promise<number> {
  let term: string | null = null
  let lang: Lang | null = null
  let json = false
  let examples = false
  let doc: string | null = null
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--json') json = true
    else if (a === '--examples') examples = true
    else if (a === '--doc' || a.startsWith('--doc=')) {
      doc = a === '--doc' ? (args[++i] ?? '') : a.slice('--doc='.length)
      if (!doc) throw new SixfoldError('bad_request', '--doc needs a document (its id, folder name or symbol)')
    } else if (a === '--lang' || a.startsWith('--lang=')) {
      const value = a === '--lang' ? args[++i] : a.slice('--lang='.length)
      if (!isLang(value)) throw new SixfoldError('bad_request', `--lang must be one of ${LANGS.join(', ')}, not "${value ?? ''}"`)
      lang = value
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE + '\n')
      return 0
    } else if (a.startsWith('--')) throw new SixfoldError('bad_request', `unknown option ${a} (${USAGE})`)
    else if (term === null) term = a
    else throw new SixfoldError('bad_request', `one term at a time: quote a multi-word term ("${term} ${a}")`)
  }
  if (term === null || !term.trim()) {
    process.stderr.write(`sixfold renderings: no term given\n${USAGE}\n`)
    return 2
  }
  if (term.length > 200) throw new SixfoldError('bad_request', 'the term is longer than 200 characters')
  const note = lang ? wrongScriptNote(term, lang) : null
  if (note && lang) {
    // nothing can match: said at once, without reading the memory
    const renderings: Record<string, unknown[]> = {}
    for (const l of LANGS) if (l !== lang) renderings[l] = []
    if (json) process.stdout.write(JSON.stringify({ term: term.trim(), language: lang, renderings, note }) + '\n')
    else process.stdout.write(`${term.trim()} [${lang}]: 0 aligned segments\n`)
    process.stderr.write(`sixfold renderings: ${note}\n`)
    return 0
  }
  const database = openDatabase()
  try {
    await migrateDatabase(database)
    const index = await memoryIndex(database.client)
    if (index.sampledFrom)
      process.stderr.write(
        `sixfold renderings: counted over an even sample of ${index.units.length.toLocaleString('en')} of the memory's ${index.sampledFrom.toLocaleString('en')} aligned units (SIXFOLD_TERMS_MAX_UNITS)\n`,
      )
    const language = lang ?? detectQueryLanguage(index, term)
    // --doc: only the document's aligned segments (a clear error names the documents when it is unknown)
    const restrictTo = doc === null ? undefined : unitsOfDocument(index, (await findDocument(database.client, doc)).symbol)
    const result = discoverRenderings(index, term, language, { restrictTo })
    const renderings: Record<string, unknown[]> = {}
    for (const l of LANGS) {
      if (l === language) continue
      renderings[l] = (result.renderings[l] ?? []).map((r) =>
        examples
          ? { text: r.text, count: r.count, share: r.share, examples: r.examples.map((e) => ({ groupId: e.groupId, document: e.documentSymbol, paragraph: e.paragraphLabel, text: e.target.text, start: e.target.start, end: e.target.end })) }
          : { text: r.text, count: r.count, share: r.share },
      )
    }
    if (json) {
      process.stdout.write(JSON.stringify({ term: result.term, language, renderings }) + '\n')
      return 0
    }
    if (index.units.length === 0) process.stderr.write('sixfold renderings: the memory is empty (import corpora first: npm run --silent sixfold -- import corpora)\n')
    process.stdout.write(`${result.term} [${language}]: ${result.occurrences} aligned segment${result.occurrences === 1 ? '' : 's'}\n`)
    if (result.nested) process.stdout.write(`  (not counted: ${result.nested.occurrences} where it is part of "${result.nested.text}")\n`)
    if (result.examined < result.occurrences) process.stdout.write(`  (counted over an even sample of ${result.examined} of them)\n`)
    for (const l of LANGS) {
      if (l === language) continue
      const list = result.renderings[l] ?? []
      const n = result.occurrencesWithTarget[l] ?? 0
      process.stdout.write(`  ${l}${list.length === 0 ? '  —' : ''}\n`)
      // the share from the counts (r.share is already rounded to three places: 21/22 is 95 %, not 96 %)
      for (const r of list) {
        process.stdout.write(`      ${String(r.count).padStart(5)}/${n}  ${String(Math.round((100 * r.count) / Math.max(n, 1))).padStart(3)}%  ${r.text}\n`)
        // --examples: where it was found, the rendering in brackets within its segment
        if (examples)
          for (const e of r.examples.slice(0, 2)) {
            const t = e.target.text
            const from = Math.max(0, e.target.start - 50)
            const to = Math.min(t.length, e.target.end + 50)
            const where = `${e.documentSymbol}${e.paragraphLabel ? ` ¶${e.paragraphLabel}` : ''}`
            process.stdout.write(`                     ${where}: ${from > 0 ? '…' : ''}${t.slice(from, e.target.start)}[${t.slice(e.target.start, e.target.end)}]${t.slice(e.target.end, to)}${to < t.length ? '…' : ''}\n`)
          }
      }
    }
    return 0
  } finally {
    database.close()
  }
}
