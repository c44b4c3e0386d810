/**
 * `npm run eval`: accuracy against gold data. Each suite reads what it needs
 * (from ../shared/eval when present, else from the shipped corpora) and says
 * plainly what it skipped. `npm run eval -- un-reports` runs only the suites
 * whose file name holds one of the words given.
 */
export {}

const ALL = ['./alignment.ts', './un-reports.ts', './terminology.ts']
const wanted = process.argv.slice(2)
const SUITES = wanted.length ? ALL.filter((s) => wanted.some((w) => s.includes(w))) : ALL
if (!SUITES.length) console.error(`no eval suite matches ${wanted.join(', ')} (suites: ${ALL.join(', ')})`)

let failed = false
for (const suite of SUITES) {
  try {
    const mod = (await import(suite)) as { run: () => Promise<void> }
    await mod.run()
  } catch (error) {
    failed = true
    console.error(`eval ${suite}: ${error instanceof Error ? error.stack : String(error)}`)
  }
}
process.exitCode = failed ? 1 : 0
