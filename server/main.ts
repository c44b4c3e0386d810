/** The main job: migrate the database, then serve the API and the built web app. */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { openDatabase } from './db/client.ts'
import { migrateDatabase } from './db/migrate.ts'

const database = openDatabase()
await migrateDatabase(database)
const app = new Hono()
app.get('/api/health', (c) => c.json({ status: 'ok' }))
const port = Number(process.env.PORT ?? 8787)
const hostname = process.env.HOST ?? '127.0.0.1'
serve({ fetch: app.fetch, port, hostname }, (info) => console.log(`Sixfold is serving on http://${hostname}:${info.port}/`))
