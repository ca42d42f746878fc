"""Compares `./perpetua flow score` with the original Python scorer on random inputs.

    python3 tools/flow-score-compare/compare.py --cases 20000 --seed 1 [--java CMD] [--fixtures OUT]

Generates random inputs biased to the original's breakpoints, scores them with the original
(original.py) and with our CLI, and prints the agreement: among the cases where either side opens,
the share where both make the same decision (open, direction, tier); and the share of all cases
with the same score. Cases where a deliberate fix of docs/orderflow.md applies (missing OBI or
spot–perp input with that gate on; whale_flow_pct = 0) are counted apart. --fixtures writes the
cases without a deliberate difference, with the original's decision, as JSONL for the Java test.
--java is the command that runs the CLI (default: ./perpetua).
Measured numbers, with the command: docs/orderflow.md.
"""
import argparse
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import original  # noqa: E402

SYMBOLS = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"]
# GateSettings.defaultsFor: vol_min, whale_usd, obi_veto, spot_perp_veto
GATE_ROWS = {"BTCUSDT": (0.002, 100000, 0.30, 0.003), "ETHUSDT": (0.003, 50000, 0.35, 0.005),
             "SOLUSDT": (0.004, 20000, 0.45, 0.008), "XRPUSDT": (0.0025, 30000, 0.40, 0.006)}


def gate_defaults(symbol):
    vol, usd, obi, spd = GATE_ROWS[symbol]
    return {"vol_gate_on": True, "vol_min": vol, "whale_gate_on": True, "whale_usd": usd,
            "whale_flow_pct": 0.5, "obi_gate_on": True, "obi_veto": obi,
            "spot_perp_gate_on": False, "spot_perp_veto": spd}


def pick(rng, exact, lo, hi, p_exact=0.35, p_none=0.1):
    """None, one of the breakpoints `exact` (± a hair), or uniform in [lo, hi]."""
    u = rng.random()
    if u < p_none:
        return None
    if u < p_none + p_exact:
        x = rng.choice(exact)
        return rng.choice([x, x, x + 1e-9, x - 1e-9])
    return rng.uniform(lo, hi)


def factory_params(rng):
    while True:
        wd, we, wa = rng.randint(10, 80), rng.randint(5, 60), rng.randint(0, 40)
        wm = 100 - wd - we - wa
        if 0 <= wm <= 20:
            break
    entry = rng.randint(60, 95)
    p = {"weight_direction": wd, "weight_env": we, "weight_aux": wa, "weight_momentum": wm,
         "entry_score": entry, "flip_threshold": rng.randint(entry, 95),
         "direction": rng.choice(["both", "both", "long_only", "short_only"]),
         "vol_gate_on": rng.random() < 0.7, "vol_min": round(rng.uniform(0.0001, 0.006), 4),
         "whale_gate_on": rng.random() < 0.7, "whale_usd": rng.choice([1000, 20000, 50000, 250000]),
         "whale_flow_pct": rng.choice([0.0, 0.2, 0.5, 0.8, 1.0]),
         "obi_gate_on": rng.random() < 0.5, "obi_veto": rng.choice([0.1, 0.3, 0.5, 0.9]),
         "spot_perp_gate_on": rng.random() < 0.3, "spot_perp_veto": rng.choice([0.0005, 0.003, 0.01]),
         "symbol": rng.choice(SYMBOLS)}
    if rng.random() < 0.3:
        p["cvd_gate_on"] = False
    return p


def inputs(rng, symbol, vol_min):
    price = rng.choice([100.0, 2500.0, 0.6, 65000.0])
    line = {"symbol": symbol, "price": price}
    ratio = pick(rng, [vol_min], vol_min * 0.3, vol_min * 3, p_none=0.03)
    line["atr"] = None if ratio is None else ratio * price
    line["cvd_fast"] = rng.choice([0.0, rng.uniform(-50, 50), rng.uniform(-50, 50)])
    line["cvd_slow"] = rng.choice([0.0, rng.uniform(-200, 200), rng.uniform(-200, 200)])
    if rng.random() < 0.6:  # mostly agreeing CVDs: the gate passes and the layers matter
        line["cvd_slow"] = abs(line["cvd_slow"]) * (1 if line["cvd_fast"] >= 0 else -1)
    line["cvd_acceleration"] = rng.choice([None, 0.0, rng.uniform(-5, 5)])
    trades = []
    for _ in range(rng.choice([0, 0, 1, 2, 3])):
        usd = rng.choice([1000, 20000, 30000, 50000, 100000, 250000]) * rng.choice([0.5, 1.0, 1.5])
        trades.append((usd / price, rng.choice([0, 1])))
    line["_large_trades"] = trades
    for ibm, qty_key, max_key in ((0, "large_buy_qty", "max_buy_notional"),
                                  (1, "large_sell_qty", "max_sell_notional")):
        side = [q for q, b in trades if b == ibm]
        line[qty_key] = sum(side)
        line[max_key] = max((q * price for q in side), default=0.0)
    if symbol == "BTCUSDT" and rng.random() < 0.7:
        line["whale_buy_usd"] = rng.choice([0.0, 100000.0, 300000.0, rng.uniform(0, 1e6)])
        line["whale_sell_usd"] = rng.choice([0.0, 100000.0, 300000.0, rng.uniform(0, 1e6)])
    line["long_short_ratio"] = pick(rng, [0.5, 0.7, 1.0, 1.5, 2.0], 0.3, 2.6)
    line["top_trader_long_share"] = pick(rng, [0.45, 0.55], 0.3, 0.7)
    line["oi_change"] = pick(rng, [0.0, 0.03], -0.06, 0.06)
    line["premium"] = pick(rng, [0.0005, -0.0005, 0.0], -0.002, 0.002)
    line["book_imbalance"] = pick(rng, [0.1, -0.1, 0.3, -0.3, 0.35, -0.35, 0.45, -0.45], -0.9, 0.9)
    line["spot_perp_divergence"] = pick(rng, [0.003, -0.003, 0.005, -0.005], -0.012, 0.012)
    return {k: v for k, v in line.items() if v is not None}


def cases(rng, n, family):
    """(params, [lines]) groups: v53 one group with per-line symbols; factory 40 parameter sets."""
    if family == "v53":
        lines = []
        for _ in range(n):
            s = rng.choice(SYMBOLS)
            lines.append(inputs(rng, s, GATE_ROWS[s][0]))
        return [({}, lines)]
    groups = []
    per = max(1, n // 40)
    for _ in range(max(1, n // per)):
        p = factory_params(rng)
        groups.append((p, [inputs(rng, p["symbol"], p["vol_min"]) for _ in range(per)]))
    return groups


def deliberate(family, params, line):
    g = gate_defaults(line["symbol"])
    g.update({k: params[k] for k in g if k in params})
    if g["obi_gate_on"] and "book_imbalance" not in line:
        return "missing_feature:obi"
    if g["spot_perp_gate_on"] and "spot_perp_divergence" not in line:
        return "missing_feature:spot_perp"
    if family == "factory" and g["whale_gate_on"] and g["whale_flow_pct"] == 0:
        return "whale_flow_pct=0"
    return None


def run_ours(java, family, params, lines):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for line in lines:
            f.write(json.dumps({k: v for k, v in line.items() if not k.startswith("_")}) + "\n")
    cmd = shlex.split(java) + ["flow", "score", "--input", f.name, "--family", family,
                               "--params", json.dumps(params)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    os.unlink(f.name)
    results = [json.loads(x) for x in out.stdout.splitlines() if x.startswith("{")]
    if len(results) != len(lines):
        sys.exit("our CLI failed (%d of %d lines): %s" % (len(results), len(lines), out.stderr[-2000:]))
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--java", default=os.path.join(os.path.dirname(__file__), "..", "..", "perpetua"))
    ap.add_argument("--family", choices=["v53", "factory", "both"], default="both")
    ap.add_argument("--fixtures")
    ap.add_argument("--no-cvd-switch", action="store_true",
                    help="do not send cvd_gate_on to our CLI (code before the switch existed)")
    args = ap.parse_args()
    evaluate = original.load()
    rng = random.Random(args.seed)
    fixtures = []
    for family in (["v53", "factory"] if args.family == "both" else [args.family]):
        stats = {"cases": 0, "deliberate": 0, "either_opens": 0, "agree": 0, "same_score": 0}
        examples = []
        for params, lines in cases(rng, args.cases, family):
            sent = {k: v for k, v in params.items() if not (args.no_cvd_switch and k == "cvd_gate_on")}
            ours = run_ours(args.java, family, sent, lines)
            for line, mine in zip(lines, ours):
                stats["cases"] += 1
                if deliberate(family, params, line):
                    stats["deliberate"] += 1
                    continue
                sym = line["symbol"]
                theirs = original.score(evaluate, family, sym, params, gate_defaults(sym), line)
                mine_d = {"opens": mine["opens"], "direction": mine["direction"] if mine["opens"] else None,
                          "tier": mine["tier"], "score": mine["score"]}
                same = all(theirs[k] == mine_d[k] for k in ("opens", "direction", "tier"))
                if abs(theirs["score"] - mine["score"]) < 1e-9:
                    stats["same_score"] += 1
                if theirs["opens"] or mine["opens"]:
                    stats["either_opens"] += 1
                    stats["agree"] += same
                if (not same or abs(theirs["score"] - mine["score"]) >= 1e-9) and len(examples) < 5:
                    examples.append((line, params, theirs, mine_d))
                if args.fixtures:
                    fixtures.append({"family": family, "params": params,
                                     "input": {k: v for k, v in line.items() if not k.startswith("_")},
                                     "expect": theirs})
        n = stats["cases"] - stats["deliberate"]
        print("%s: %d cases, %d with a deliberate difference left out; either opens in %d: "
              "same decision %.1f %%; same score %.1f %% of %d" % (
                  family, stats["cases"], stats["deliberate"], stats["either_opens"],
                  100.0 * stats["agree"] / max(1, stats["either_opens"]),
                  100.0 * stats["same_score"] / max(1, n), n))
        for line, params, theirs, mine in examples:
            print("  differs: params=%s input=%s original=%s ours=%s" % (
                json.dumps(params), json.dumps(line), theirs, mine))
    if args.fixtures:
        with open(args.fixtures, "w") as f:
            for c in fixtures:
                f.write(json.dumps(c) + "\n")


if __name__ == "__main__":
    main()
