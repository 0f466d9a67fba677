#include "convoca/matching/matching.h"

#include "convoca/state/state_db.h"
#include "convoca/translation/translator.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>

namespace convoca::matching {

index::Profile readProfileFile(const std::string& path) {
  Poco::FileInputStream input(path);
  std::string text;
  Poco::StreamCopier::copyToString(input, text);
  try {
    return index::profileFromJson(text);
  } catch (const index::ProfileError& e) {
    throw index::ProfileError(path + ": " + e.what());
  }
}

index::Profile loadProfile(const std::string& fileOrId, state::StateDb* state) {
  const Poco::File file(fileOrId);
  if (file.exists() && file.isFile()) return readProfileFile(fileOrId);
  if (!state)
    throw index::ProfileError("'" + fileOrId +
                              "' is neither a profile file nor a stored profile (no state DB yet)");
  const std::optional<state::StoredProfile> stored = state->profile(fileOrId);
  if (!stored)
    throw index::ProfileError("'" + fileOrId +
                              "' is neither a profile file nor a stored profile id "
                              "(convoca profile list shows them)");
  return index::profileFromJson(stored->document);
}

std::vector<index::Profile> storedProfiles(state::StateDb& state) {
  std::vector<index::Profile> profiles;
  for (const state::StoredProfile& stored : state.profiles())
    profiles.push_back(index::profileFromJson(stored.document));
  return profiles;
}

index::MatchRequest requestFor(const index::Profile& profile, state::StateDb* state,
                               translation::Translator* translator) {
  index::MatchRequest request;
  request.profile = profile;
  const std::string language = profile.language.empty() ? "ca" : profile.language;
  if (translator && language != "en") {
    // One batch: the title and description as a whole, then each keyword alone
    // (so the explanation can say "housing (habitatge)").
    std::vector<std::string> texts{profile.title + "\n" + profile.description};
    texts.insert(texts.end(), profile.keywords.begin(), profile.keywords.end());
    const std::vector<std::string> english = translator->toEnglish(language, texts);
    if (!english.empty() && !english.front().empty()) request.english = english.front();
    if (english.size() == texts.size()) request.englishKeywords.assign(english.begin() + 1, english.end());
  }
  if (state) {
    for (const state::Feedback& verdict : state->feedback(profile.id)) {
      if (verdict.kind == state::FeedbackSubject::Programme) {
        if (verdict.verdict == state::Verdict::Muted)
          request.feedback.mutedProgrammes.push_back(verdict.subject);
      } else if (verdict.verdict == state::Verdict::Relevant) {
        request.feedback.relevant.push_back(verdict.subject);
      } else if (verdict.verdict == state::Verdict::NotRelevant) {
        request.feedback.notRelevant.push_back(verdict.subject);
      }
    }
  }
  return request;
}

} // namespace convoca::matching
