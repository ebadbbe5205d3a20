import { it } from "vitest";
import { callJson, challengeBody, member } from "./helpers";

it("dbg", async () => {
  const ic = await member({ name: "Ines Costa" });
  const created = await callJson("POST", "/api/challenges", { as: ic.as, body: challengeBody() });
  console.log("CREATED", created.status, JSON.stringify(created.body).slice(0, 1500));
});
