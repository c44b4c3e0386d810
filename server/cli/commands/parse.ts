/**
 * `sixfold parse <file> [--lang xx] [--json]`: parse one language version into blocks and sentences.
 *
 * With --json: `{"language": "zh", "detected": {...}, "blocks": [{"kind", "label", "text", "sentences", "footnoteRefs"}]}`.
 * Without: one line per block (kind, label, footnote references, text), then a summary.
 */
import { readFile, stat } from 'node:fs/promises'
import { MAX_BYTES, tooLarge } from '../../../aligner/parse/decode.ts'
import { parseDocument } from '../../../aligner/parse/index.ts'
import { LANGS, SixfoldError, isLang, type Lang } from '../../../aligner/types.ts'

const USAGE = 'usage: sixfold parse <file> [--lang zh|en|fr|es|ru|ar] [--json]'

export async function run(args: string[]): Promise<number> {
  let file: string | undefined
  let lang: Lang | undefined
  let json = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--json') json = true
    else if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i]
      if (!value) return fail(`--lang needs a value: one of ${LANGS.join(', ')}`)
      if (!isLang(value)) return fail(`"${value}" is not one of the six UN languages: use one of ${LANGS.join(', ')}`)
      lang = value
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`)
      return 0
    } else if (arg.startsWith('-')) return fail(`unknown option ${arg} (${USAGE})`)
    else if (file) return fail(`one file at a time (got "${file}" and "${arg}")`)
    else file = arg
  }
  if (!file) return fail(`no file given (${USAGE})`)

  let bytes: Buffer
  try {
    const info = await stat(file)
    if (info.isDirectory()) return fail(`${file} is a directory, not a file`)
    // refused before it is read (parseDocument says the same of bytes already read)
    if (info.size > MAX_BYTES) return fail(tooLarge(file.split('/').pop() ?? file, info.size).message)
    bytes = await readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return fail(code === 'ENOENT' ? `${file}: no such file` : code === 'EACCES' ? `${file}: permission denied` : `${file}: cannot read (${code ?? String(error)})`)
  }

  const started = performance.now()
  let doc
  try {
    doc = await parseDocument({ bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName: file.split('/').pop() ?? file }, { lang })
  } catch (error) {
    if (error instanceof SixfoldError) return fail(error.message)
    throw error
  }
  const ms = performance.now() - started

  if (json) {
    const out = {
      language: doc.language,
      detected: doc.detected,
      blocks: doc.blocks.map((b) => ({ kind: b.kind, label: b.label, text: b.text, sentences: b.sentences, footnoteRefs: b.footnoteRefs })),
      furniture: doc.furniture,
    }
    process.stdout.write(`${JSON.stringify(out)}\n`)
    return 0
  }
  const lines: string[] = []
  for (const b of doc.blocks) {
    const label = b.label === null ? '' : b.label
    const refs = b.footnoteRefs.length ? ` [${b.footnoteRefs.join(',')}]` : ''
    const text = b.text.length > 100 ? `${b.text.slice(0, 99)}…` : b.text
    lines.push(`${b.kind.padEnd(9)} ${label.padEnd(5)} ${text}${refs}`)
  }
  const counts = new Map<string, number>()
  for (const b of doc.blocks) counts.set(b.kind, (counts.get(b.kind) ?? 0) + 1)
  const sentences = doc.blocks.reduce((n, b) => n + b.sentences.length, 0)
  lines.push(
    '',
    `${file}: language ${doc.language} (detected ${doc.detected.language}, confidence ${doc.detected.confidence.toFixed(2)}); ` +
      `${doc.blocks.length} blocks (${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}), ${sentences} sentences, ` +
      `${doc.furniture.length} furniture lines removed; ${ms.toFixed(0)} ms`,
  )
  process.stdout.write(`${lines.join('\n')}\n`)
  return 0
}

function fail(message: string): number {
  process.stderr.write(`sixfold parse: ${message.split('\n')[0]}\n`)
  return 2
}
