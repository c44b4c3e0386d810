/**
 * `sixfold import <path>...`: the same pipeline as `npm start` — corpora
 * folders, document folders, single version files (<lang>.txt|pdf|docx|html)
 * and .tmx files; unchanged files are skipped. Progress on stderr.
 * Options: --force (re-import unchanged files), --quiet (no progress bar).
 */
import { basename } from 'node:path'
import cliProgress from 'cli-progress'
import { openDatabase } from '../../db/client.ts'
import { migrateDatabase } from '../../db/migrate.ts'
import { fileCount, planImport, runImport } from '../../import/pipeline.ts'

export async function run(args: string[]): Promise<number> {
  const paths = args.filter((a) => !a.startsWith('--'))
  const flags = new Set(args.filter((a) => a.startsWith('--')))
  for (const f of flags) {
    if (f !== '--force' && f !== '--quiet') {
      process.stderr.write(`sixfold: import: unknown option ${f} (options: --force, --quiet)\n`)
      return 2
    }
  }
  if (paths.length === 0) {
    process.stderr.write('sixfold: import: give one or more paths (a corpora folder, a document folder, a <lang>.<txt|pdf|docx|html> file or a .tmx file)\n')
    return 2
  }
  const glossaries = paths.filter((p) => /\.tbx$/i.test(p))
  if (glossaries.length) {
    process.stderr.write(`sixfold: import: ${glossaries.join(', ')}: a .tbx file is a glossary, not aligned text: import it with npm run --silent sixfold -- glossary import ${glossaries[0]}\n`)
    return 2
  }
  let jobs
  try {
    jobs = await planImport(paths, (path, reason) => process.stderr.write(`sixfold: import: skipped ${path}: ${reason}\n`))
  } catch (error) {
    process.stderr.write(`sixfold: import: ${(error as Error).message.split('\n')[0]}\n`)
    return 1
  }
  if (jobs.length === 0) {
    process.stderr.write(`sixfold: import: nothing to import in ${paths.join(', ')}\n`)
    return 1
  }
  const database = openDatabase()
  try {
    await migrateDatabase(database)
    const quiet = flags.has('--quiet') || !process.stderr.isTTY
    const bar = quiet
      ? null
      : new cliProgress.SingleBar(
          { format: 'importing {bar} {value}/{total} files | {segments} segments | {current}', stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
    bar?.start(jobs.reduce((n, j) => n + fileCount(j), 0), 0, { segments: 0, current: '' })
    const started = performance.now()
    const progress = await runImport(database.client, jobs, {
      force: flags.has('--force'),
      onProgress: (p) => bar?.update(p.filesDone, { segments: p.segments.toLocaleString('en'), current: p.current ?? '' }),
    })
    bar?.stop()
    const seconds = (performance.now() - started) / 1000
    const rate = progress.segments > 0 ? `, ${Math.round(progress.segments / seconds).toLocaleString('en')} segments/s` : ''
    process.stderr.write(
      `imported ${progress.filesImported} files, ${progress.filesSkipped} unchanged, ${progress.filesFailed} failed; ${progress.segments.toLocaleString('en')} segments in ${seconds.toFixed(1)} s${rate}\n`,
    )
    for (const e of progress.errors) {
      // The message may already start with the file's name: name it once.
      const first = e.message.split('\n')[0]
      const own = `${basename(e.path)}: `
      process.stderr.write(`sixfold: import: ${e.path}: ${first.startsWith(own) ? first.slice(own.length) : first}\n`)
    }
    return progress.filesFailed > 0 ? 1 : 0
  } finally {
    database.close()
  }
}
