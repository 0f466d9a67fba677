#include "security.h"

#include "convoca/index/timeutil.h"
#include "convoca/web/password.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>
#include <algorithm>
#include <openssl/crypto.h>

namespace convoca::web {

namespace {

bool changesState(const std::string& method) {
  return method != "GET" && method != "HEAD";
}

bool sameToken(const std::string& given, const std::string& expected) {
  return !given.empty() && given.size() == expected.size() &&
         CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
}

// A browser sends Origin on cross-site and on state-changing requests; it must
// name the host the request was sent to (any scheme: a TLS proxy may sit in front).
bool originMatchesHost(const Request& request) {
  if (request.origin.empty()) return true;
  try {
    return Poco::URI(request.origin).getAuthority() == request.host;
  } catch (const Poco::Exception&) {
    return false;
  }
}

Role roleFor(Access access) {
  switch (access) {
  case Access::Editor:
    return Role::Editor;
  case Access::Admin:
    return Role::Admin;
  default:
    return Role::Viewer;
  }
}

Reply rateLimited(std::chrono::seconds retryAfter, const std::string& what) {
  Reply reply = errorReply(HttpStatus::HTTP_TOO_MANY_REQUESTS,
                           what + "; try again in " + std::to_string(retryAfter.count()) + " s");
  reply.headers.emplace_back("Retry-After", std::to_string(std::max<int64_t>(1, retryAfter.count())));
  return reply;
}

} // namespace

SessionStore::SessionStore(std::chrono::seconds idleTimeout, size_t maxSessions)
    : idleTimeout_(idleTimeout), maxSessions_(std::max<size_t>(1, maxSessions)) {}

std::string SessionStore::create(std::optional<Identity> identity, Clock::time_point now) {
  std::string token = randomToken();
  std::lock_guard<std::mutex> lock(mutex_);
  evictIdle(now);
  if (sessions_.size() >= maxSessions_) {
    // Anonymous sessions go first, so a flood of visitors cannot log staff out.
    auto loggedIn = [](const Session& session) {
      return session.identity && !session.identity->user.empty();
    };
    auto evictable = std::min_element(sessions_.begin(), sessions_.end(), [&](const auto& a, const auto& b) {
      if (loggedIn(a.second) != loggedIn(b.second)) return !loggedIn(a.second);
      return a.second.lastSeen < b.second.lastSeen;
    });
    sessions_.erase(evictable);
  }
  sessions_[token] = Session{randomToken(), std::move(identity), now};
  return token;
}

std::optional<Session> SessionStore::find(const std::string& token, Clock::time_point now) {
  if (token.empty()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = sessions_.find(token);
  if (found == sessions_.end()) return std::nullopt;
  if (now - found->second.lastSeen > idleTimeout_) {
    sessions_.erase(found);
    return std::nullopt;
  }
  found->second.lastSeen = now;
  return found->second;
}

void SessionStore::remove(const std::string& token) {
  std::lock_guard<std::mutex> lock(mutex_);
  sessions_.erase(token);
}

void SessionStore::evictIdle(Clock::time_point now) {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (now - it->second.lastSeen > idleTimeout_) {
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
}

bool isFeedPath(const std::string& path) {
  auto endsWith = [&](const std::string& suffix) {
    return path.size() > suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return endsWith(".atom") || endsWith(".ics");
}

SecurityGate::SecurityGate(GateOptions options, Authenticator authenticator, FeedTokenCheck feedTokens,
                           FeedTokenOf feedTokenOf)
    : options_(options), authenticator_(std::move(authenticator)), feedTokens_(std::move(feedTokens)),
      feedTokenOf_(std::move(feedTokenOf)), requests_(options.requestsPerSecond, options.requestBurst),
      logins_(options.loginsPerMinute / 60.0, options.loginsPerMinute) {}

std::optional<Identity> SecurityGate::localIdentity() const {
  if (options_.authRequired) return std::nullopt;
  return Identity{"", Role::Admin};
}

std::optional<Reply> SecurityGate::admit(const Request& request) {
  const auto now = std::chrono::steady_clock::now();
  if (!requests_.allow(request.clientAddress, now))
    return rateLimited(requests_.retryAfter(request.clientAddress, now), "too many requests");
  return std::nullopt;
}

std::optional<Reply> SecurityGate::authorise(Request& request, Access access) {
  const std::optional<Session> session = sessions_.find(request.sessionToken);
  if (changesState(request.method)) {
    if (!originMatchesHost(request))
      return errorReply(HttpStatus::HTTP_FORBIDDEN, "cross-origin request refused");
    if (!session || !sameToken(request.csrfToken, session->csrfToken))
      return errorReply(
          HttpStatus::HTTP_FORBIDDEN,
          "CSRF token missing or wrong: send the csrf_token of GET /api/session in X-CSRF-Token");
  }
  request.identity = options_.authRequired ? (session ? session->identity : std::nullopt) : localIdentity();
  if (!changesState(request.method) && isFeedPath(request.path)) {
    const std::string token = parameter(request, kFeedTokenParameter);
    auto& query = request.query;
    query.erase(std::remove_if(query.begin(), query.end(),
                               [](const auto& pair) { return pair.first == kFeedTokenParameter; }),
                query.end());
    // A feed reader only ever reads: whoever the token names, it reads as a viewer.
    if (!request.identity && !token.empty() && feedTokens_) {
      if (std::optional<Identity> owner = feedTokens_(token))
        request.identity = Identity{owner->user, Role::Viewer};
    }
  }
  if (access == Access::Public) return std::nullopt;
  if (!request.identity) return errorReply(HttpStatus::HTTP_UNAUTHORIZED, "log in first");
  if (static_cast<int>(request.identity->role) < static_cast<int>(roleFor(access)))
    return errorReply(HttpStatus::HTTP_FORBIDDEN, std::string("this needs the ") + toString(roleFor(access)) +
                                                      " role; you are " + toString(request.identity->role));
  return std::nullopt;
}

Reply SecurityGate::sessionController(const Request& request) {
  if (request.method == "POST") return login(request);
  if (request.method == "DELETE") return logout(request);
  if (std::optional<Session> session = sessions_.find(request.sessionToken))
    return describeSession(request.sessionToken, *session, false);
  const std::string token = sessions_.create(localIdentity());
  return describeSession(token, *sessions_.find(token), true);
}

Reply SecurityGate::describeSession(const std::string& token, const Session& session, bool setCookie) {
  Poco::JSON::Object::Ptr json = newJsonObject();
  if (session.identity && !session.identity->user.empty()) {
    Poco::JSON::Object::Ptr user = newJsonObject();
    user->set("name", session.identity->user);
    user->set("role", toString(session.identity->role));
    json->set("user", user);
  } else {
    json->set("user", Poco::Dynamic::Var());
  }
  json->set("role",
            session.identity ? Poco::Dynamic::Var(toString(session.identity->role)) : Poco::Dynamic::Var());
  json->set("auth_required", options_.authRequired);
  json->set("csrf_token", session.csrfToken);
  if (session.identity && !session.identity->user.empty() && feedTokenOf_)
    json->set("feed_token", feedTokenOf_(session.identity->user));
  // The server's clock (CONVOCA_NOW in demos and tests), so countdowns agree with statuses.
  json->set("now", index::timeutil::formatInstant(index::timeutil::now(), index::timeutil::kHomeZone));
  Reply reply = jsonReply(json);
  if (setCookie) reply.headers.emplace_back("Set-Cookie", sessionCookie(token, options_.secureCookie));
  return reply;
}

Reply SecurityGate::login(const Request& request) {
  if (!options_.authRequired)
    throw HttpError(HttpStatus::HTTP_CONFLICT,
                    "logins are off on this server (loopback, web.auth=auto): you are the local admin");
  const auto now = std::chrono::steady_clock::now();
  if (!logins_.allow(request.clientAddress, now))
    return rateLimited(logins_.retryAfter(request.clientAddress, now), "too many login attempts");
  Poco::JSON::Object::Ptr body = jsonBody(request);
  const std::string user = body->optValue<std::string>("username", "");
  const std::string password = body->optValue<std::string>("password", "");
  if (user.empty() || password.empty())
    throw HttpError(HttpStatus::HTTP_BAD_REQUEST, "username and password are required");
  std::optional<Identity> identity = authenticator_ ? authenticator_(user, password) : std::nullopt;
  if (!identity) return errorReply(HttpStatus::HTTP_UNAUTHORIZED, "wrong user name or password");
  // A new token on every login, so a token planted before it is worth nothing after.
  sessions_.remove(request.sessionToken);
  const std::string token = sessions_.create(identity);
  return describeSession(token, *sessions_.find(token), true);
}

Reply SecurityGate::logout(const Request& request) {
  sessions_.remove(request.sessionToken);
  Reply reply;
  reply.status = HttpStatus::HTTP_NO_CONTENT;
  reply.headers.emplace_back("Set-Cookie", sessionCookie("", options_.secureCookie));
  return reply;
}

std::string sessionCookie(const std::string& token, bool secure) {
  std::string cookie = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) cookie += "; Secure";
  if (token.empty()) cookie += "; Max-Age=0";
  return cookie;
}

std::string cookieValue(const std::string& cookieHeader, const std::string& name) {
  Poco::Net::NameValueCollection cookies;
  Poco::Net::MessageHeader::splitParameters(cookieHeader.begin(), cookieHeader.end(), cookies);
  return cookies.get(name, "");
}

} // namespace convoca::web
