import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// Unit tests live next to the code they describe (`*.test.ts`); cross-cutting
// integration and browser tests live under `test/`.
export default defineConfig({
  test: {
    reporters: ['default', './test/setup/plain-summary.ts'],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['aligner/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'web',
          environment: 'happy-dom',
          include: ['web/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
