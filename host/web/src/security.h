// The security gate every request passes before its controller: sessions,
// CSRF, login and roles, rate limits.
//
// - Sessions live in memory (a restart logs everyone out): an opaque random
//   token in the HttpOnly, SameSite=Strict cookie `convoca_session`, with its
//   CSRF token and, after a login, the user and role. Logging in always starts a
//   new session (no session fixation); sessions end after 8 idle hours.
// - Every state-changing request (any method but GET/HEAD) must carry the
//   session's CSRF token in X-CSRF-Token, and an Origin, when sent, must be
//   this server. JSON bodies must say application/json, which a cross-site HTML
//   form cannot send.
// - With authentication on (a non-loopback listen address or web.auth=required)
//   every route but the public ones needs a logged-in user whose role reaches
//   the route's: 401 without a login, 403 with a role too low. Without it every
//   visitor is the local user with the admin role.
#pragma once

#include "exchange.h"
#include "rate_limiter.h"

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace convoca::web {

inline constexpr const char* kSessionCookie = "convoca_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// Who may use a route: Public needs nothing (the page, its assets, the session
// route); the others name the lowest role.
enum class Access { Public, Viewer, Editor, Admin };

struct Session {
  std::string csrfToken;
  std::optional<Identity> identity; // absent until a login (with authentication on)
  std::chrono::steady_clock::time_point lastSeen;
};

class SessionStore {
public:
  using Clock = std::chrono::steady_clock;
  explicit SessionStore(std::chrono::seconds idleTimeout = std::chrono::hours(8), size_t maxSessions = 10000);

  // A new session; returns its token. The oldest session goes when full.
  std::string create(std::optional<Identity> identity, Clock::time_point now = Clock::now());
  // The live session of `token` (touching it), or nullopt.
  std::optional<Session> find(const std::string& token, Clock::time_point now = Clock::now());
  void remove(const std::string& token);

private:
  void evictIdle(Clock::time_point now);

  const std::chrono::seconds idleTimeout_;
  const size_t maxSessions_;
  std::mutex mutex_;
  std::map<std::string, Session> sessions_;
};

// Checks a user's name and password; returns the identity or nullopt.
using Authenticator =
    std::function<std::optional<Identity>(const std::string& user, const std::string& password)>;
// The user whose feed token (password.h feedToken) this is, or nullopt.
using FeedTokenCheck = std::function<std::optional<Identity>(const std::string& token)>;
// The token of a logged-in user, for the session's answer.
using FeedTokenOf = std::function<std::string(const std::string& user)>;

// Feeds (a path ending in .atom or .ics) read with GET take `token=`, a user's
// feed token, in place of a session, so calendar apps and feed readers can
// subscribe when logins are on. The parameter is removed before the controller.
inline constexpr const char* kFeedTokenParameter = "token";
bool isFeedPath(const std::string& path);

struct GateOptions {
  bool authRequired = false;
  bool secureCookie = false;     // add Secure to the session cookie (served through HTTPS)
  double requestsPerSecond = 50; // per client address
  double requestBurst = 200;
  double loginsPerMinute = 10; // per client address
};

class SecurityGate {
public:
  SecurityGate(GateOptions options, Authenticator authenticator, FeedTokenCheck feedTokens = nullptr,
               FeedTokenOf feedTokenOf = nullptr);

  bool authRequired() const { return options_.authRequired; }

  // Before routing: the rate limit (429 with Retry-After). nullopt lets the request on.
  std::optional<Reply> admit(const Request& request);
  // After routing: session, CSRF and role for a route with `access`. Fills
  // request.identity. nullopt lets the request on.
  std::optional<Reply> authorise(Request& request, Access access);

  // The session routes (GET/POST/DELETE /api/session), see server.h.
  Reply sessionController(const Request& request);

private:
  Reply describeSession(const std::string& token, const Session& session, bool setCookie);
  Reply login(const Request& request);
  Reply logout(const Request& request);
  std::optional<Identity> localIdentity() const;

  GateOptions options_;
  Authenticator authenticator_;
  FeedTokenCheck feedTokens_;
  FeedTokenOf feedTokenOf_;
  SessionStore sessions_;
  RateLimiter requests_;
  RateLimiter logins_;
};

// `Set-Cookie` value for the session token; an empty token clears the cookie.
std::string sessionCookie(const std::string& token, bool secure = false);

// The value of cookie `name` in a Cookie header, "" when absent.
std::string cookieValue(const std::string& cookieHeader, const std::string& name);

} // namespace convoca::web
