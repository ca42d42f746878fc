// Drives the fake Binance USDT-M with ccxt's binanceusdm / ccxt.pro, unmodified apart from its
// URLs (and fetchCurrencies off: that is a spot wallet call the futures fake does not serve).
// Usage: node ccxt-check.mjs <rest base> <ws base> <api key> <secret>
// Prints one line per check ("ok <name>" / "FAIL <name>: <why>") and a JSON summary line; exits 1
// when any check fails.
import ccxt from 'ccxt';

const [rest, ws, apiKey, secret] = process.argv.slice(2);
const results = [];

async function check(name, fn) {
  try {
    const detail = await fn();
    results.push({ name, ok: true });
    console.log(`ok ${name}${detail === undefined ? '' : ' ' + detail}`);
  } catch (e) {
    results.push({ name, ok: false, error: String(e && e.message ? e.message : e) });
    console.log(`FAIL ${name}: ${e && e.constructor ? e.constructor.name : ''} ${e && e.message ? e.message : e}`);
  }
}

function expect(cond, what) {
  if (!cond) {
    throw new Error('expected ' + what);
  }
}

async function rejects(fn, type, what) {
  try {
    await fn();
  } catch (e) {
    expect(e instanceof type, `${type.name} for ${what}, got ${e.constructor.name}: ${e.message}`);
    return e.constructor.name;
  }
  throw new Error(`expected ${type.name} for ${what}, but it was accepted`);
}

function withTimeout(promise, ms, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error('timeout: ' + what)), ms)),
  ]);
}

const api = {};
for (const k of ['fapiPublic', 'fapiPrivate', 'fapiPublicV2', 'fapiPrivateV2', 'fapiPublicV3', 'fapiPrivateV3']) {
  const version = k.endsWith('V2') ? 'v2' : k.endsWith('V3') ? 'v3' : 'v1';
  api[k] = `${rest}/fapi/${version}`;
}
api.fapiData = `${rest}/futures/data`;
for (const k of ['sapi', 'sapiV2', 'sapiV3', 'sapiV4', 'public', 'private', 'v1', 'papi', 'papiV2',
  'dapiPublic', 'dapiPrivate', 'dapiPrivateV2', 'dapiData', 'eapiPublic', 'eapiPrivate']) {
  api[k] = `${rest}/unused/${k}`;
}

const ex = new ccxt.pro.binanceusdm({ apiKey, secret, enableRateLimit: false, options: { fetchCurrencies: false } });
ex.urls.api = { ...ex.urls.api, ...api, ws: { ...ex.urls.api.ws, future: `${ws}/ws` } };

await ex.loadHttpProxyAgent(); // ccxt's documented step for plain ws:// (the fake has no TLS)
process.on('unhandledRejection', (e) => {
  console.log(`FAIL unhandled: ${e && e.message ? e.message : e}`);
});

const S = 'BTC/USDT:USDT';

await check('loadMarkets (exchangeInfo)', async () => {
  const m = await ex.loadMarkets();
  expect(m[S] && m[S].precision.price > 0, 'BTC/USDT:USDT with a tick');
});
await check('fetchTime', async () => expect((await ex.fetchTime()) > 0, 'a server time'));
await check('fetchTicker (ticker/24hr)', async () => {
  const t = await ex.fetchTicker(S);
  expect(t.last > 0, 'a last price');
});
await check('fetchTickers (ticker/24hr, all)', async () => {
  const t = await ex.fetchTickers();
  expect(Object.keys(t).length >= 2, 'two tickers');
});
await check('fetchBidsAsks (ticker/bookTicker)', async () => {
  const t = await ex.fetchBidsAsks([S]);
  expect(t[S].bid < t[S].ask, 'bid below ask');
});
await check('fetchOrderBook (depth)', async () => {
  const b = await ex.fetchOrderBook(S, 20);
  expect(b.bids.length === 20 && b.asks.length === 20 && b.bids[0][0] < b.asks[0][0], '20 levels a side');
});
await check('fetchTrades (aggTrades, most recent)', async () => {
  const t = await ex.fetchTrades(S, undefined, 5);
  expect(t.length === 5, '5 trades');
});
for (const tf of ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M']) {
  await check(`fetchOHLCV ${tf} (klines)`, async () => {
    const bars = await ex.fetchOHLCV(S, tf, undefined, 10);
    expect(bars.length > 0, `${tf} bars`);
  });
}
await check('fetchFundingRate (premiumIndex)', async () => {
  const f = await ex.fetchFundingRate(S);
  expect(f.markPrice > 0 && typeof f.fundingRate === 'number', 'mark and rate');
});
await check('fetchFundingRateHistory (fundingRate)', async () => {
  const h = await ex.fetchFundingRateHistory(S, Date.now() - 3 * 86400000, 100);
  expect(h.length >= 8 && h.length <= 10, '9 settlements in 3 days');
});
await check('fetchOpenInterest (openInterest)', async () => {
  const oi = await ex.fetchOpenInterest(S);
  expect(oi.openInterestAmount > 0, 'open interest');
});
await check('fetchOpenInterestHistory (futures/data/openInterestHist)', async () => {
  const h = await ex.fetchOpenInterestHistory(S, '1h', undefined, 24);
  expect(h.length === 24, '24 hourly rows');
});

// private REST
await check('fetchBalance (account)', async () => {
  const b = await ex.fetchBalance();
  expect(b.USDT && b.USDT.total > 0, 'a USDT balance');
});
await check('setLeverage (leverage)', async () => {
  const r = await ex.setLeverage(10, S);
  expect(Number(r.leverage) === 10, 'leverage 10');
});
await check('fetchLeverageTiers (leverageBracket)', async () => {
  const t = await ex.fetchLeverageTiers([S]);
  expect(t[S].length >= 1, 'tiers');
});
await check('fetchPositionMode (positionSide/dual)', async () => {
  const m = await ex.fetchPositionMode(S);
  expect(m.hedged === false, 'one-way mode');
});
await check('fetchTradingFee (commissionRate)', async () => {
  const f = await ex.fetchTradingFee(S);
  expect(f.maker > 0 && f.taker > f.maker, 'maker and taker fees');
});
let book;
await check('re-read the book for prices', async () => {
  book = await ex.fetchOrderBook(S, 5);
});
const bid = book ? book.bids[0][0] : 0;
let limitId;
await check('createOrder limit (POST order, form body)', async () => {
  const o = await ex.createOrder(S, 'limit', 'buy', 0.01, bid - 100, { clientOrderId: 'ccxt-limit-1' });
  limitId = o.id;
  expect(o.status === 'open', 'an open order');
});
await check('fetchBalance shows the order margin', async () => {
  const b = await ex.fetchBalance();
  expect(b.USDT.used > 0, 'used margin for the open order');
});
await check('fetchOrder (GET order)', async () => {
  const o = await ex.fetchOrder(limitId, S);
  expect(o.clientOrderId === 'ccxt-limit-1', 'our client id');
});
await check('fetchOpenOrders (openOrders)', async () => {
  expect((await ex.fetchOpenOrders(S)).length === 1, 'one open order');
});
await check('createOrder same clientOrderId while open -> rejected', async () =>
  rejects(() => ex.createOrder(S, 'limit', 'buy', 0.01, bid - 100, { clientOrderId: 'ccxt-limit-1' }),
    ccxt.BaseError, 'a duplicate open id'));
await check('cancelOrder (DELETE order)', async () => {
  const o = await ex.cancelOrder(limitId, S);
  expect(o.status === 'canceled', 'canceled');
});
await check('createOrder same clientOrderId after it closed -> accepted', async () => {
  const o = await ex.createOrder(S, 'limit', 'buy', 0.01, bid - 100, { clientOrderId: 'ccxt-limit-1' });
  expect(o.status === 'open', 'an open order');
});
await check('cancelAllOrders (DELETE allOpenOrders)', async () => {
  await ex.cancelAllOrders(S);
  expect((await ex.fetchOpenOrders(S)).length === 0, 'no open order');
});
await check('createOrder post-only that would take -> rejected (-5022)', async () =>
  rejects(() => ex.createOrder(S, 'limit', 'buy', 0.01, book.asks[0][0] + 50, { postOnly: true }),
    ccxt.InvalidOrder, 'a crossing post-only order'));
await check('createOrder quantity 0 -> rejected', async () =>
  rejects(() => ex.createOrder(S, 'market', 'buy', 0, undefined, {}), ccxt.BaseError, 'quantity 0'));

// user-data stream: watchOrders / watchMyTrades / watchBalance see a market order
let marketId;
await check('watchOrders + watchMyTrades + watchBalance (user-data stream) on createOrder market', async () => {
  const orders = withTimeout(ex.watchOrders(S), 10000, 'watchOrders');
  const trades = withTimeout(ex.watchMyTrades(S), 10000, 'watchMyTrades');
  const balance = withTimeout(ex.watchBalance(), 10000, 'watchBalance');
  await new Promise((r) => setTimeout(r, 1500)); // the listen key and the connection first
  const o = await ex.createOrder(S, 'market', 'buy', 0.01);
  marketId = o.id;
  const seen = await orders;
  expect(seen.some((x) => x.id === o.id), 'the order on the stream');
  const fills = await trades;
  expect(fills.some((t) => t.order === o.id), 'its fill on the stream');
  const b = await balance;
  expect(b.USDT !== undefined, 'a balance update');
});
await check('fetchPositions (positionRisk)', async () => {
  const p = await ex.fetchPositions([S]);
  const pos = p.find((x) => x.symbol === S);
  expect(pos && pos.contracts === 0.01 && pos.side === 'long', 'a 0.01 long');
  expect(pos.initialMargin > 0 && pos.maintenanceMargin > 0, 'margins from the position');
});
await check('fetchMyTrades (userTrades, most recent)', async () => {
  const t = await ex.fetchMyTrades(S, undefined, 10);
  expect(t.some((x) => x.order === marketId), 'the market fill');
});
await check('fetchOrders (allOrders)', async () => {
  const o = await ex.fetchOrders(S);
  expect(o.length >= 3, 'every order');
});
await check('createOrder reduce-only below min notional -> accepted', async () => {
  const o = await ex.createOrder(S, 'market', 'sell', 0.001, undefined, { reduceOnly: true });
  expect(o.status === 'closed', 'filled');
});

// market streams
await check('watchTrades (@trade)', async () => {
  const t = await withTimeout(ex.watchTrades(S), 10000, 'watchTrades');
  expect(t.length > 0, 'trades');
});
await check('watchOrderBook (@depth diff + depth snapshot)', async () => {
  let b = await withTimeout(ex.watchOrderBook(S), 10000, 'watchOrderBook');
  b = await withTimeout(ex.watchOrderBook(S), 10000, 'watchOrderBook update');
  expect(b.bids.length > 0 && b.bids[0][0] < b.asks[0][0], 'a consistent book');
});
await check('watchTicker (@ticker)', async () => {
  const t = await withTimeout(ex.watchTicker(S), 10000, 'watchTicker');
  expect(t.last > 0, 'a last price');
});
await check('watchBidsAsks (@bookTicker)', async () => {
  const t = await withTimeout(ex.watchBidsAsks([S]), 10000, 'watchBidsAsks');
  expect(t[S].bid > 0, 'a bid');
});
await check('watchMarkPrice (@markPrice)', async () => {
  const t = await withTimeout(ex.watchMarkPrice(S), 10000, 'watchMarkPrice');
  expect(t.markPrice > 0, 'a mark price');
});
await check('watchOHLCV (@kline_1m)', async () => {
  const k = await withTimeout(ex.watchOHLCV(S, '1m'), 10000, 'watchOHLCV');
  expect(k.length > 0, 'a bar');
});

await ex.close();
const failed = results.filter((r) => !r.ok);
console.log(JSON.stringify({ checks: results.length, passed: results.length - failed.length, failed }));
process.exit(failed.length === 0 ? 0 : 1);
