import type { Database } from "../middleware/db";
import { type ReadPlan, readTogether } from "./batch";

/**
 * What routes need of the read plans (worker/services/batch.ts) without the SQL behind them:
 * a route gathers the services' plans for one request and reads them in one round trip.
 */
export type Plan = ReadPlan<unknown>;
export type PlanValues<P extends readonly Plan[]> = { [K in keyof P]: P[K] extends ReadPlan<infer T> ? T : never };

/** Reads every plan in one D1 round trip: the facts a request decides on. */
export function readFacts<const P extends readonly Plan[]>(db: Database, ...plans: P) {
  return readTogether(db, ...plans);
}
