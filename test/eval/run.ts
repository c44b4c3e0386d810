/**
 * `npm run eval`: accuracy against gold data. Each suite reads what it needs
 * (from ../shared/eval when present, else from the shipped corpora) and says
 * plainly what it skipped.
 */
export {}

const SUITES = ['./alignment.ts', './terminology.ts']

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
