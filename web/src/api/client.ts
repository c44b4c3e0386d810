/**
 * The one way the web app talks to the server: JSON over fetch, with errors
 * turned into sentences a person can read.
 */

/** An error from the API (or from reaching it), with a message in words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

import { announceChange } from './changes.ts'

const TOKEN_KEY = 'sixfold.token'

/** The write token, when the server asks for one (a server bound beyond this machine). */
export function getToken(): string | null {
  try {
    return globalThis.localStorage?.getItem(TOKEN_KEY) ?? null
  } catch {
    return null
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) globalThis.localStorage?.setItem(TOKEN_KEY, token)
    else globalThis.localStorage?.removeItem(TOKEN_KEY)
  } catch {
    /* storage unavailable: the token lives only for this request */
  }
}

export function authHeaders(): Record<string, string> {
  const token = getToken()
  return token ? { authorization: `Bearer ${token}` } : {}
}

/** Builds `/api/...?a=1&b=2`, leaving out empty values. */
export function apiUrl(path: string, query: Record<string, string | number | boolean | null | undefined> = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.set(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

/** Turns a failed response into an ApiError with the server's own message when it sent one. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`
  let message = ''
  const text = await res.text().catch(() => '')
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown }
    if (typeof body.error === 'string') code = body.error
    if (typeof body.message === 'string') message = body.message
  } catch {
    /* not JSON */
  }
  if (!message) message = describeStatus(res.status, res.statusText)
  return new ApiError(res.status, code, message)
}

function describeStatus(status: number, statusText: string): string {
  if (status === 401 || status === 403) return 'The server refused this change: a valid token is needed.'
  if (status === 404) return 'Not found: it may have been deleted.'
  if (status === 413) return 'The file is larger than the server accepts.'
  if (status >= 500) return `The server failed (${status}${statusText ? ` ${statusText}` : ''}). Try again; if it persists, check the server log.`
  return `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`
}

export interface RequestOptions {
  method?: string
  body?: unknown
  signal?: AbortSignal
}

/** Calls the API and returns its JSON. Throws ApiError with a readable message. */
export async function request<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() }
  let payload: BodyInit | undefined
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  let res: Response
  try {
    res = await fetch(url, { method, headers, body: payload, signal })
  } catch (error) {
    if ((error as { name?: string }).name === 'AbortError') throw error
    throw new ApiError(0, 'network', 'Cannot reach the Sixfold server. Is it running?')
  }
  if (!res.ok) throw await errorFromResponse(res)
  if (method !== 'GET' && method !== 'HEAD') announceChange()
  if (res.status === 204) return undefined as T
  const text = await res.text()
  if (!text) return undefined as T
  try {
    return JSON.parse(text) as T
  } catch {
    throw new ApiError(res.status, 'bad_json', 'The server sent an answer that is not JSON.')
  }
}

/** Fetches a text body (exports), with the same error handling. */
export async function requestText(url: string): Promise<string> {
  let res: Response
  try {
    res = await fetch(url, { headers: authHeaders() })
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the Sixfold server. Is it running?')
  }
  if (!res.ok) throw await errorFromResponse(res)
  return res.text()
}

export interface UploadProgress {
  loaded: number
  total: number
}

/**
 * Uploads a form with progress events (fetch cannot report upload progress,
 * XMLHttpRequest can). Resolves with the JSON answer.
 */
export function uploadWithProgress<T>(url: string, form: FormData, onProgress: (p: UploadProgress) => void, method = 'POST'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, url)
    xhr.setRequestHeader('accept', 'application/json')
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ loaded: e.loaded, total: e.total })
    }
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload did not reach the server. Is it running?'))
    xhr.onload = () => {
      const text = xhr.responseText
      let body: unknown
      try {
        body = text ? JSON.parse(text) : undefined
      } catch {
        body = undefined
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        announceChange()
        return resolve(body as T)
      }
      const b = (body ?? {}) as { error?: unknown; message?: unknown }
      const message = typeof b.message === 'string' ? b.message : describeStatus(xhr.status, xhr.statusText)
      reject(new ApiError(xhr.status, typeof b.error === 'string' ? b.error : `http_${xhr.status}`, message))
    }
    xhr.send(form)
  })
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
