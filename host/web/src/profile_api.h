// The profile routes of the JSON API and the Atom feed of a profile's digest:
//   GET /api/profiles                      list of {id, title, language} (csv too)
//   POST /api/profiles                     create (201; 409 when the id exists; 422 invalid)
//   GET|PUT|DELETE /api/profiles/{id}      the profile document
//   GET /api/profiles/{id}/matches?limit=N&include_closed=true|false
//                                          the ranked matches with explanations (csv too)
//   GET /api/profiles/{id}/calendar.ics    the deadlines of its matches
//   GET|POST /api/profiles/{id}/feedback   verdicts: {"kind","subject","verdict"}
//   GET /api/profiles/{id}/digest?limit=N  the digest entries, newest first
//   GET /api/profiles/{id}/digest.atom     the same as an Atom feed (RFC 4287);
//                                          ?lang=ca|es|en (default ca) picks its words
#pragma once

#include "convoca/web/profile_service.h"
#include "convoca/web/search_service.h"
#include "exchange.h"

namespace convoca::web {

// The feed's words in one UI language (i18n keys feed.title, feed.new, feed.changed).
struct FeedWords {
  std::string title = "convoca — {title}"; // {title}: the profile's title
  std::string isNew = "new";
  std::string changed = "changed";
};

// The words from `<assetDir>/i18n/<language>.json`; throws HttpError 400 for
// a language the UI does not speak.
FeedWords feedWordsFor(const std::string& assetDir, const std::string& language);

// Serves every /api/profiles path; 404 for an unknown profile or sub-path.
// `assetDir` holds the UI's translations, used by the Atom feed.
Reply profileController(const Request& request, ProfileService& profiles, SearchService& search,
                        const std::string& assetDir);

// An Atom feed (RFC 4287) of digest entries; `selfUrl` is the feed's own path.
std::string digestAtom(const ProfileSummary& profile, const std::vector<DigestItem>& items,
                       const std::string& selfUrl, const FeedWords& words = {});

} // namespace convoca::web
