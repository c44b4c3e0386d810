/**
 * The first module of every worker thread (server/workers/pool.ts): teaches
 * the thread TypeScript through tsx's API (a worker started with
 * `--import tsx` does not get it on Node 20), then loads the handler module
 * named in workerData.entry and hands its default export to piscina.
 */
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const handler = await import(workerData.entry)
export default handler.default
