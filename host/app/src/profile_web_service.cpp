#include "profile_web_service.h"

#include "convoca/index/matcher.h"
#include "convoca/matching/matching.h"
#include "convoca/state/state_db.h"
#include "index_maintenance.h"
#include "translation_setup.h"

#include <Poco/JSON/Parser.h>
#include <mutex>

namespace convoca::app {
namespace {

// A digest entry's feed summary: programme, next deadline and why it matched.
std::string summaryOf(const std::string& matchJson) {
  Poco::JSON::Object::Ptr match = Poco::JSON::Parser().parse(matchJson).extract<Poco::JSON::Object::Ptr>();
  std::string summary = match->optValue<std::string>("programme", "");
  const std::string deadline = match->optValue<std::string>("next_deadline", "");
  if (!deadline.empty()) summary += (summary.empty() ? "" : " · ") + std::string("deadline ") + deadline;
  std::string words;
  if (Poco::JSON::Object::Ptr explanation = match->getObject("explanation")) {
    if (Poco::JSON::Array::Ptr terms = explanation->getArray("terms"))
      for (size_t i = 0; i < terms->size() && i < 8; ++i)
        words += (words.empty() ? "" : ", ") +
                 terms->getObject(static_cast<unsigned>(i))->optValue<std::string>("word", "");
    if (Poco::JSON::Array::Ptr concepts = explanation->getArray("concepts"))
      for (size_t i = 0; i < concepts->size(); ++i)
        words += (words.empty() ? "" : ", ") +
                 concepts->getObject(static_cast<unsigned>(i))->optValue<std::string>("label", "");
  }
  if (!words.empty()) summary += (summary.empty() ? "" : " · ") + words;
  return summary;
}

// One matcher and one Apertium bridge, behind a mutex: profile pages are rare
// next to searches, and neither Xapian readers nor the bridge are shared by threads.
class StateProfileService : public web::ProfileService {
public:
  explicit StateProfileService(const Context& context)
      : indexPath_(indexForReading(context)), state_(context.statePath()),
        translation_(makeTranslation(context, &state_)) {}

  std::vector<web::ProfileSummary> profiles() override {
    std::vector<web::ProfileSummary> list;
    for (const index::Profile& profile : matching::storedProfiles(state_))
      list.push_back({profile.id, profile.title, profile.language});
    return list;
  }

  std::optional<Poco::JSON::Object::Ptr> matches(const std::string& profileId, size_t limit,
                                                 bool includeClosed) override {
    const std::optional<index::Profile> profile = find(profileId);
    if (!profile) return std::nullopt;
    std::lock_guard<std::mutex> lock(mutex_);
    index::Profile asked = *profile;
    if (includeClosed) asked.includeClosed = true;
    index::MatchRequest request = matching::requestFor(asked, &state_, translation_.translator.get());
    // A profile's English form is cached after its first request; an idle
    // server should not keep Apertium's pipelines (0.2-0.4 GB each) alive.
    translation_.translator->close();
    request.limit = limit;
    return matching::resultToJson(matcher().match(request), *profile);
  }

  std::optional<std::vector<web::DigestItem>> digest(const std::string& profileId, size_t limit) override {
    if (!find(profileId)) return std::nullopt;
    std::vector<web::DigestItem> items;
    for (const state::DigestEntry& entry : state_.digest(profileId, limit)) {
      web::DigestItem item;
      item.id = entry.id;
      item.createdAt = entry.createdAt;
      item.change = entry.change;
      item.recordId = entry.recordId;
      item.title = entry.title;
      Poco::JSON::Object::Ptr match =
          Poco::JSON::Parser().parse(entry.match).extract<Poco::JSON::Object::Ptr>();
      item.url = match->optValue<std::string>("url", "");
      item.summary = summaryOf(entry.match);
      items.push_back(std::move(item));
    }
    return items;
  }

  std::optional<std::string> profileDocument(const std::string& profileId) override {
    const std::optional<state::StoredProfile> stored = state_.profile(profileId);
    if (!stored) return std::nullopt;
    return stored->document;
  }

  std::string saveProfile(const std::string& documentJson) override {
    index::Profile profile;
    try {
      profile = index::profileFromJson(documentJson);
    } catch (const index::ProfileError& error) {
      throw web::InvalidProfile(error.what());
    }
    const std::string document = index::profileToJson(profile);
    state_.saveProfile(profile.id, profile.title, document);
    return document;
  }

  bool removeProfile(const std::string& profileId) override { return state_.removeProfile(profileId); }

  std::optional<std::vector<web::FeedbackItem>> feedback(const std::string& profileId) override {
    if (!state_.profile(profileId)) return std::nullopt;
    std::vector<web::FeedbackItem> items;
    for (const state::Feedback& given : state_.feedback(profileId))
      items.push_back(
          {state::toString(given.kind), given.subject, state::toString(given.verdict), given.givenAt});
    return items;
  }

  bool setFeedback(const std::string& profileId, const web::FeedbackItem& item) override {
    if (item.kind != "record" && item.kind != "programme")
      throw web::InvalidProfile("kind must be record or programme, not \"" + item.kind + "\"");
    const state::FeedbackSubject kind =
        item.kind == "record" ? state::FeedbackSubject::Record : state::FeedbackSubject::Programme;
    const std::optional<state::Verdict> verdict = state::parseVerdict(item.verdict);
    if (!verdict && item.verdict != "clear")
      throw web::InvalidProfile("verdict must be relevant, not-relevant, muted or clear, not \"" +
                                item.verdict + "\"");
    if (kind == state::FeedbackSubject::Programme && verdict && *verdict != state::Verdict::Muted)
      throw web::InvalidProfile("a programme can only be muted (or cleared)");
    if (!state_.profile(profileId)) return false;
    if (!verdict) {
      state_.clearFeedback(profileId, kind, item.subject);
    } else {
      state_.setFeedback({profileId, kind, item.subject, *verdict, ""});
    }
    return true;
  }

private:
  std::optional<index::Profile> find(const std::string& id) {
    const std::optional<state::StoredProfile> stored = state_.profile(id);
    if (!stored) return std::nullopt;
    return index::profileFromJson(stored->document);
  }

  index::Matcher& matcher() {
    if (!matcher_) matcher_ = std::make_unique<index::Matcher>(indexPath_);
    return *matcher_;
  }

  std::string indexPath_;
  state::StateDb state_;
  TranslationSetup translation_;
  std::unique_ptr<index::Matcher> matcher_;
  std::mutex mutex_;
};

} // namespace

std::unique_ptr<web::ProfileService> makeProfileService(const Context& context) {
  return std::make_unique<StateProfileService>(context);
}

} // namespace convoca::app
