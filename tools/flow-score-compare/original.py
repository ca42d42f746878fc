"""Runs the original Python scorer (../shared/spec/original/strategy_scoring.py) on Perpetua's
`flow score` input lines, for the comparison harness in this folder. Not part of the build.

The extract imports `signal_state` (not part of it) and uses `Any`/`Optional` before importing
them, so it is executed with a small prelude. Two blocks the extract's header names are absent
from it: `SymbolState.whale_cvd_ratio` (taken from spec §2: (buy − sell)/(buy + sell) USD of whale
trades) and the OI-change environment score (taken as the spec §3.1 breakpoints with the missing
value the issue reports: OI change ≥ +3 % → 15, > 0 → 10, else 5, missing → 10).
"""
import logging
import os
import sys
import types
from typing import Any, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.join(HERE, "..", "..", "..", "shared", "spec", "original", "strategy_scoring.py")


def to_float(value):
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def load(path=None):
    path = path or os.environ.get("PERPETUA_ORIGINAL_SCORER") or DEFAULT_SOURCE
    stub = types.ModuleType("signal_state")
    stub.SymbolState = object
    stub.to_float = to_float
    sys.modules["signal_state"] = stub
    ns = {"Any": Any, "Optional": Optional, "logging": logging, "__name__": "original_scoring"}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), ns)
    return ns["evaluate_signal"]


def environment_score(oi_change):
    """The OI-change environment score (assumed, see the module docstring)."""
    if oi_change is None:
        return 10
    if oi_change >= 0.03:
        return 15
    if oi_change > 0:
        return 10
    return 5


class State:
    """The attributes of the original's SymbolState that the scorer reads."""

    def __init__(self, symbol, line):
        self.symbol = symbol
        self.warmup = False
        self.last_signal_ts = {}
        self.last_signal_dir = {}
        # the generator's large trades (qty >= P99) as (time, qty, is_buyer_maker)
        self.recent_large_trades = [(0, q, ibm) for q, ibm in line.get("_large_trades", [])]
        wb = line.get("whale_buy_usd") or 0.0
        ws = line.get("whale_sell_usd") or 0.0
        self._whale_trades = [1] if wb + ws > 0 else []
        self.whale_cvd_ratio = (wb - ws) / (wb + ws) if wb + ws > 0 else 0.0
        obi = line.get("book_imbalance")
        spd = line.get("spot_perp_divergence")
        self.rt_obi = obi if obi is not None else 0.0
        self.rt_spot_perp_div = spd if spd is not None else 0.0
        mi = {}
        for ours, theirs in (("long_short_ratio", "long_short_ratio"),
                             ("top_trader_long_share", "top_trader_position"),
                             ("premium", "coinbase_premium"),
                             ("book_imbalance", "obi_depth_10"),
                             ("spot_perp_divergence", "spot_perp_divergence")):
            if line.get(ours) is not None:
                mi[theirs] = line[ours]
        self.market_indicators = mi


def snapshot(line):
    atr = line.get("atr")
    accel = line.get("cvd_acceleration")
    return {
        "cvd_fast": line["cvd_fast"], "cvd_mid": line["cvd_slow"], "cvd_day": 0.0,
        "cvd_fast_slope": 0.0, "price": line["price"], "atr": atr or 0.0,
        "atr_pct": 0.0, "vwap": line["price"], "p95": 0.0, "p99": 0.0,
        "cvd_fast_accel": accel if accel is not None else 0.0,
        "environment_score": environment_score(line.get("oi_change")),
        "oi_change": line.get("oi_change"),
    }


def config(family, symbol, params, gates):
    """The original's strategy config dict for our family, symbol and --params."""
    p = dict(params)
    g = dict(gates)
    g.update({k: p[k] for k in gates if k in p})
    cfg = {
        "name": "v53" if family == "v53" else "custom_00000000",
        "symbol": symbol,
        "direction": p.get("direction", "both"),
        "threshold": p.get("entry_score", 75),
        "flip_threshold": p.get("flip_threshold", 85 if family == "v53" else 80),
        "gates": {
            "vol": {"enabled": g["vol_gate_on"], "vol_atr_pct_min": g["vol_min"]},
            "cvd": {"enabled": p.get("cvd_gate_on", True)},
            "whale": {"enabled": g["whale_gate_on"], "whale_usd_threshold": g["whale_usd"],
                      "whale_flow_pct": g["whale_flow_pct"]},
            "obi": {"enabled": g["obi_gate_on"], "threshold": g["obi_veto"]},
            "spot_perp": {"enabled": g["spot_perp_gate_on"], "threshold": g["spot_perp_veto"]},
        },
    }
    if family == "factory":
        cfg["weights"] = {k: p.get("weight_" + k, d) for k, d in
                          (("direction", 55), ("env", 25), ("aux", 15), ("momentum", 5))}
    return cfg


def score(evaluate, family, symbol, params, gates, line):
    """The original's decision: (opens, direction, tier, score)."""
    r = evaluate(State(symbol, line), 0, config(family, symbol, params, gates), snapshot(line))
    sig = r.get("signal")
    return {"opens": sig is not None, "direction": sig.lower() if sig else None,
            "tier": r.get("tier") or "none", "score": float(r.get("score") or 0.0)}
