package org.parley.node.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.parley.node.auth.Authenticator;
import org.parley.node.federation.Federation;
import org.parley.node.federation.FederationException;
import org.parley.node.log.LogException;
import org.parley.node.log.TransparencyLog;
import org.parley.node.store.Directory;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.SessionStore;
import org.parley.node.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysts' console under {@code /console/}: server-rendered HTML in English, Simplified and Traditional
 * Chinese, no scripts at all (the Content-Security-Policy forbids them), every untrusted string escaped. A party
 * logs in with its name and an API token, checked exactly as TAXII requests are; the browser then holds only an
 * HttpOnly, SameSite=Strict cookie naming a server-side session, and every POST carries a CSRF token. Reads go
 * through the store's visibility-filtered queries, so the console shows a party exactly what TAXII would.
 */
public final class Console {
  static final Logger LOG = LoggerFactory.getLogger(Console.class);
  /** No scripts, no plugins, no framing, no foreign origins: stored STIX is attacker-controlled. */
  static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
      + " frame-ancestors 'none'; base-uri 'none'";
  static final String SESSION_COOKIE = "parley_session";
  /** The {@code __Host-} prefix (RFC 6265bis §4.1.3.2) pins the cookie to this origin when served over HTTPS. */
  static final String SECURE_SESSION_COOKIE = "__Host-parley_session";
  static final String LOGIN_COOKIE = "parley_login";
  static final String LANG_COOKIE = "parley_lang";

  private final Messages messages = Messages.load();
  private final Sessions sessions;
  private final Directory directory;
  private final boolean httpsOutside;
  private final ObjectStore store;
  private final Authenticator authenticator;
  private final Clock clock;
  private final CollectionRoutes collections;
  private final Optional<TransparencyLog> log;
  private final Optional<Federation> federation;
  private final Optional<Attributions> attributions;
  private final byte[] css;

  /**
   * A console whose sessions, kept in {@code sessions} (the node's database), expire after 30 minutes idle or 8
   * hours after login.
   */
  public Console(Directory directory, ObjectStore store, SessionStore sessions, Authenticator authenticator,
      Clock clock, SecureRandom random) {
    this(directory, store, authenticator, clock,
        new Sessions(sessions, clock, random, Duration.ofMinutes(30), Duration.ofHours(8), 10_000),
        Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  Console(Directory directory, ObjectStore store, Authenticator authenticator, Clock clock, Sessions sessions,
      Optional<TransparencyLog> log, Optional<Federation> federation, Optional<Attributions> attributions,
      boolean httpsOutside) {
    this.directory = directory;
    this.httpsOutside = httpsOutside;
    this.store = store;
    this.authenticator = authenticator;
    this.clock = clock;
    this.sessions = sessions;
    this.log = log;
    this.federation = federation;
    this.attributions = attributions;
    this.collections = new CollectionRoutes(directory, store, clock, attributions);
    this.css = resource("console.css");
  }

  /** This console with a page showing the node's transparency log: size, root, checkpoint, cosignatures. */
  public Console withLog(TransparencyLog transparencyLog) {
    return new Console(directory, store, authenticator, clock, sessions, Optional.of(transparencyLog), federation,
        attributions, httpsOutside);
  }

  /**
   * This console with the federation's alerts on the log page, shown to the federation's own party only
   * ({@link Federation#self()}, as it stands at each request): alert evidence may hold peers' TLP-marked objects,
   * so like {@code /federation/alerts} they are never shown to the other parties this node serves.
   */
  public Console withFederation(Federation peers) {
    return new Console(directory, store, authenticator, clock, sessions, log, Optional.of(peers), attributions,
        httpsOutside);
  }

  /**
   * This console with attribution pages for shared reports and groupings, over the ATT&CK knowledge base imported
   * into {@code dataDir} ({@code parley kb import BUNDLE --data DIR}) and what each collection shares.
   */
  public Console withAttribution(java.nio.file.Path dataDir) {
    return new Console(directory, store, authenticator, clock, sessions, log, federation,
        Optional.of(new Attributions(dataDir)), httpsOutside);
  }

  /**
   * This console behind a TLS-terminating proxy whose public URL is HTTPS ({@code --allow-plain-http --public-url
   * https://…}): browsers reach it over HTTPS though the node sees plain HTTP, so its cookies are {@code Secure} with
   * the {@code __Host-} prefix and it sends HSTS, as when it serves HTTPS itself. Without it they were neither.
   */
  public Console behindHttps(boolean https) {
    return new Console(directory, store, authenticator, clock, sessions, log, federation, attributions, https);
  }

  /** Whether the browser reached this console over HTTPS: directly, or through the proxy {@link #behindHttps} names. */
  private boolean secure(Context ctx) {
    return httpsOutside || ctx.req().isSecure();
  }

  /** Adds the console's routes to a node's Javalin configuration. */
  public void register(JavalinConfig config) {
    var r = config.routes;
    r.before("/console/*", this::securityHeaders);
    r.before("/console", this::securityHeaders);
    // Javalin ignores trailing slashes, so "/console" lands here too. Every page answers HEAD as GET without the
    // body (RFC 9110 §9.3.2): the same session check and status; HEAD answered 200 without running anything.
    java.util.function.BiConsumer<String, io.javalin.http.Handler> page = (path, h) -> {
      r.get(path, h);
      r.head(path, h);
    };
    page.accept("/console/", ctx -> ctx.redirect(session(ctx).isPresent() ? "/console/collections" : "/console/login",
        HttpStatus.SEE_OTHER));
    page.accept("/console/static/console.css", ctx -> ctx.header("Cache-Control", "max-age=3600")
        .contentType("text/css; charset=utf-8").result(css));
    page.accept("/console/lang/{tag}", this::switchLanguage);
    page.accept("/console/login", ctx -> guarded(ctx, this::loginForm));
    r.post("/console/login", ctx -> guarded(ctx, this::login));
    r.post("/console/logout", ctx -> guarded(ctx, this::logout));
    page.accept("/console/collections", ctx -> loggedIn(ctx, collections::list));
    page.accept("/console/collections/{collection}", ctx -> loggedIn(ctx, collections::objects));
    page.accept("/console/collections/{collection}/objects/{object}", ctx -> loggedIn(ctx, collections::object));
    page.accept("/console/collections/{collection}/objects/{object}/attribution",
        ctx -> loggedIn(ctx, collections::attribution));
    page.accept("/console/log", ctx -> loggedIn(ctx, this::logPage));
  }

  private void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
    if (secure(ctx)) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
  }

  /** A page handler given the request's frame (language, session). */
  @FunctionalInterface
  interface PageHandler {
    void handle(Context ctx, Frame frame) throws Exception;
  }

  private void loggedIn(Context ctx, PageHandler page) {
    guarded(ctx, (c, f) -> {
      if (f.session().isEmpty()) {
        c.redirect("/console/login", HttpStatus.SEE_OTHER);
        return;
      }
      c.attribute("parley.party", f.session().get().party()); // the node's request log names the party
      page.handle(c, f);
    });
  }

  // Every console failure becomes an HTML page here, so the TAXII error mapping never answers a browser.
  private void guarded(Context ctx, PageHandler page) {
    Frame frame = frame(ctx);
    try {
      page.handle(ctx, frame);
    } catch (BadRequest e) {
      html(ctx, 400, Pages.error(frame, 400, "error.bad_request"));
    } catch (StoreException | LogException | FederationException e) {
      LOG.error("event=console_storage_failure path={}", ctx.path(), e);
      html(ctx, 503, Pages.error(frame, 503, "error.storage"));
    } catch (Exception e) {
      LOG.error("event=console_failure path={}", ctx.path(), e);
      html(ctx, 500, Pages.error(frame, 500, "error.internal"));
    }
  }

  static void html(Context ctx, int status, String page) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(page);
  }

  private Frame frame(Context ctx) {
    Language lang = Optional.ofNullable(ctx.cookie(LANG_COOKIE)).flatMap(Language::ofTag)
        .orElseGet(() -> Language.fromAcceptLanguage(Optional.ofNullable(ctx.header("Accept-Language"))));
    String query = ctx.queryString();
    String here = ctx.method().name().equals("GET") && query != null ? ctx.path() + "?" + query : ctx.path();
    return new Frame(messages, lang, session(ctx), safeNext(here), log.isPresent());
  }

  private Optional<Sessions.Session> session(Context ctx) {
    String id = ctx.cookie(sessionCookie(ctx));
    if (id == null || id.isEmpty() || id.length() > 128) {
      return Optional.empty();
    }
    try {
      Optional<Sessions.Session> s = sessions.find(id);
      // the token it was opened with must still be the party's: a revoked token ends its console sessions too
      if (s.isPresent() && (s.get().tokenHash().isEmpty()
          || !directory.partyOfTokenHash(s.get().tokenHash().get()).equals(Optional.of(s.get().party())))) {
        sessions.close(id);
        return Optional.empty();
      }
      return s;
    } catch (StoreException e) { // the page then asks for a login, which reports the storage failure
      LOG.error("event=console_session_lookup_failed path={}", ctx.path(), e);
      return Optional.empty();
    }
  }

  private String sessionCookie(Context ctx) {
    return secure(ctx) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  }

  private void logPage(Context ctx, Frame f) throws LogException, FederationException {
    if (log.isEmpty()) {
      html(ctx, 404, Pages.error(f, 404, "error.not_found"));
      return;
    }
    TransparencyLog l = log.get();
    Html h = f.open(f.t("log.title"));
    LogPages.log(h, f, l.status(), l.checkpoint(), l.verifierKey().encode());
    if (federation.isPresent() && f.session().isPresent()
        && federation.get().self().equals(f.session().map(Sessions.Session::party))) {
      LogPages.alerts(h, f, federation.get().alerts());
    }
    html(ctx, 200, f.close(h));
  }

  private void loginForm(Context ctx, Frame f) {
    if (f.session().isPresent()) {
      ctx.redirect("/console/collections", HttpStatus.SEE_OTHER);
      return;
    }
    String csrf = sessions.token();
    setCookie(ctx, LOGIN_COOKIE, csrf, "/console/", -1);
    html(ctx, 200, Pages.login(f, csrf, Optional.empty(), false));
  }

  /**
   * A form POST another site made the browser send, as the browser itself says (Fetch Metadata, {@code
   * Sec-Fetch-Site: cross-site}, sent by every current browser and passed through by proxies). The double-submit
   * cookie alone let anyone who can plant a cookie (a sibling subdomain, a man in the middle before the first visit)
   * log a browser into their party. {@code Origin} is not used: under the console's {@code Referrer-Policy:
   * no-referrer} a browser posts the console's own forms with {@code Origin: null}, and a TLS-terminating proxy may
   * rewrite Host.
   */
  static boolean crossSite(Context ctx) {
    return "cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"));
  }

  private void login(Context ctx, Frame f) throws StoreException {
    if (crossSite(ctx)) {
      html(ctx, 403, Pages.error(f, 403, "error.csrf"));
      return;
    }
    String expected = ctx.cookie(LOGIN_COOKIE);
    if (expected == null || !Sessions.sameSecret(expected, Optional.ofNullable(ctx.formParam("csrf")))) {
      html(ctx, 403, Pages.error(f, 403, "error.csrf"));
      return;
    }
    String party = Optional.ofNullable(ctx.formParam("party")).orElse("").strip();
    String token = Optional.ofNullable(ctx.formParam("token")).orElse("").strip();
    Optional<String> who = Optional.empty();
    if (!party.isEmpty() && party.length() <= 200 && party.indexOf(':') < 0 && token.length() <= 200) {
      // The same check as a TAXII request with HTTP Basic (TAXII 2.1 §1.6.8): party name and API token.
      String basic = Base64.getEncoder().encodeToString((party + ":" + token).getBytes(StandardCharsets.UTF_8));
      who = authenticator.authenticate(Optional.of("Basic " + basic));
    }
    if (who.isEmpty()) {
      LOG.info("event=console_login_failed remote={}", ctx.ip());
      String csrf = sessions.token();
      setCookie(ctx, LOGIN_COOKIE, csrf, "/console/", -1);
      html(ctx, 401, Pages.login(f, csrf, Optional.of(party), true));
      return;
    }
    Optional<Sessions.Session> s = sessions.open(who.get(), org.parley.node.auth.Tokens.hash(token));
    if (s.isEmpty()) {
      html(ctx, 503, Pages.error(f, 503, "error.busy"));
      return;
    }
    if (f.session().isPresent()) {
      sessions.close(f.session().get().id());
    }
    setCookie(ctx, sessionCookie(ctx), s.get().id(), "/", -1);
    setCookie(ctx, LOGIN_COOKIE, "", "/console/", 0);
    ctx.attribute("parley.party", who.get());
    LOG.info("event=console_login party={}", who.get());
    ctx.redirect("/console/collections", HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx, Frame f) throws StoreException {
    if (crossSite(ctx)) {
      html(ctx, 403, Pages.error(f, 403, "error.csrf"));
      return;
    }
    if (f.session().isPresent()) {
      Sessions.Session s = f.session().get();
      if (!Sessions.sameSecret(s.csrf(), Optional.ofNullable(ctx.formParam("csrf")))) {
        html(ctx, 403, Pages.error(f, 403, "error.csrf"));
        return;
      }
      sessions.close(s.id());
      LOG.info("event=console_logout party={}", s.party());
    }
    setCookie(ctx, sessionCookie(ctx), "", "/", 0);
    ctx.redirect("/console/login", HttpStatus.SEE_OTHER);
  }

  private void switchLanguage(Context ctx) {
    Optional<Language> l = Language.ofTag(ctx.pathParam("tag"));
    l.ifPresent(lang -> setCookie(ctx, LANG_COOKIE, lang.tag(), "/", 365 * 24 * 3600));
    ctx.redirect(safeNext(Optional.ofNullable(ctx.queryParam("next")).orElse("/console/")), HttpStatus.SEE_OTHER);
  }

  /** A local console path to return to; anything else (other hosts, schemes, odd characters) is the home page. */
  static String safeNext(String next) {
    boolean ok = next.startsWith("/console/") && next.length() <= 2000 && !next.contains("//")
        && !next.contains("\\") && next.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    return ok ? next : "/console/";
  }

  // Written by hand so that every attribute is explicit (RFC 6265bis §5.6 SameSite, §4.1.2.5 Secure).
  private void setCookie(Context ctx, String name, String value, String path, int maxAge) {
    StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=").append(path)
        .append("; HttpOnly; SameSite=Strict");
    if (maxAge >= 0) {
      c.append("; Max-Age=").append(maxAge);
    }
    if (secure(ctx)) {
      c.append("; Secure");
    }
    ctx.res().addHeader("Set-Cookie", c.toString());
  }

  private static byte[] resource(String name) {
    try (InputStream in = Console.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request the console cannot make sense of; shown as a 400 page. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
