package io.perpetua.store.flow;

import io.perpetua.core.Instrument;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowListener;
import io.perpetua.trading.flow.FlowTestKit;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import io.perpetua.trading.kernel.TradingKernel;
import java.nio.file.Path;
import java.util.List;

/**
 * A flow paper run as a child JVM for {@link FlowKernelCrashTest}: factory strategies on the kernel
 * over synthetic ticks, journaled to an embedded database in {@code args[0]}. With {@code args[1] =
 * crash} it prints {@code READY} and waits to be killed once a bracket is open with its
 * take-profits resting after half the ticks; otherwise it runs to the end and prints {@code DONE}
 * and every closed trade as {@code TRADE <id> <status> <pnl_r>}.
 */
public final class FlowKernelChild {
  static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");

  private FlowKernelChild() {}

  /** Runs; see the class comment. */
  public static void main(String[] args) throws Exception {
    boolean crash = args.length > 1 && args[1].equals("crash");
    List<FlowTick> ticks = FlowTestKit.synthetic(21, 150 * 60_000L, SYMBOLS);
    List<Instrument> instruments = FlowTestKit.instruments(ticks, SYMBOLS);
    Database db =
        Database.open(DatabaseConfig.embedded(Path.of(args[0])), java.time.Duration.ofSeconds(120));
    JdbcTradingJournal journal = new JdbcTradingJournal(db);
    FlowListener trades =
        new FlowListener() {
          @Override
          public void onTradeClosed(ClosedFlowTrade t) {
            System.out.println("TRADE " + t.id() + " " + t.status() + " " + t.pnlR());
          }
        };
    TradingKernel kernel =
        TickKernels.simulated(
            instruments,
            journal,
            new KernelListener() {},
            FlowTestKit.strategy(SYMBOLS, trades),
            FlowTestKit.START - 60_000);
    for (int i = 0; i < ticks.size(); i++) {
      kernel.onTick(ticks.get(i));
      if (crash && i > ticks.size() / 2 && kernel.workingOrderIds().size() >= 2) {
        System.out.println("READY " + i + " " + kernel.workingOrderIds().size());
        System.out.flush();
        Thread.sleep(600_000); // killed here
      }
    }
    System.out.println("DONE");
    System.out.flush();
    db.close();
  }
}
