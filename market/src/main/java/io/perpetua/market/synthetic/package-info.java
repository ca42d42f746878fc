/**
 * A seeded synthetic market ({@link io.perpetua.market.synthetic.SyntheticMarket}) with the
 * stylised facts of crypto perpetuals, for demos and tests when no real data is present.
 */
package io.perpetua.market.synthetic;
