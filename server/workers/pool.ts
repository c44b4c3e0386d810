/**
 * Worker-thread pools (piscina) whose workers run this project's TypeScript
 * modules: each thread starts in boot.mjs, which registers tsx and loads the
 * handler module. Used by reads.ts (searches and other reads) and imports.ts
 * (parsing, aligning and storing uploads and corpora).
 */
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'

const BOOT = fileURLToPath(new URL('./boot.mjs', import.meta.url))

export interface PoolOptions {
  /** The handler module (its default export gets each task). */
  entry: URL
  /** Threads kept running and the most run at once. */
  minThreads: number
  maxThreads: number
  /** How long an idle thread above minThreads stays (ms). */
  idleTimeout?: number
  /** Added to the threads' nice value (Linux): higher runs only when the CPU has time left. */
  niceIncrement?: number
  /** V8 heap a thread may take before it is stopped (MB). */
  maxOldGenerationSizeMb?: number
}

export function createPool(options: PoolOptions): Piscina {
  return new Piscina({
    filename: BOOT,
    workerData: { entry: options.entry.href },
    // Not the parent's flags: tsx's own `--import` loader fails in worker threads on Node 20 (boot.mjs registers it instead).
    execArgv: [],
    minThreads: options.minThreads,
    maxThreads: options.maxThreads,
    idleTimeout: options.idleTimeout ?? 30_000,
    niceIncrement: options.niceIncrement ?? 0,
    concurrentTasksPerWorker: 1,
    resourceLimits: options.maxOldGenerationSizeMb ? { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb } : undefined,
  })
}
