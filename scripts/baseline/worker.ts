/**
 * The baseline of `npm run bench`: a bare Hono Worker answering one indexed D1 query for 20 rows
 * (the newest listed challenges, read through `challenges_listed_idx`), with no session, no
 * middleware and no shaping. Crux's reads are reported as a ratio of its requests per second.
 */
import { Hono } from "hono";

/** The part of the D1 binding used here (scripts/ are type-checked without the Workers types). */
interface D1 {
  prepare(query: string): { all<T>(): Promise<{ results: T[] }> };
}

const app = new Hono<{ Bindings: { DB: D1 } }>();

app.get("/api/health", (c) => c.json({ ok: true }));

app.get("/api/baseline", async (c) => {
  const { results } = await c.env.DB.prepare(
    "SELECT id, title, stage, listed_at FROM challenges ORDER BY listed_at DESC, id DESC LIMIT 20",
  ).all<{ id: string; title: string; stage: string; listed_at: number | null }>();
  return c.json({ items: results });
});

export default app;
