import { defineConfig } from 'drizzle-kit'

// Migrations are generated from server/db/schema.ts with `npm run db:generate`
// and applied at start-up by server/db/migrate.ts. FTS5 tables and their
// triggers are custom migrations (`drizzle-kit generate --custom`).
export default defineConfig({
  dialect: 'sqlite',
  schema: './server/db/schema.ts',
  out: './drizzle',
})
