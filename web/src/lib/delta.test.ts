import { describe, expect, it } from "vitest";
import { accountsFromFeeds, mergeAlerts, msToIso, parseAccounts } from "./delta";

describe("delta-neutral helpers", () => {
  it("derives the account ids from their polled feeds", () => {
    expect(accountsFromFeeds(["binance-main-rest", "generic-a-rest", "binance-main-ws", "binance-main-rest", "Bad-rest"])).toEqual(["binance-main", "generic-a"]);
  });
  it("parses typed account ids and names the bad ones", () => {
    expect(parseAccounts(" generic-a, generic-b  generic-a")).toEqual({ ids: ["generic-a", "generic-b"], errors: ["accounts: generic-a given twice"] });
    expect(parseAccounts("Main_1").errors).toEqual(["accounts: 'Main_1' is not an account id ([a-z0-9][a-z0-9-]{0,63})"]);
  });
  it("merges alerts newest first without duplicates", () => {
    const a = (id: string, t: number) => ({ id, type: "delta-alert", severity: "WARN", accountId: null, message: id, timestamp: t });
    expect(mergeAlerts([[a("x", 1), a("y", 3)], [a("y", 3), a("z", 2)]]).map((x) => x.id)).toEqual(["y", "z", "x"]);
    expect(mergeAlerts([[a("x", 1), a("y", 3)]], 1).map((x) => x.id)).toEqual(["y"]);
  });
  it("shows epoch milliseconds as ISO, nothing for 0", () => {
    expect(msToIso(1698393600000)).toBe("2023-10-27T08:00:00.000Z");
    expect(msToIso(0)).toBeNull();
  });
});
