import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helper without types
import { generate, SNAPSHOT, TYPES } from "../../scripts/api-types-lib.mjs";

const root = path.resolve(__dirname, "../..");

describe("the generated API client types", () => {
  it("are exactly what openapi-typescript makes of the checked-in snapshot", async () => {
    const spec = JSON.parse(readFileSync(path.join(root, SNAPSHOT), "utf8"));
    const expected: string = await generate(spec);
    expect(readFileSync(path.join(root, TYPES), "utf8")).toBe(expected);
  }, 120_000); // generating the types of the whole API takes seconds, more on a loaded machine
});
