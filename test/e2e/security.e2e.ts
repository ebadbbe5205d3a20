import { readdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseURL, expectAccessible, expectSecure, launchBrowser, signInAs } from "./browser";

/**
 * The security review's points, tried against the real server (`wrangler dev`: the Worker, its
 * static assets and their `_headers`) the way a reviewer would, from outside and in a browser.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const url = (p: string) => `${baseURL()}${p}`;

async function signInCookie(email: string) {
  const res = await fetch(url("/api/dev/sign-in"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

describe("headers on every HTML response", () => {
  it.each(["/", "/challenges/ch_nothing_here", "/people", "/admin", "/sign-in", "/no/such/page", "/api/docs"])(
    "%s carries the CSP, nosniff, the referrer policy and no framing",
    async (p) => {
      const res = await fetch(url(p));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      const csp = res.headers.get("content-security-policy") ?? "";
      for (const d of ["script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) {
        expect(csp).toContain(d);
      }
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      const html = await res.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    },
  );

  it("serves hashed assets as immutable for a year", async () => {
    const dir = path.resolve(import.meta.dirname, "../../dist/client/assets");
    const file = readdirSync(dir).find((f) => f.endsWith(".js"));
    const res = await fetch(url(`/assets/${file}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("the API reference works under the CSP (Swagger UI renders, nothing is blocked)", async () => {
    const context = await browser.newContext({ baseURL: baseURL() });
    const page = await context.newPage();
    await page.goto("/api/docs");
    await page
      .getByRole("heading", { name: /Crux API/ })
      .first()
      .waitFor();
    await page.locator(".opblock").first().waitFor();
    await expectSecure(page, "API reference");
    await context.close();
  });
});

describe("cross-site changes and sessions, from outside", () => {
  it("refuses a cross-site JSON change, a form post and a bodyless POST, and honours the same change from the app", async () => {
    const cookie = await signInCookie("ic@example.com");
    const evil = { cookie, Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" };
    const json = await fetch(url("/api/challenges"), {
      method: "POST",
      headers: { ...evil, "content-type": "application/json" },
      body: JSON.stringify({ title: "Forged" }),
    });
    expect(json.status).toBe(403);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe("cross_site_request");
    const form = await fetch(url("/api/challenges"), {
      method: "POST",
      headers: { ...evil, "content-type": "application/x-www-form-urlencoded" },
      body: "title=Forged",
    });
    expect(form.status).toBe(403);
    const bodyless = await fetch(url("/api/sign-out"), { method: "POST", headers: evil });
    expect(bodyless.status).toBe(403);
    const me = await fetch(url("/api/me"), { headers: { cookie } });
    expect(me.status).toBe(200);
    const own = await fetch(url("/api/challenges"), {
      method: "POST",
      headers: { cookie, Origin: baseURL(), "Sec-Fetch-Site": "same-origin", "content-type": "application/json" },
      body: JSON.stringify({ title: "Made in Crux" }),
    });
    expect(own.status).toBe(201);
  });

  it("a copied cookie is worthless after sign-out", async () => {
    const cookie = await signInCookie("designer@example.com");
    const copy = `${cookie}`;
    expect((await fetch(url("/api/me"), { headers: { cookie: copy } })).status).toBe(200);
    expect((await fetch(url("/api/sign-out"), { method: "POST", headers: { cookie } })).status).toBe(200);
    expect((await fetch(url("/api/me"), { headers: { cookie: copy } })).status).toBe(401);
  });

  it("sign-in never follows `next` off the origin", async () => {
    for (const next of ["/\\evil.example", "/%09/evil.example", "//evil.example", "https://evil.example/"]) {
      const context = await browser.newContext({ baseURL: baseURL() });
      const page = await context.newPage();
      await page.goto(`/sign-in?next=${next}`);
      await page
        .getByRole("button", { name: /analyst@example\.com/ })
        .first()
        .click();
      await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
      expect(new URL(page.url()).origin, next).toBe(new URL(baseURL()).origin);
      await context.close();
    }
  });

  it("a profile lists my sessions, and ending the other one signs that browser out", async () => {
    const laptop = await signInAs(browser, "sponsor2@example.com");
    const phone = await signInAs(browser, "sponsor2@example.com");
    const me = await (await laptop.page.request.get("/api/me")).json();
    await laptop.page.goto(`/people/${me.id}`);
    const section = laptop.page.getByRole("region", { name: "Where you are signed in" });
    await section.getByRole("button", { name: "Sign out here, on this device" }).waitFor();
    await expectAccessible(laptop.page, "profile with sessions");
    await section
      .getByRole("button", { name: /End session on/ })
      .first()
      .click();
    await laptop.page.getByRole("status").filter({ hasText: "Signed out of" }).waitFor();
    expect((await phone.page.request.get("/api/me")).status()).toBe(401);
    expect((await laptop.page.request.get("/api/me")).status()).toBe(200);
    await laptop.context.close();
    await phone.context.close();
  });
});
