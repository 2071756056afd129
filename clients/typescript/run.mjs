// Generates a TypeScript client from the running host's OpenAPI description (openapi-typescript) and calls five
// operations through it (openapi-fetch): sign in, who am I, propose a project, read it back, its audit CSV.
// LSI_URL (default http://127.0.0.1:5080), LSI_USER and LSI_PASSWORD name the host and a secretary's account.
// The last line says what passed; the exit code is non-zero on any failure.
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const baseUrl = (process.env.LSI_URL ?? "http://127.0.0.1:5080").replace(/\/$/, "");
const userName = process.env.LSI_USER ?? "secretaris";
const password = process.env.LSI_PASSWORD;
if (!password) {
  console.error("Set LSI_PASSWORD (and LSI_USER, LSI_URL) to the account the client signs in with.");
  process.exit(2);
}
if (!existsSync(join(here, "node_modules", "openapi-fetch"))) {
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: here, stdio: "inherit" });
}
const { default: createClient } = await import("openapi-fetch");

function fail(what, detail) {
  console.error(`FAILED ${what}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  process.exit(1);
}

// 1. Sign in through the client (the token operation needs no token).
const anonymous = createClient({ baseUrl });
const token = await anonymous.POST("/api/auth/token", { body: { userName, password } });
if (!token.data?.accessToken) fail("postAuthToken", token.error ?? token.response.status);
const headers = { Authorization: `Bearer ${token.data.accessToken}` };

// The description as a client generator sees it, and the types generated from it.
const description = await fetch(`${baseUrl}/openapi/v1.json`, { headers });
if (!description.ok) fail("openapi/v1.json", `${description.status}`);
writeFileSync(join(here, "openapi.json"), await description.text());
execFileSync(process.execPath, [join(here, "node_modules", "openapi-typescript", "bin", "cli.js"), "openapi.json", "-o", "lsi-api.d.ts"],
  { cwd: here, stdio: ["ignore", "ignore", "inherit"] });
if (process.argv.includes("--generate-only")) {
  console.log("generated lsi-api.d.ts");
  process.exit(0);
}

const api = createClient({ baseUrl, headers });
const calls = [];

// 2. Who am I.
const me = await api.GET("/api/me");
if (me.data?.userName !== userName) fail("getMe", me.error ?? me.data);
calls.push("getMe");

// 3. Propose a project; a refusal comes back as problem+json in error.
const name = `Fenomeenproject via TypeScript ${Date.now()}`;
const proposed = await api.POST("/api/projects/", { body: { name, kind: "PhenomenonBased", municipality: null, multiYearPlanId: null, reason: "Gemaakt door de TypeScript-client" } });
if (!proposed.data?.id) fail("postProjects", proposed.error ?? proposed.response.status);
calls.push("postProjects");
const bad = await api.POST("/api/projects/", { body: { name: "", kind: "PhenomenonBased", municipality: null, multiYearPlanId: null, reason: null } });
if (bad.response.status < 400 || !bad.error?.title) fail("postProjects refused", `${bad.response.status} ${JSON.stringify(bad.error)}`);

// 4. Read it back by id.
const read = await api.GET("/api/projects/{id}", { params: { path: { id: proposed.data.id } } });
if (read.data?.name !== name) fail("getProjectsById", read.error ?? read.data);
calls.push("getProjectsById");

// 5. Its audit trail as CSV (text/csv in the description).
const audit = await api.GET("/api/projects/{id}/audit.csv", { params: { path: { id: proposed.data.id } }, parseAs: "text" });
if (!audit.data?.includes("ProjectProposed")) fail("getProjectsByIdAuditCsv", audit.error ?? audit.data);
calls.push("getProjectsByIdAuditCsv");

calls.unshift("postAuthToken");
console.log(`${calls.length} operations through the generated client: ${calls.join(", ")}`);
