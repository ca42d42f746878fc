package io.perpetua.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningTest {
  private static final String DOC_SECRET =
      "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

  /**
   * Binance's documented HMAC example (API docs, "SIGNED endpoint examples"). The published
   * signature is c8db…acdcab2b053c4b2838bd6b71, which `openssl dgst -sha256 -hmac` reproduces; a
   * value ending in …acdcadb9b7c54d2a1ba1e3d2 that circulates is not the HMAC of this input.
   */
  @Test
  void sign_binanceDocumentedExample_matchesPublishedSignature() {
    HmacSigner signer = new HmacSigner(DOC_SECRET);
    String query =
        "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
            + "&recvWindow=5000&timestamp=1499827319559";
    assertThat(signer.sign(query))
        .isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
    assertThat(
            signer.verify(
                query, "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"))
        .isTrue();
    assertThat(signer.verify(query + "&x=1", signer.sign(query))).isFalse();
  }

  @Test
  void credentials_neverPrintTheSecret() {
    BinanceCredentials c = new BinanceCredentials("abcdefgh12345", DOC_SECRET);
    assertThat(c.toString()).doesNotContain(DOC_SECRET).doesNotContain("abcdefgh12345");
    assertThat(c.signer().toString()).doesNotContain(DOC_SECRET);
  }

  @Test
  void credentials_fromEnvironmentOrSecretFile(@TempDir Path dir) throws Exception {
    BinanceCredentials env =
        BinanceCredentials.fromEnvironment(
            Map.of(BinanceCredentials.ENV_KEY, "k1", BinanceCredentials.ENV_SECRET, "s1"));
    assertThat(env.apiKey()).isEqualTo("k1");
    Path file = dir.resolve("binance.secret");
    Files.writeString(file, "# testnet\nkey-from-file\nsecret-from-file\n");
    BinanceCredentials fromFile =
        BinanceCredentials.fromEnvironment(
            Map.of(BinanceCredentials.ENV_SECRET_FILE, file.toString()));
    assertThat(fromFile.apiKey()).isEqualTo("key-from-file");
    assertThat(fromFile.secret()).isEqualTo("secret-from-file");
    assertThatThrownBy(() -> BinanceCredentials.fromEnvironment(Map.of()))
        .hasMessageContaining(BinanceCredentials.ENV_KEY);
  }

  @Test
  void encode_keepsParameterOrder_andEscapes() {
    var p = new java.util.LinkedHashMap<String, String>();
    p.put("symbol", "BTCUSDT");
    p.put("newClientOrderId", "pp-a:b");
    assertThat(BinanceRestClient.encode(p)).isEqualTo("symbol=BTCUSDT&newClientOrderId=pp-a%3Ab");
  }
}
