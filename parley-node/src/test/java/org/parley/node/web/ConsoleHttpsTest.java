package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.auth.Tokens;

/** Over HTTPS the session cookie is {@code Secure} and {@code __Host-} prefixed, and HSTS is sent. */
class ConsoleHttpsTest {
  @TempDir Path tmp;

  @Test
  void overHttps_theSessionCookieIsSecureAndHostPrefixed_andWorks() throws Exception {
    Path ks = keyStore();
    NodeConfig cfg = NodeConfig.local(tmp.resolve("data")).withTls(Optional.of(new NodeConfig.Tls(ks, "test-pass")));
    try (Node node = Node.start(cfg)) {
      node.directory().addParty("alice");
      String token = Tokens.issue(node.directory(), "alice", new SecureRandom());
      node.directory().addCollection("Over TLS", Optional.empty(), new SharingAgreement(List.of(
          new Member("alice", Set.of(Role.READ), Tlp.AMBER)), Tlp.GREEN));
      HttpClient http = HttpClient.newBuilder().sslContext(trusting(ks))
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();

      HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/console/login"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(form.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
      assertThat(form.headers().allValues("Set-Cookie")).allMatch(c -> c.contains("; Secure"));
      String csrf = Jsoup.parse(form.body()).selectFirst("input[name=csrf]").attr("value");
      HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/console/login"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("party=alice&token=" + URLEncoder.encode(token,
              StandardCharsets.UTF_8) + "&csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(login.statusCode()).isEqualTo(303);
      assertThat(login.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("__Host-parley_session=")
          && c.contains("; Path=/;") && c.contains("HttpOnly") && c.contains("SameSite=Strict")
          && c.endsWith("; Secure"));
      HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/console/collections"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.body()).contains("Over TLS");
    }
  }

  private Path keyStore() throws Exception {
    Path ks = tmp.resolve("server.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "parley", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
        "-storepass", "test-pass").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return ks;
  }

  private static SSLContext trusting(Path ks) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "test-pass".toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
    return ctx;
  }
}
