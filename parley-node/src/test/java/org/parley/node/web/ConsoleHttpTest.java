package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The console's HTTP contract, checked on the raw answers: headers, cookies, CSRF, escaping, access. */
class ConsoleHttpTest extends ConsoleFixture {
  @Test
  void everyPage_carriesAStrictCspAndNoScript() throws Exception {
    WebClient c = new WebClient(node.url());
    c.login("alice", tokens.get("alice"));
    for (String path : List.of("/console/login", "/console/collections", "/console/collections/" + demo,
        "/console/collections/" + demo + "/objects/" + XSS_ID, "/console/collections/nope")) {
      HttpResponse<String> r = c.get(path);
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).contains(Console.CSP);
      assertThat(Console.CSP).doesNotContain("unsafe").contains("default-src 'none'");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
      assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
      assertThat(WebClient.html(r).select("script, [onerror], [onload], [onmouseover]")).as(path).isEmpty();
    }
  }

  @Test
  void login_setsAnHttpOnlySameSiteStrictSessionCookie_andRedirects() throws Exception {
    HttpResponse<String> r = new WebClient(node.url()).login("alice", tokens.get("alice"));

    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/console/collections");
    String cookie = r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("parley_session="))
        .findFirst().orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain("Secure")
        .matches("parley_session=[A-Za-z0-9_-]{43};.*");
  }

  @Test
  void login_wrongToken_orOtherPartysToken_isRefused() throws Exception {
    for (String[] attempt : new String[][] {{"alice", "plt_wrong"}, {"alice", tokens.get("bob")}, {"", ""},
        {"alice:x", tokens.get("alice")}}) {
      WebClient c = new WebClient(node.url());
      HttpResponse<String> r = c.login(attempt[0], attempt[1]);

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(WebClient.html(r).select("#login-error")).hasSize(1);
      assertThat(r.headers().allValues("Set-Cookie")).noneMatch(v -> v.startsWith("parley_session="));
      assertThat(c.get("/console/collections").statusCode()).isEqualTo(303);
    }
  }

  @Test
  void login_withoutTheFormsCsrfToken_isForbidden() throws Exception {
    WebClient c = new WebClient(node.url());
    c.get("/console/login");

    HttpResponse<String> r = c.post("/console/login", Map.of("party", "alice", "token", tokens.get("alice"),
        "csrf", "forged"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(c.get("/console/collections").statusCode()).isEqualTo(303);
  }

  @Test
  void login_postedFromAnotherSite_isForbidden_evenWithAMatchingCsrfPair() throws Exception {
    WebClient c = new WebClient(node.url());
    String csrf = WebClient.html(c.get("/console/login")).selectFirst("input[name=csrf]").attr("value");
    Map<String, String> form = Map.of("party", "bob", "token", tokens.get("bob"), "csrf", csrf);

    assertThat(c.post("/console/login", form, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
    // the console's own form, as a browser posts it under Referrer-Policy: no-referrer
    assertThat(c.post("/console/login", form, "Sec-Fetch-Site", "same-origin", "Origin", "null").statusCode())
        .isEqualTo(303);
  }

  @Test
  void behindAProxyWhosePublicUrlIsHttps_theSessionCookieIsSecureAndHostPrefixed_andHstsIsSent() throws Exception {
    node.close();
    org.parley.node.taxii.TaxiiConfig d = org.parley.node.taxii.TaxiiConfig.defaults();
    node = org.parley.node.Node.start(org.parley.node.NodeConfig.local(tmp).withClock(clock).withTaxii(
        new org.parley.node.taxii.TaxiiConfig(d.title(), d.maxContentLength(), d.maxPageSize(), d.cursorTtl(),
            java.util.Optional.of("https://cert.example/"))));
    // a browser would send these Secure cookies over HTTPS only: the exchange is made by hand over the node's HTTP
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    HttpResponse<String> form = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.url()
        + "/console/login")).build(), HttpResponse.BodyHandlers.ofString());
    String loginCookie = form.headers().firstValue("Set-Cookie").orElseThrow();
    String csrf = WebClient.html(form).selectFirst("input[name=csrf]").attr("value");
    String body = "party=bob&csrf=" + csrf + "&token=" + java.net.URLEncoder.encode(tokens.get("bob"),
        java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.url()
        + "/console/login")).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", loginCookie.substring(0, loginCookie.indexOf(';')))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(loginCookie).contains("; Secure");
    assertThat(form.headers().firstValue("Strict-Transport-Security")).isPresent();
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(v -> assertThat(v).startsWith("__Host-parley_session=")
        .contains("; Secure"));
  }

  @Test
  void logout_needsTheSessionsCsrfToken_thenEndsTheSessionServerSide() throws Exception {
    WebClient c = new WebClient(node.url());
    c.login("alice", tokens.get("alice"));
    String session = c.cookies.getCookieStore().getCookies().stream()
        .filter(k -> k.getName().equals("parley_session")).findFirst().orElseThrow().getValue();

    assertThat(c.post("/console/logout", Map.of("csrf", "forged")).statusCode()).isEqualTo(403);
    assertThat(c.get("/console/collections").statusCode()).isEqualTo(200);

    String csrf = WebClient.html(c.get("/console/collections")).selectFirst("form.logout input[name=csrf]")
        .attr("value");
    HttpResponse<String> out = c.post("/console/logout", Map.of("csrf", csrf));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location")).contains("/console/login");

    WebClient replay = new WebClient(node.url()); // the old cookie, presented again, names nothing
    assertThat(replay.get("/console/collections", "Cookie", "parley_session=" + session).statusCode())
        .isEqualTo(303);
  }

  @Test
  void collections_listOnlyWhatThePartyMayRead_withRoleAndCeiling() throws Exception {
    WebClient carol = new WebClient(node.url());
    carol.login("carol", tokens.get("carol"));
    Document page = WebClient.html(carol.get("/console/collections"));
    Element row = page.selectFirst("#collections tbody tr");

    assertThat(page.select("#collections tbody tr")).hasSize(1);
    assertThat(row.text()).contains("Demo incident 2026-03", "read", "TLP:GREEN", "TLP:AMBER");
    assertThat(page.text()).doesNotContain("Eve's notebook");

    WebClient eve = new WebClient(node.url());
    eve.login("eve", tokens.get("eve"));
    assertThat(WebClient.html(eve.get("/console/collections")).text()).contains("Eve's notebook")
        .doesNotContain("Demo incident");
  }

  @Test
  void aCollectionThePartyMayNotRead_looksExactlyLikeOneThatDoesNotExist() throws Exception {
    WebClient eve = new WebClient(node.url());
    eve.login("eve", tokens.get("eve"));

    HttpResponse<String> hidden = eve.get("/console/collections/" + demo);
    HttpResponse<String> missing = eve.get("/console/collections/" + evesOwn.replace('-', '0'));
    HttpResponse<String> object = eve.get("/console/collections/" + demo + "/objects/" + RED_ID);

    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(object.statusCode()).isEqualTo(404);
    assertThat(hidden.body()).isEqualTo(missing.body().replace(evesOwn.replace('-', '0'), demo));
    assertThat(hidden.body() + object.body()).doesNotContain("Demo incident", RED_NAME);
  }

  @Test
  void aRedObject_isShownToItsRedReader_andToNoOneBelow() throws Exception {
    String objectPath = "/console/collections/" + demo + "/objects/" + RED_ID;
    WebClient alice = new WebClient(node.url());
    alice.login("alice", tokens.get("alice"));
    assertThat(WebClient.html(alice.get("/console/collections/" + demo)).select("#objects").text())
        .contains(RED_NAME, "TLP:RED");
    assertThat(alice.get(objectPath).body()).contains(RED_NAME);

    for (String party : List.of("bob", "carol")) {
      WebClient c = new WebClient(node.url());
      c.login(party, tokens.get(party));
      assertThat(c.get("/console/collections/" + demo).body()).as(party).doesNotContain(RED_NAME, RED_ID);
      HttpResponse<String> direct = c.get(objectPath);
      assertThat(direct.statusCode()).as(party).isEqualTo(404);
      assertThat(direct.body()).doesNotContain(RED_NAME);
    }
  }

  @Test
  void objects_areNewestFirst_withTypeFilter_badgesAndSubmitters() throws Exception {
    WebClient alice = new WebClient(node.url());
    alice.login("alice", tokens.get("alice"));
    Document all = WebClient.html(alice.get("/console/collections/" + demo));

    assertThat(all.select("#objects tbody tr td:first-child")).extracting(Element::text)
        .containsExactly("threat-actor", "identity", "indicator", "malware");
    assertThat(all.select("#objects tbody tr").get(2).text()).contains("C2 beacon domain", "TLP:GREEN", "bob",
        "2026-03-01T12:02:00.000000Z");
    assertThat(all.select("#objects tbody tr").get(1).select(".tlp-none").text()).isEqualTo("unmarked");
    assertThat(all.select(".tlp-red")).hasSize(2); // alice's ceiling and the malware

    Document malware = WebClient.html(alice.get("/console/collections/" + demo + "?type=malware"));
    assertThat(malware.select("#objects tbody tr")).hasSize(1);
    assertThat(alice.get("/console/collections/" + demo + "?type=%3Cscript%3E").statusCode()).isEqualTo(400);
    assertThat(alice.get("/console/collections/" + demo + "?before=-1").statusCode()).isEqualTo(400);
  }

  @Test
  void anObject_showsItsVersionsNewestFirst_andAnyChosenVersion() throws Exception {
    WebClient bob = new WebClient(node.url());
    bob.login("bob", tokens.get("bob"));
    String path = "/console/collections/" + demo + "/objects/" + INDICATOR_ID;
    Document latest = WebClient.html(bob.get(path));

    assertThat(latest.select("#versions tbody tr")).extracting(Element::text).hasSize(2)
        .first().asString().contains("2026-02-28T10:30:00.000Z");
    assertThat(latest.selectFirst("#json").text()).contains("c2b.example.net");

    String older = latest.select("#versions tbody tr").get(1).selectFirst("a").attr("href");
    Document first = WebClient.html(bob.get(older));
    assertThat(first.selectFirst("#json").text()).contains("c2.example.net").doesNotContain("c2b.example");
    assertThat(bob.get(path + "?added=1").statusCode()).isEqualTo(404);
  }

  @Test
  void aStoredXssPayload_isEscapedText_inTheListAndOnTheObjectPage() throws Exception {
    WebClient carol = new WebClient(node.url());
    carol.login("carol", tokens.get("carol"));
    HttpResponse<String> list = carol.get("/console/collections/" + demo);
    HttpResponse<String> object = carol.get("/console/collections/" + demo + "/objects/" + XSS_ID);

    for (HttpResponse<String> r : List.of(list, object)) {
      assertThat(r.body()).doesNotContain("<script>document", "<img src=x", "\" onmouseover")
          .contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;");
      assertThat(WebClient.html(r).text()).contains(XSS_NAME);
    }
    assertThat(WebClient.html(object).selectFirst("#object-title").text()).isEqualTo(XSS_NAME);
  }

  @Test
  void theLanguage_followsAcceptLanguage_thenTheSwitcherCookie() throws Exception {
    WebClient c = new WebClient(node.url());
    assertThat(WebClient.html(c.get("/console/login", "Accept-Language", "zh-TW,zh;q=0.9")).select("h1").text())
        .isEqualTo("登入");
    assertThat(WebClient.html(c.get("/console/login", "Accept-Language", "zh-CN")).select("h1").text())
        .isEqualTo("登录");
    assertThat(WebClient.html(c.get("/console/login", "Accept-Language", "zh-SG")).selectFirst("html")
        .attr("lang")).isEqualTo("zh-Hans");

    HttpResponse<String> sw = c.get("/console/lang/zh-Hant?next=/console/login");
    assertThat(sw.statusCode()).isEqualTo(303);
    assertThat(sw.headers().firstValue("Location")).contains("/console/login");
    assertThat(WebClient.html(c.get("/console/login", "Accept-Language", "en")).select("h1").text())
        .isEqualTo("登入");
  }

  @Test
  void theSwitcher_neverRedirectsOffTheConsole() throws Exception {
    WebClient c = new WebClient(node.url());
    for (String next : List.of("https://evil.example/", "//evil.example/", "/console/..%5C%5Cevil", "javascript:x",
        "/%2F%2Fevil.example")) {
      HttpResponse<String> r = c.get("/console/lang/en?next=" + next.replace(":", "%3A"));
      assertThat(r.headers().firstValue("Location")).as(next).contains("/console/");
    }
  }

  @Test
  void theLogPage_showsSizeRootAndTheSignedCheckpoint_asTheLogReportsThem() throws Exception {
    node.log().sequence(); // sign a checkpoint now rather than waiting for the sequencer's tick
    var status = node.log().status();
    var checkpoint = node.log().checkpoint().orElseThrow();
    WebClient carol = new WebClient(node.url());
    carol.login("carol", tokens.get("carol"));

    Document page = WebClient.html(carol.get("/console/log"));

    assertThat(status.size()).isEqualTo(5); // the five demo objects, whatever their TLP
    assertThat(page.selectFirst("#log-status").text()).contains(status.origin(), "5", status.root().hex());
    assertThat(page.selectFirst("#checkpoint").wholeText()).isEqualTo(checkpoint.encode());
    assertThat(page.select("#no-cosignatures")).hasSize(1);
    assertThat(page.select("header nav a")).extracting(Element::text).contains("Log");
  }

  @Test
  void revokingTheTokenALoginUsed_endsTheConsoleSession_andAnotherTokensSessionLives() throws Exception {
    String second = org.parley.node.auth.Tokens.issue(node.directory(), "bob", new java.security.SecureRandom());
    WebClient first = new WebClient(node.url());
    first.login("bob", tokens.get("bob"));
    WebClient other = new WebClient(node.url());
    other.login("bob", second);
    assertThat(first.get("/console/collections").statusCode()).isEqualTo(200);

    node.directory().revokeTokens("bob", java.util.Optional.of(org.parley.node.auth.Tokens.hash(tokens.get("bob"))));

    assertThat(first.get("/console/collections").statusCode()).isNotEqualTo(200); // back to the login
    assertThat(other.get("/console/collections").statusCode()).isEqualTo(200);
  }

  @Test
  void federationAlerts_goToTheOwnPartyTheNodeStores_notToAPartyThatHappensToBeNamedSelf() throws Exception {
    ownParty("cert-own"); // as `parley peer self cert-own` does, while the node runs
    try (var c = java.sql.DriverManager.getConnection(org.parley.node.store.Database.sqliteUrl(tmp));
        var ps = c.prepareStatement("INSERT INTO fed_alert (id, dedupe, created_micros, peer, kind, summary,"
            + " evidence) VALUES (?,?,?,?,?,?,?)")) {
      ps.setString(1, "alert--5f0e6a52-3f0c-4a4e-9a55-4b8e3c7c2f11");
      ps.setString(2, "fork|mallory|8");
      ps.setLong(3, 1_772_366_400_000_000L);
      ps.setString(4, "mallory");
      ps.setString(5, "fork");
      ps.setString(6, "two checkpoints of size 8 with different roots");
      ps.setString(7, "{}");
      ps.executeUpdate();
    }
    java.util.Map<String, String> t = new java.util.HashMap<>();
    for (String p : List.of("cert-own", "self")) {
      node.directory().addParty(p);
      t.put(p, org.parley.node.auth.Tokens.issue(node.directory(), p, new java.security.SecureRandom()));
    }
    WebClient own = new WebClient(node.url());
    own.login("cert-own", t.get("cert-own"));
    WebClient named = new WebClient(node.url());
    named.login("self", t.get("self"));

    assertThat(WebClient.html(own.get("/console/log")).select("#alerts tbody tr")).hasSize(1);
    assertThat(named.get("/console/log").body()).doesNotContain("mallory");
  }

  @Test
  void federationAlerts_areShownEscaped_toTheNodesOwnParty_only() throws Exception {
    node.directory().addParty("cert-own");
    ownParty("cert-own");
    String selfToken = org.parley.node.auth.Tokens.issue(node.directory(), "cert-own",
        new java.security.SecureRandom());
    String payload = "<script>alert(1)</script>";
    try (var c = java.sql.DriverManager.getConnection(org.parley.node.store.Database.sqliteUrl(tmp));
        var ps = c.prepareStatement("INSERT INTO fed_alert (id, dedupe, created_micros, peer, kind, summary,"
            + " evidence) VALUES (?,?,?,?,?,?,?)")) {
      ps.setString(1, "alert--5f0e6a52-3f0c-4a4e-9a55-4b8e3c7c2f10");
      ps.setString(2, "fork|mallory|7");
      ps.setLong(3, 1_772_366_400_000_000L);
      ps.setString(4, "mallory");
      ps.setString(5, "fork");
      ps.setString(6, "two checkpoints of size 7 with different roots " + payload);
      ps.setString(7, "{\"note\":\"" + payload + "\"}");
      ps.executeUpdate();
    }
    WebClient self = new WebClient(node.url());
    self.login("cert-own", selfToken);
    HttpResponse<String> admin = self.get("/console/log");
    Document page = WebClient.html(admin);

    assertThat(page.select("#alerts tbody tr")).hasSize(1);
    assertThat(page.selectFirst("#alerts tbody tr").text()).contains("2026-03-01T12:00:00.000000Z", "mallory",
        "fork", "two checkpoints of size 7 with different roots " + payload);
    assertThat(admin.body()).doesNotContain(payload);
    assertThat(page.select("script")).isEmpty();

    for (String party : List.of("alice", "carol")) { // alice administers the demo collection: still not shown
      WebClient other = new WebClient(node.url());
      other.login(party, tokens.get(party));
      assertThat(other.get("/console/log").body()).as(party).doesNotContain("mallory", "alerts")
          .contains("log-status");
    }
  }

  private void ownParty(String name) throws Exception {
    try (var r = org.parley.node.federation.PeerRegistry.open(org.parley.node.store.Database.sqliteUrl(tmp), clock)) {
      r.setSelf(name);
    }
  }
}
