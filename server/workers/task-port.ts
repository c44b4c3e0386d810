/**
 * The channel between the main thread and a worker for the length of one
 * task: the worker reports progress on it and asks for the main thread's
 * write turn before each write transaction (server/db/write.ts), so that the
 * writes of the whole process still run one after another and a short write
 * on the main thread (a glossary edit) waits for an import instead of failing
 * on SQLite's lock.
 */
import type { MessagePort } from 'node:worker_threads'
import type { ImportStage } from '../api/uploads.ts'
import { acquireWriteSlot, type WriteSlot } from '../db/write.ts'

export type TaskMessage =
  | { type: 'acquire-write' }
  | { type: 'release-write' }
  | { type: 'write-granted' }
  | { type: 'segments'; count: number }
  | { type: 'progress'; progress: unknown }
  | { type: 'stage'; stage: ImportStage }

/**
 * Main thread: serves write turns and passes progress on. `done()` gives back
 * any turn still held (a worker that died in a transaction: SQLite has rolled
 * it back with the connection).
 */
export function serveTask(port: MessagePort, onMessage: (message: TaskMessage) => void = () => {}): { done: () => void } {
  const held: Array<() => void> = []
  let finished = false
  port.on('message', (message: TaskMessage) => {
    if (message.type === 'acquire-write') {
      void acquireWriteSlot().then((release) => {
        if (finished) return release()
        held.push(release)
        port.postMessage({ type: 'write-granted' } satisfies TaskMessage)
      })
    } else if (message.type === 'release-write') held.shift()?.()
    else onMessage(message)
  })
  return {
    done: () => {
      finished = true
      while (held.length) held.shift()!()
      port.close()
    },
  }
}

/** Worker thread: the main thread's write turn, asked for over `port`. */
export function writeSlotOver(port: MessagePort): WriteSlot {
  return () =>
    new Promise((granted) => {
      const onGrant = (message: TaskMessage) => {
        if (message.type !== 'write-granted') return
        port.off('message', onGrant)
        granted(() => port.postMessage({ type: 'release-write' } satisfies TaskMessage))
      }
      port.on('message', onGrant)
      port.postMessage({ type: 'acquire-write' } satisfies TaskMessage)
    })
}
