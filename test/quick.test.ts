import { describe, expect, it } from "vitest";
import { callJson, createChallenge, member } from "./helpers";

describe("quick", () => {
  it("creates, publishes, lists, backs, comments", async () => {
    const ic = await member({ name: "Ines Costa" });
    const other = await member();
    const id = await createChallenge(ic.as);
    let got = await callJson("GET", `/api/challenges/${id}`, { as: other.as });
    expect(got.status).toBe(404);
    got = await callJson("GET", `/api/challenges/${id}`, { as: ic.as });
    console.log("GOT1", id, ic.as.slice(0, 40), JSON.stringify(got.body));
    console.log("GOT", JSON.stringify(got.body));
    expect(got.status).toBe(200);
    console.log(JSON.stringify(got.body).slice(0, 600), got.headers.get("server-timing"));
    const pub = await callJson("POST", `/api/challenges/${id}/transitions`, { as: ic.as, body: { action: "publish" } });
    expect(pub.status).toBe(200);
    const list = await callJson("GET", `/api/challenges?q=batch`, { as: other.as });
    console.log(JSON.stringify(list.body).slice(0, 500), list.headers.get("server-timing"));
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const back = await callJson("PUT", `/api/challenges/${id}/backing`, { as: other.as });
    const back2 = await callJson("PUT", `/api/challenges/${id}/backing`, { as: other.as });
    expect(back.body).toEqual({ backed: true, backerCount: 1 });
    expect(back2.body).toEqual({ backed: true, backerCount: 1 });
    const cm = await callJson("POST", `/api/challenges/${id}/comments`, { as: other.as, body: { body: "Love it" } });
    expect(cm.status).toBe(201);
    const act = await callJson("GET", `/api/challenges/${id}/activity`, { as: other.as });
    console.log(act.body.items.map((a: { action: string }) => a.action));
    const people = await callJson("GET", `/api/people?q=ines`, { as: other.as });
    console.log(JSON.stringify(people.body).slice(0, 300));
    const prof = await callJson("GET", `/api/people/${ic.id}`, { as: other.as });
    console.log(JSON.stringify(prof.body).slice(0, 500));
    const bad = await callJson("POST", "/api/challenges", {
      as: ic.as,
      body: { title: "x", kpis: [{ name: "", direction: "up", baseline: 5, target: 2 }], fundingAsk: 1.5 },
    });
    console.log(JSON.stringify(bad.body));
    const org = await callJson("GET", "/api/org", { as: ic.as });
    expect(org.status).toBe(200);
    const doc = await callJson("GET", "/api/openapi.json");
    expect(doc.status).toBe(200);
    console.log(Object.keys(doc.body.paths));
  });
});
