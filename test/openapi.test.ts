import { describe, expect, it } from "vitest";
import { fallbackOperationId, OPERATION_IDS } from "../worker/openapi-operation-ids";
import { callJson } from "./helpers";

type Operation = { operationId?: string };
type Doc = { servers?: { url: string }[]; paths: Record<string, Record<string, Operation>> };

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

async function operations() {
  const { status, body } = await callJson<Doc>("GET", "/api/openapi.json");
  expect(status).toBe(200);
  return Object.entries(body.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
  );
}

describe("GET /api/openapi.json for integrators", () => {
  it("names every operation in worker/openapi-operation-ids.ts", async () => {
    const unnamed = (await operations()).filter(({ key }) => !(key in OPERATION_IDS)).map(({ key }) => key);
    expect(unnamed, "add these routes' operationId to OPERATION_IDS in worker/openapi-operation-ids.ts").toEqual([]);
  });

  it("gives each operation its unique, camelCase operationId from the table", async () => {
    const ops = await operations();
    for (const { key, operation } of ops) {
      expect(operation.operationId, key).toBe(OPERATION_IDS[key]);
      expect(operation.operationId, key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    }
    const ids = ops.map(({ operation }) => operation.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const tableIds = Object.values(OPERATION_IDS);
    expect(tableIds.filter((id, i) => tableIds.indexOf(id) !== i)).toEqual([]);
  });

  it("names the origin it was read from as its server (its paths start with /api)", async () => {
    const { body: doc } = await callJson<Doc>("GET", "/api/openapi.json");
    expect(doc.servers).toEqual([expect.objectContaining({ url: "http://localhost" })]);
    expect(Object.keys(doc.paths).every((path) => path.startsWith("/api/"))).toBe(true);
  });

  it("derives a name from method and path for a route not yet in the table", () => {
    expect(fallbackOperationId("get", "/api/budgets/{id}/ledger")).toBe("getBudgetsIdLedger");
    expect(fallbackOperationId("post", "/api/admin/scim-tokens")).toBe("postAdminScimTokens");
    expect(fallbackOperationId("get", "/api/people/{id}/impact-packet.md")).toBe("getPeopleIdImpactPacketMd");
  });
});
