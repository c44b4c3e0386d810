import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// The Vue app lives in web/; `npm start` builds it into dist/web, which the
// Hono server serves next to the API.
export default defineConfig({
  root: 'web',
  plugins: [vue()],
  build: { outDir: '../dist/web', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
})
