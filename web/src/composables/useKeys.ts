import { onBeforeUnmount, onMounted } from 'vue'

/** True when the event comes from a place where keys are text (a box, a list, an editable area). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || typeof el.tagName !== 'string') return false
  const tag = el.tagName.toUpperCase()
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable === true
}

/**
 * Listens to keys on the whole page while the component is mounted. The
 * handler sees only plain keys (no Ctrl, Meta or Alt) and whether the user is typing.
 */
export function useKeys(handler: (event: KeyboardEvent, typing: boolean) => void): void {
  const listener = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return
    handler(event, isTyping(event.target))
  }
  onMounted(() => window.addEventListener('keydown', listener))
  onBeforeUnmount(() => window.removeEventListener('keydown', listener))
}
