/**
 * `sixfold align <src> <tgt> --src-lang zh --tgt-lang en [--input lines|document] [--json]`
 *
 * The file type decides how a file is read: .html, .htm, .docx and .pdf are documents; any other
 * file (.txt) is one sentence a line. --input overrides it for both files.
 *
 * --input lines: each line is one sentence (empty lines too); prints
 *   one bead per line in the aligner-eval format `[i, j]:[k]`, every line of
 *   both files exactly once, in order.
 * --input document: parses both files as documents, aligns paragraphs, then
 *   sentences inside each paragraph bead; prints sentence beads (global
 *   sentence indices) in the same format.
 * --json: beads with their texts and confidences instead.
 */
import { readFile, stat } from 'node:fs/promises'
import { alignSentences } from '../../../aligner/align/sentences.ts'
import { formatBeads } from '../../../aligner/align/beads.ts'
import { splitLines } from '../../../aligner/align/lines.ts'
import { detectLanguage, languageName } from '../../../aligner/language/index.ts'
import { decodeText, MAX_BYTES, tooLarge } from '../../../aligner/parse/decode.ts'
import { isLang, LANGS, SixfoldError, type Lang } from '../../../aligner/types.ts'

const USAGE = 'usage: sixfold align <src> <tgt> --src-lang xx --tgt-lang yy [--input lines|document] [--json]'

interface Args {
  src: string
  tgt: string
  srcLang: Lang
  tgtLang: Lang
  input: 'lines' | 'document'
  json: boolean
}

const DOCUMENT_TYPES = /\.(?:html?|docx|pdf)$/i

/** How the two files are read when --input does not say: as documents when either is a document file type. */
export function inputOf(src: string, tgt: string): 'lines' | 'document' {
  return DOCUMENT_TYPES.test(src) || DOCUMENT_TYPES.test(tgt) ? 'document' : 'lines'
}

function parseArgs(args: string[]): Args {
  const positional: string[] = []
  let srcLang: string | undefined
  let tgtLang: string | undefined
  let input: string | undefined
  let json = false
  for (let k = 0; k < args.length; k++) {
    const a = args[k]
    const value = () => {
      const v = args[++k]
      if (v === undefined) throw new SixfoldError('usage', `${a} needs a value (${USAGE})`)
      return v
    }
    if (a === '--src-lang') srcLang = value()
    else if (a.startsWith('--src-lang=')) srcLang = a.slice(11)
    else if (a === '--tgt-lang') tgtLang = value()
    else if (a.startsWith('--tgt-lang=')) tgtLang = a.slice(11)
    else if (a === '--input') input = value()
    else if (a.startsWith('--input=')) input = a.slice(8)
    else if (a === '--json') json = true
    else if (a.startsWith('--')) throw new SixfoldError('usage', `unknown option ${a} (${USAGE})`)
    else positional.push(a)
  }
  if (positional.length !== 2) throw new SixfoldError('usage', `expected two files, got ${positional.length} (${USAGE})`)
  for (const [flag, v] of [['--src-lang', srcLang], ['--tgt-lang', tgtLang]] as const) {
    if (v === undefined) throw new SixfoldError('usage', `missing ${flag} (one of ${LANGS.join(', ')})`)
    if (!isLang(v)) throw new SixfoldError('language', `unknown language "${v}" for ${flag} (one of ${LANGS.join(', ')})`)
  }
  if (srcLang === tgtLang) throw new SixfoldError('language', `both files are declared ${srcLang}: the two versions must be in different languages`)
  if (input !== undefined && input !== 'lines' && input !== 'document') throw new SixfoldError('usage', `--input must be lines or document, not "${input}"`)
  return { src: positional[0], tgt: positional[1], srcLang: srcLang as Lang, tgtLang: tgtLang as Lang, input: input ?? inputOf(positional[0], positional[1]), json }
}

async function readBytes(path: string): Promise<Uint8Array> {
  let info
  try {
    info = await stat(path)
  } catch {
    throw new SixfoldError('file', `cannot read ${path}: no such file`)
  }
  if (info.isDirectory()) throw new SixfoldError('file', `${path} is a directory, not a file`)
  // the same limit as parse and import, said before the file is read
  if (info.size > MAX_BYTES) throw tooLarge(path, info.size)
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new SixfoldError('file', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  if (bytes.length === 0) throw new SixfoldError('file', `${path} is empty`)
  return bytes
}

/**
 * Refuse a file whose text plainly reads as another language than declared.
 * A different script is decisive at modest confidence; English, French and
 * Spanish are told apart only when the guess is confident. Very short files
 * (few letters, low confidence) pass.
 */
function checkLanguage(path: string, text: string, declared: Lang): void {
  const guess = detectLanguage(text)
  if (!guess.language || guess.language === declared) return
  const latin = (l: Lang) => l === 'en' || l === 'fr' || l === 'es'
  const needed = latin(declared) && latin(guess.language) ? 0.6 : 0.3
  if (guess.confidence < needed) return
  throw new SixfoldError(
    'language',
    `${path} is declared ${declared} (${languageName(declared)}) but reads as ${guess.language} (${languageName(guess.language)}, confidence ${guess.confidence.toFixed(2)}): check the file or the --src-lang/--tgt-lang value`,
  )
}

async function readText(path: string): Promise<string> {
  const bytes = await readBytes(path)
  return decodeText(bytes, path, { expected: 'a UTF-8 text file with one sentence per line' }).replace(/^\uFEFF/, '')
}

export async function run(args: string[]): Promise<number> {
  let a: Args
  try {
    a = parseArgs(args)
  } catch (error) {
    process.stderr.write(`sixfold align: ${(error as Error).message}\n`)
    return 2
  }
  try {
    if (a.input === 'lines') {
      // one file after the other: the first error is the one reported, and no rejection is left unhandled
      const srcText = await readText(a.src)
      const tgtText = await readText(a.tgt)
      checkLanguage(a.src, srcText, a.srcLang)
      checkLanguage(a.tgt, tgtText, a.tgtLang)
      const src = splitLines(srcText)
      const tgt = splitLines(tgtText)
      if (src.every((l) => !l.trim())) throw new SixfoldError('file', `${a.src} has no text`)
      if (tgt.every((l) => !l.trim())) throw new SixfoldError('file', `${a.tgt} has no text`)
      const result = alignSentences(src, tgt, { srcLang: a.srcLang, tgtLang: a.tgtLang })
      if (a.json) {
        const beads = result.beads.map((b) => ({
          src: b.src,
          tgt: b.tgt,
          confidence: b.confidence,
          srcText: b.src.map((i) => src[i]).join(' '),
          tgtText: b.tgt.map((j) => tgt[j]).join(' '),
        }))
        process.stdout.write(JSON.stringify({ srcLang: a.srcLang, tgtLang: a.tgtLang, beads }, null, 2) + '\n')
      } else process.stdout.write(formatBeads(result.beads))
      return 0
    }
    const { parseDocument } = await import('../../../aligner/parse/index.ts')
    const { alignDocumentPair } = await import('../../../aligner/align/document.ts')
    // sequential on purpose: Promise.all over a pending read let the first parse's rejection go unhandled
    const srcDoc = await parseDocument({ bytes: await readBytes(a.src), fileName: a.src }, { lang: a.srcLang })
    const tgtDoc = await parseDocument({ bytes: await readBytes(a.tgt), fileName: a.tgt }, { lang: a.tgtLang })
    const result = alignDocumentPair(srcDoc, tgtDoc)
    if (a.json) {
      const sentencesOf = (doc: typeof srcDoc) => doc.blocks.flatMap((b) => b.sentences)
      const ss = sentencesOf(srcDoc)
      const ts = sentencesOf(tgtDoc)
      const out = {
        srcLang: a.srcLang,
        tgtLang: a.tgtLang,
        paragraphs: result.paragraphs.map((p) => ({
          src: p.src,
          tgt: p.tgt,
          confidence: p.confidence,
          srcText: p.src.map((i) => srcDoc.blocks[i].text).join('\n'),
          tgtText: p.tgt.map((j) => tgtDoc.blocks[j].text).join('\n'),
        })),
        beads: result.beads.map((b) => ({
          src: b.src,
          tgt: b.tgt,
          confidence: b.confidence,
          srcText: b.src.map((i) => ss[i]).join(' '),
          tgtText: b.tgt.map((j) => ts[j]).join(' '),
        })),
      }
      process.stdout.write(JSON.stringify(out, null, 2) + '\n')
    } else process.stdout.write(formatBeads(result.beads))
    return 0
  } catch (error) {
    process.stderr.write(`sixfold align: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`)
    return 1
  }
}
