"""Writes the pinned cases of app's FlowScoreOriginalCasesTest: inputs, parameters and the
original scorer's decision (opens, direction, tier, score), one JSON object per line.

    python3 tools/flow-score-compare/fixtures.py > app/src/test/resources/flow/original-cases.jsonl

Breakpoint sweeps (long/short-ratio steps, top traders, OI environment, premium bands, P99 flow,
whale gates, volatility floor, OBI, CVD gate switch, heavy tier at the flip threshold, totals that
reach a threshold only by the rounding to 0.1) and random cases biased to the breakpoints. Cases
where a deliberate fix applies are not written (see compare.deliberate).
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402
import original  # noqa: E402

RAW_MAX = {"direction": 55.0, "crowding": 25.0, "environment": 15.0, "auxiliary": 5.0}


def base(symbol="ETHUSDT", sign=1):
    return {"symbol": symbol, "price": 100.0, "atr": 0.5, "cvd_fast": 10.0 * sign,
            "cvd_slow": 50.0 * sign, "cvd_acceleration": 1.0 * sign, "long_short_ratio": 0.45 if sign > 0 else 2.1,
            "top_trader_long_share": 0.6 if sign > 0 else 0.4, "oi_change": 0.04,
            "premium": 0.001 * sign, "book_imbalance": 0.0, "_large_trades": [(600.0, 0 if sign > 0 else 1)]}


def with_trades(line, trades):
    line = dict(line)
    line["_large_trades"] = trades
    return line


def finish(line):
    """Derives the large-trade fields from `_large_trades` as the generator does."""
    line = {k: v for k, v in line.items() if v is not None}
    trades = line.get("_large_trades", [])
    for ibm, qty_key, max_key in ((0, "large_buy_qty", "max_buy_notional"),
                                  (1, "large_sell_qty", "max_sell_notional")):
        side = [q for q, b in trades if b == ibm]
        line[qty_key] = sum(side)
        line[max_key] = max((q * line["price"] for q in side), default=0.0)
    return line


def sweeps():
    """(label, family, params, line) around every breakpoint, for both directions."""
    out = []
    for sign, side in ((1, "long"), (-1, "short")):
        b = base(sign=sign)
        for v in [None, 0.49, 0.5, 0.51, 0.69, 0.7, 0.71, 0.99, 1.0, 1.01, 1.49, 1.5, 1.51, 1.99, 2.0, 2.01]:
            out.append(("lsr %s %s" % (side, v), "v53", {}, dict(b, long_short_ratio=v)))
        for v in [None, 0.44, 0.45, 0.46, 0.5, 0.54, 0.55, 0.56]:
            out.append(("top %s %s" % (side, v), "v53", {}, dict(b, top_trader_long_share=v)))
        for v in [None, -0.02, 0.0, 1e-9, 0.0299, 0.03, 0.05]:
            out.append(("oi %s %s" % (side, v), "v53", {}, dict(b, oi_change=v)))
        for v in [None, -0.0006, -0.0005, -0.0004, 0.0, 0.0004, 0.0005, 0.0006]:
            out.append(("premium %s %s" % (side, v), "v53", {}, dict(b, premium=v)))
        ours, theirs = (0, 1) if sign > 0 else (1, 0)
        for name, trades in (("none", []), ("aligned", [(10.0, ours)]), ("adverse", [(10.0, theirs)]),
                             ("both", [(10.0, ours), (30.0, theirs)])):
            out.append(("p99 %s %s" % (side, name), "v53", {}, with_trades(b, trades)))
        # ETH whale gate: $50k on large trades only
        for name, trades in (("adverse 60k", [(600.0, theirs)]), ("adverse 50k", [(500.0, theirs)]),
                             ("adverse 49.9k", [(499.0, theirs)]),
                             ("adverse 60k aligned 50k", [(600.0, theirs), (500.0, ours)]),
                             ("adverse 60k aligned 40k", [(600.0, theirs), (400.0, ours)])):
            out.append(("whale %s %s" % (side, name), "v53", {}, with_trades(b, trades)))
        bb = dict(base("BTCUSDT", sign), price=65000.0, atr=300.0, _large_trades=[])
        for wb, ws in ((0, 0), (300000, 100000), (100000, 300000), (750000, 250000), (250000, 750000),
                       (800000, 200000), (200000, 800000)):
            out.append(("whale flow %s %s/%s" % (side, wb, ws), "v53", {},
                        dict(bb, whale_buy_usd=float(wb), whale_sell_usd=float(ws))))
        for pct in (0.2, 0.5, 1.0):
            out.append(("whale flow pct %s %s" % (side, pct), "factory",
                        {"symbol": "BTCUSDT", "whale_flow_pct": pct},
                        dict(bb, whale_buy_usd=250000.0 if sign > 0 else 750000.0,
                             whale_sell_usd=750000.0 if sign > 0 else 250000.0)))
        for ratio in (0.00299, 0.003, 0.00301):
            out.append(("vol floor %s %s" % (side, ratio), "v53", {}, dict(b, atr=ratio * 100.0)))
        for obi in (-0.36, -0.35, -0.34, 0.34, 0.35, 0.36):
            out.append(("obi %s %s" % (side, obi), "v53", {}, dict(b, book_imbalance=obi)))
        for spd in (-0.006, -0.005, 0.005, 0.006):
            out.append(("spot-perp %s %s" % (side, spd), "factory",
                        {"symbol": "ETHUSDT", "spot_perp_gate_on": True}, dict(b, spot_perp_divergence=spd)))
    for gate in (True, False):
        for fast, slow in ((10.0, -50.0), (-10.0, 50.0), (0.0, 50.0), (0.0, -50.0), (0.0, 0.0), (10.0, 0.0)):
            params = {"symbol": "ETHUSDT", "cvd_gate_on": gate, "entry_score": 60,
                      "weight_direction": 40, "weight_env": 40, "weight_aux": 20, "weight_momentum": 0}
            line = dict(base(sign=1 if fast > 0 else -1), cvd_fast=fast, cvd_slow=slow,
                        long_short_ratio=None, top_trader_long_share=None)
            out.append(("cvd gate %s %s/%s" % (gate, fast, slow), "factory", params, line))
    for flip in (80, 85, 86, 90, 95):  # heavy = score >= flip threshold
        out.append(("heavy flip %s" % flip, "factory", {"symbol": "ETHUSDT", "flip_threshold": flip}, base()))
    return out


def unrounded(result, params):
    w = {k: float(params.get("weight_" + k, d)) for k, d in
         (("direction", 55), ("env", 25), ("aux", 15), ("momentum", 5))}
    norm = 100.0 / (w["direction"] + w["env"] + w["aux"] + w["momentum"])
    wde = (w["direction"] + w["momentum"]) * norm
    caps = {"direction": wde * (55.0 / 80.0), "crowding": wde * (25.0 / 80.0),
            "environment": w["env"] * norm, "auxiliary": w["aux"] * norm}
    f = result["factors"]
    return sum(min(max(f[k]["raw_score"], 0) / RAW_MAX[k] * caps[k], caps[k]) for k in RAW_MAX)


def rounding_cases(evaluate, rng, wanted=12):
    """Factory cases whose total reaches the entry or flip threshold only after rounding to 0.1."""
    out = []
    tries = 0
    while len(out) < wanted and tries < 400000:
        tries += 1
        p = compare.factory_params(rng)
        p.update({"vol_gate_on": False, "whale_gate_on": False, "obi_gate_on": False,
                  "spot_perp_gate_on": False, "direction": "both"})
        p.pop("cvd_gate_on", None)
        line = compare.inputs(rng, p["symbol"], p["vol_min"])
        if "atr" not in line:
            continue
        cfg = original.config("factory", p["symbol"], p, compare.gate_defaults(p["symbol"]))
        r = evaluate(original.State(p["symbol"], line), 0, cfg, original.snapshot(line))
        if not r.get("factors"):
            continue
        raw = unrounded(r, p)
        for t in (p["entry_score"], p["flip_threshold"]):
            if raw < t <= r["score"]:
                out.append(("rounding to %s (%.6f)" % (t, raw), "factory", p, line))
                break
    return out


def main():
    evaluate = original.load()
    rng = random.Random(13)
    cases = [(label, fam, params, finish(line)) for label, fam, params, line in sweeps()]
    cases += rounding_cases(evaluate, rng)
    picked = {"open": 0, "closed": 0}
    for family in ("v53", "factory"):
        for params, lines in compare.cases(rng, 4000, family):
            for line in lines:
                opens = original.score(evaluate, family, line["symbol"], params,
                                       compare.gate_defaults(line["symbol"]), line)["opens"]
                key = "open" if opens else "closed"
                if picked[key] < (70 if opens else 40) * (1 if family == "v53" else 1):
                    picked[key] += 1
                    cases.append(("random %s %s" % (family, key), family, params, line))
        picked = {"open": 0, "closed": 0}
    for label, family, params, line in cases:
        if compare.deliberate(family, params, line):
            continue
        sym = line["symbol"]
        expect = original.score(evaluate, family, sym, params, compare.gate_defaults(sym), line)
        print(json.dumps({"label": label, "family": family, "params": params,
                          "input": {k: v for k, v in line.items() if not k.startswith("_")},
                          "expect": expect}))


if __name__ == "__main__":
    main()
