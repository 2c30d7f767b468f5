package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.TestKeyStores;
import org.parley.node.auth.Tokens;

/** Over HTTPS the session cookie is {@code Secure} and {@code __Host-} prefixed, and HSTS is sent. */
class ConsoleHttpsTest {
  @TempDir Path tmp;

  @Test
  void overHttps_theSessionCookieIsSecureAndHostPrefixed_andWorks() throws Exception {
    Path ks = TestKeyStores.selfSigned(tmp);
    NodeConfig cfg = NodeConfig.local(tmp.resolve("data")).withTls(Optional.of(new NodeConfig.Tls(ks, TestKeyStores.PASSWORD)));
    try (Node node = Node.start(cfg)) {
      node.directory().addParty("alice");
      String token = Tokens.issue(node.directory(), "alice", new SecureRandom());
      node.directory().addCollection("Over TLS", Optional.empty(), new SharingAgreement(List.of(
          new Member("alice", Set.of(Role.READ), Tlp.AMBER)), Tlp.GREEN));
      HttpClient http = HttpClient.newBuilder().sslContext(TestKeyStores.trusting(ks))
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
}
