/**
 * `npm run bench`: speed and memory. `npm run bench -- alignment` runs one suite.
 * Suites: alignment (aligner throughput), server (import and search), web (page load),
 * load (concurrent searches against the real server, and searches beside an import).
 */
export {}

const ALL = ['alignment', 'server', 'web', 'load']
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const suites = wanted.length ? wanted : ALL

let failed = false
for (const suite of suites) {
  if (!ALL.includes(suite)) {
    console.error(`bench: unknown suite "${suite}" (try: ${ALL.join(', ')})`)
    failed = true
    continue
  }
  try {
    const mod = (await import(`./${suite}.ts`)) as { run: () => Promise<void> }
    await mod.run()
  } catch (error) {
    failed = true
    console.error(`bench ${suite}: ${error instanceof Error ? error.stack : String(error)}`)
  }
}
process.exitCode = failed ? 1 : 0
