/**
 * Routes. Each view keeps its state in the URL's query (search text, filters,
 * document, ordering), so a link can be shared and the back button works.
 */
import { createMemoryHistory, createRouter, createWebHistory, type Router, type RouterHistory } from 'vue-router'
import SearchView from './views/SearchView.vue'

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  return createRouter({
    history,
    routes: [
      { path: '/', name: 'search', component: SearchView, meta: { title: 'Search' } },
      { path: '/glossary', name: 'glossary', component: () => import('./views/GlossaryView.vue'), meta: { title: 'Glossary' } },
      { path: '/review', name: 'review', component: () => import('./views/ReviewView.vue'), meta: { title: 'Review' } },
      { path: '/alignment/:doc?', name: 'alignment', component: () => import('./views/AlignmentView.vue'), meta: { title: 'Alignment' } },
      { path: '/documents/:doc?', name: 'documents', component: () => import('./views/DocumentsView.vue'), meta: { title: 'Documents' } },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  })
}

/** A router for component tests (no browser history). */
export function createTestRouter(): Router {
  return createAppRouter(createMemoryHistory())
}

/** Reads one string from a route query value (first of an array; '' when absent). */
export function queryString(value: unknown): string {
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : ''
  return typeof value === 'string' ? value : ''
}

/** Reads a positive integer page number from a route query value. */
export function queryPage(value: unknown): number {
  const n = Number.parseInt(queryString(value), 10)
  return Number.isFinite(n) && n >= 1 ? n : 1
}
