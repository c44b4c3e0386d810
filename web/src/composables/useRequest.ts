import { shallowRef, type ShallowRef } from 'vue'
import { messageOf } from '../api/client.ts'

export interface RequestState<T, A extends unknown[]> {
  data: ShallowRef<T | null>
  error: ShallowRef<string | null>
  loading: ShallowRef<boolean>
  /** Runs the request; an older run still in flight is aborted and its answer ignored. */
  run: (...args: A) => Promise<T | null>
}

/** Reactive state around one kind of request: its data, its error in words, and whether it is loading. */
export function useRequest<T, A extends unknown[]>(fn: (signal: AbortSignal, ...args: A) => Promise<T>): RequestState<T, A> {
  const data = shallowRef<T | null>(null)
  const error = shallowRef<string | null>(null)
  const loading = shallowRef(false)
  let current: AbortController | null = null

  async function run(...args: A): Promise<T | null> {
    current?.abort()
    const controller = new AbortController()
    current = controller
    loading.value = true
    error.value = null
    try {
      const result = await fn(controller.signal, ...args)
      if (current !== controller) return null
      data.value = result
      return result
    } catch (e) {
      if (current !== controller || (e as { name?: string }).name === 'AbortError') return null
      error.value = messageOf(e)
      return null
    } finally {
      if (current === controller) loading.value = false
    }
  }

  return { data, error, loading, run }
}
