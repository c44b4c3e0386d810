/**
 * Writes that change the memory (an upload, an alignment edit, a glossary change) are announced
 * here once the server has accepted them, so that what summarises the memory elsewhere on the page
 * (the header's document and segment counts) is read again without a reload.
 */
const changes = new EventTarget()

/** Said by the API client after a write the server accepted. */
export function announceChange(): void {
  changes.dispatchEvent(new Event('change'))
}

/** Calls `listener` after every accepted write; returns what stops it. */
export function onChange(listener: () => void): () => void {
  changes.addEventListener('change', listener)
  return () => changes.removeEventListener('change', listener)
}
