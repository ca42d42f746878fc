// Browser checks of the Strategies, Optimizer lab, Delta-neutral (with the carry) and Capital pages: one real action
// on each against the running platform. Called by run.mjs with its helpers:
//   t = { page, check, assert, call, shot, axe, token, BASE }

/** Console errors of a request the test expects the API to refuse (the browser logs the 4xx). */
function dropRefusals(page, status) {
  page.errors = page.errors.filter((e) => !e.includes(`status of ${status}`));
}

export async function strategyChecks(t) {
  const { page, check, assert, call, shot, axe, token, BASE } = t;
  let name = "";
  await check("strategies: cards and heat map equal the API; the detail page renders", async () => {
    page.errors.length = 0;
    const list = await call("GET", "/api/v1/strategy/list", undefined, token);
    await page.goto(BASE + "/strategies");
    await page.getByTestId("strategy-heatmap").waitFor({ timeout: 15000 });
    const cards = page.getByTestId("strategy-card");
    assert((await cards.count()) === list.strategies.length, `cards ${await cards.count()} vs ${list.strategies.length}`);
    for (const s of list.strategies) {
      const card = page.locator(`[data-testid=strategy-card][data-name="${s.name}"]`);
      assert((await card.getByTestId("strategy-status").innerText()) === s.status, `status of ${s.name}`);
    }
    name = list.active_strategy ?? list.strategies[0].name;
    await page.goto(`${BASE}/strategies?name=${encodeURIComponent(name)}`);
    await page.getByRole("heading", { level: 1, name: `Strategy ${name}` }).waitFor({ timeout: 15000 });
    await page.getByTestId("strategy-versions").waitFor({ timeout: 15000 });
    const lc = await call("GET", `/api/v1/strategies/${name}/versions`, undefined, token);
    assert((await page.getByTestId("lifecycle").innerText()).includes(lc.stable_version), `stable ${lc.stable_version}`);
    await page.waitForLoadState("networkidle").catch(() => {});
    await axe(page, "strategy-detail");
    await shot(page, "strategy-detail");
    assert(page.errors.length === 0, page.errors.join("\n"));
  });
  return () => name;
}

/** Deactivates the active strategy with a reason, then activates it again (run last: it pauses trading). */
export async function strategyToggle(t, name) {
  const { page, check, assert, call, shot, token, BASE } = t;
  await check("strategies: a toggle with a reason (deactivate, then activate) changes the registry", async () => {
    page.errors.length = 0;
    for (const [label, expected] of [
      ["Deactivate", "inactive"],
      ["Activate", "active"],
    ]) {
      await page.goto(BASE + "/strategies");
      await page.getByRole("button", { name: `${label} ${name}` }).click();
      const dialog = page.getByRole("dialog");
      assert(await dialog.getByRole("button", { name: label }).isDisabled(), "confirm must wait for a reason");
      await dialog.getByLabel("Reason (required)").fill(`e2e: ${label.toLowerCase()} from the dashboard`);
      await dialog.getByRole("button", { name: label }).click();
      await page.getByTestId("strategy-notice").filter({ hasText: `→ ${expected}` }).waitFor({ timeout: 15000 });
      const list = await call("GET", "/api/v1/strategy/list", undefined, token);
      assert(list.strategies.find((s) => s.name === name).status === expected, `${name} not ${expected}`);
      if (expected === "inactive") await shot(page, "strategies-toggled");
    }
    assert(page.errors.length === 0, page.errors.join("\n"));
  });
}

export async function optimizerChecks(t) {
  const { page, check, assert, call, shot, token, BASE } = t;
  await check("optimizer: a tiny walk-forward run submitted from the UI runs to done (or shows progress)", async () => {
    page.errors.length = 0;
    await page.goto(BASE + "/optimizer");
    const form = page.getByRole("form", { name: "New optimisation run" });
    await form.getByLabel("Algorithm").selectOption("random");
    await form.getByLabel("Trials per fold").fill("2");
    await form.getByLabel("Train window (days)").fill("20");
    await form.getByLabel(/Validation window/).fill("0");
    await form.getByLabel(/Step \/ forward window/).fill("10");
    await form.getByLabel(/Start date/).fill("2026-03-01");
    await form.getByLabel("End date").fill("2026-04-10");
    await form.getByLabel("long_n from").fill("10");
    await form.getByLabel("long_n to").fill("30");
    await form.getByLabel("long_n step").fill("10");
    await form.getByRole("button", { name: "Start run" }).click();
    const status = page.getByTestId("opt-status");
    await status.waitFor({ timeout: 15000 });
    const runId = (await page.locator("h2", { hasText: /^Run opt_/ }).innerText()).replace("Run ", "");
    const api = await call("GET", `/api/v1/optimizer/runs/${runId}`, undefined, token);
    assert(api.trials === 2 && api.algorithm === "random" && api.windows === "train=20d,step=10d", `run as stored: ${JSON.stringify(api).slice(0, 300)}`);
    await page
      .waitForFunction(() => ["done", "failed", "cancelled"].includes(document.querySelector("[data-testid=opt-status]")?.textContent ?? ""), null, { timeout: 150000 })
      .catch(() => {});
    const s = await status.innerText();
    const after = await call("GET", `/api/v1/optimizer/runs/${runId}`, undefined, token);
    if (s === "done") {
      await page.getByTestId("opt-best").waitFor();
      const sharpe = await page.getByTestId("opt-metrics").locator("[data-value]").nth(2).getAttribute("data-value");
      assert(String(after.result.sharpe ?? "") === sharpe, `OOS Sharpe ${sharpe} vs API ${after.result.sharpe}`);
      // The stored report as tables: one fold row per fold of result.json, the trials of trials.csv.
      const folds = JSON.parse((await call("GET", `/api/v1/optimizer/runs/${runId}/files/result.json`, undefined, token)).content).folds;
      await page.getByTestId("opt-folds").waitFor({ timeout: 15000 });
      const rows = await page.getByTestId("opt-folds").locator("tbody tr").count();
      assert(rows === folds.length && rows > 0, `fold rows ${rows} vs result.json ${folds.length}`);
      const trials = await page.getByTestId("opt-trials").locator("tbody tr").count();
      assert(trials > 0, "the trials table has the accepted trials");
    } else {
      assert(s === "running" || s === "queued", `run ${runId} ended ${s}: ${after.error}`);
      await page.getByTestId("opt-progress").waitFor();
    }
    t.results.optimizer = { run_id: runId, status: s, progress: after.progress };
    await page.locator("[data-testid=opt-best], [data-testid=opt-progress]").first().scrollIntoViewIfNeeded();
    await shot(page, "optimizer-run");
    assert(page.errors.length === 0, page.errors.join("\n"));
  });
}

export async function deltaChecks(t) {
  const { page, check, assert, call, shot, token, BASE } = t;
  await check("delta-neutral: accounts, a dry-run plan equal to the API's, a manual failover with confirmation", async () => {
    page.errors.length = 0;
    await page.goto(BASE + "/delta-neutral");
    await page.getByTestId("delta-accounts").waitFor({ timeout: 15000 });
    const accounts = await page.locator("[data-account]").evaluateAll((els) => els.map((e) => e.getAttribute("data-account")));
    assert(accounts.length >= 2, `accounts ${accounts}`);
    await page.getByRole("button", { name: "Plan (dry run)" }).click();
    await page.getByTestId("delta-plan").waitFor({ timeout: 30000 });
    const shown = Number(await page.getByTestId("net-delta").getAttribute("data-value"));
    const api = await fetch(BASE + "/api/v1/delta/control", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ symbol: "BTC-USD", accounts, targetDelta: 0, maxDeviation: 0.01, tolerancePercent: 0.05, dryRun: true }),
    }).then((r) => r.json());
    assert(typeof api.initialDelta === "number", `API: ${JSON.stringify(api)}`);
    assert(shown === api.initialDelta, `net delta ${shown} vs API ${api.initialDelta}`);
    await shot(page, "delta-neutral-plan");
    const feeds = await fetch(BASE + "/api/v1/market-data/feeds", { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.json());
    const target = feeds.feeds.find((f) => f.feedId !== feeds.activeFeed).feedId;
    await page.getByRole("button", { name: `Fail over to ${target}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Reason (required)").fill("e2e: manual failover from the dashboard");
    await dialog.getByRole("button", { name: "Fail over" }).click();
    await page.getByTestId("feed-notice").waitFor({ timeout: 15000 });
    const after = await fetch(BASE + "/api/v1/market-data/feeds", { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.json());
    assert(after.activeFeed === target, `active feed ${after.activeFeed}, wanted ${target}`);
    t.results.delta = { accounts, net_delta: shown, failover: { from: feeds.activeFeed, to: target } };
    assert(page.errors.length === 0, page.errors.join("\n"));
  });
}

export async function carryChecks(t) {
  const { page, check, assert, shot, token, BASE } = t;
  const carry = () => fetch(BASE + "/api/v1/carry/btc", { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.json()).then((j) => j.data);
  await check("delta-neutral: a dry-run carry started and closed from the UI, each step confirmed, state equal to the API's", async () => {
    page.errors.length = 0;
    await page.goto(BASE + "/delta-neutral");
    const card = page.locator('[data-carry="btc"]');
    await card.waitFor({ timeout: 15000 });
    const state = card.getByTestId("carry-state");
    const until = async (want) => {
      const end = Date.now() + 20000;
      while ((await state.textContent()) !== want) {
        assert(Date.now() < end, `carry state ${await state.textContent()}, wanted ${want}`);
        await page.waitForTimeout(200);
      }
    };
    await until("idle");
    await card.getByRole("button", { name: "Start…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Quantity").fill("0.0100000001");
    assert(await dialog.getByRole("button", { name: "Ask" }).isDisabled(), "a quantity with too many decimals is refused before it is sent");
    await dialog.getByLabel("Quantity").fill("0.010");
    await dialog.getByRole("button", { name: "Ask" }).click();
    await card.getByRole("button", { name: "Confirm" }).waitFor({ timeout: 10000 });
    assert((await carry()).pending === "start", "the API holds the start until it is confirmed");
    await card.getByRole("button", { name: "Confirm" }).click();
    await until("holding");
    const held = await carry();
    assert(held.state === "holding" && held.mode === "dry_run", `API: ${JSON.stringify(held)}`);
    await card.getByRole("button", { name: "Records" }).click();
    await page.getByTestId("carry-records-btc").locator("tbody tr").first().waitFor({ timeout: 15000 });
    await shot(page, "delta-neutral-carry");
    await card.getByRole("button", { name: "Close…" }).click();
    await dialog.getByRole("button", { name: "Ask" }).click();
    await card.getByRole("button", { name: "Confirm" }).click();
    await until("idle");
    assert((await carry()).state === "idle", "closed in the API too");
    t.results.carry = { held_spot: held.spot_position, held_perp: held.perp_position, deviation: held.hedge_deviation };
    assert(page.errors.length === 0, page.errors.join("\n"));
  });
}

export async function capitalChecks(t) {
  const { page, check, assert, call, shot, token, BASE } = t;
  await check("capital: weights equal the API's; a bandit step asks for confirmation and shows the API's answer", async () => {
    page.errors.length = 0;
    const alloc = await call("GET", "/api/v1/allocation", undefined, token);
    await page.goto(BASE + "/capital");
    await page.getByTestId("alloc-weights").waitFor({ timeout: 15000 });
    const rows = await page.getByTestId("alloc-weights").locator("tbody tr").count();
    assert(rows === alloc.weights.length, `weights ${rows} vs ${alloc.weights.length}`);
    await page.getByRole("button", { name: "Bandit step…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Run step" }).click();
    // In single mode (the defaults) the API refuses a step (40060); in ensemble mode it runs one.
    await page.locator("[data-testid=alloc-notice], [role=alert]").first().waitFor({ timeout: 15000 });
    const list = await call("GET", "/api/v1/strategy/list", undefined, token);
    if (list.active_mode === "single") {
      assert((await page.getByRole("alert").first().innerText()).includes("40060"), "expected the API's 40060");
      dropRefusals(page, 409);
    } else {
      const after = await call("GET", "/api/v1/allocation", undefined, token);
      assert(after.step_id !== alloc.step_id, "no new allocation step");
    }
    await shot(page, "capital-allocation");
    assert(page.errors.length === 0, page.errors.join("\n"));
  });
}
