// Refreshes the API snapshot and the client's types:
//   npm run api:types                       schema.d.ts from src/api/openapi.json
//   npm run api:types -- --from URL         first fetch URL/openapi.json from a running platform
// The app test OpenApiSnapshotTest fails when the snapshot differs from what the server serves,
// and src/api/schema.test.ts when schema.d.ts is not what this script makes of the snapshot.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate, SNAPSHOT, TYPES } from "./api-types-lib.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const from = process.argv.indexOf("--from");
if (from > 0) {
  const url = `${process.argv[from + 1].replace(/\/$/, "")}/openapi.json`;
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  writeFileSync(path.join(root, SNAPSHOT), JSON.stringify(await r.json(), null, 4) + "\n");
  console.log(`api-types: ${SNAPSHOT} refreshed from ${url}`);
}
const spec = JSON.parse(readFileSync(path.join(root, SNAPSHOT), "utf8"));
writeFileSync(path.join(root, TYPES), await generate(spec));
console.log(`api-types: ${TYPES} generated`);
