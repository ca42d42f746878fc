package io.perpetua.signals.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.signals.ArrayView;
import org.junit.jupiter.api.Test;

class AssetPoolTest {
  @Test
  void refresh_topKByVolume_excludingUntradable() {
    double nan = Double.NaN;
    var view =
        ArrayView.of(
            new double[][] {{1, 1}, {2, 2}, {3, 3}, {4, nan}}, new double[] {10, 30, 20, 1000});
    AssetPool pool = new AssetPool(new AssetPoolDefinition("p", "usdt_volume", 2, 30, 24, 0));
    assertThat(pool.isDue(0)).isTrue();
    pool.refresh(view);
    assertThat(pool.members()).containsExactly(false, true, true, false);
    assertThat(pool.size()).isEqualTo(2);
    assertThat(pool.isDue(view.time() + 3_600_000L)).isFalse();
    assertThat(pool.isDue(view.time() + 24 * 3_600_000L)).isTrue();
  }
}
