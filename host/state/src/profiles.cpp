// Profiles, their feedback and their digests: the StateDb side of matching.
#include "state_impl.h"

#include <Poco/Data/Statement.h>
#include <Poco/Data/Transaction.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace convoca::state {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::range;
using Poco::Data::Keywords::useRef;

namespace {

FeedbackSubject subjectKindFromName(const std::string& name) {
  return name == "programme" ? FeedbackSubject::Programme : FeedbackSubject::Record;
}

} // namespace

const char* toString(FeedbackSubject kind) {
  return kind == FeedbackSubject::Programme ? "programme" : "record";
}

const char* toString(Verdict verdict) {
  switch (verdict) {
  case Verdict::Relevant:
    return "relevant";
  case Verdict::NotRelevant:
    return "not-relevant";
  case Verdict::Muted:
    return "muted";
  }
  return "relevant";
}

std::optional<Verdict> parseVerdict(std::string_view name) {
  for (Verdict verdict : {Verdict::Relevant, Verdict::NotRelevant, Verdict::Muted})
    if (name == toString(verdict)) return verdict;
  return std::nullopt;
}

void StateDb::saveProfile(const std::string& id, const std::string& title, const std::string& document) {
  impl_->guarded("saving profile " + id, [&](Poco::Data::Session& session) {
    const std::string at = nowUtc();
    session << "INSERT INTO profiles (id, title, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
               "ON CONFLICT(id) DO UPDATE SET title = excluded.title, document = excluded.document, "
               "updated_at = excluded.updated_at",
        useRef(id), useRef(title), useRef(document), useRef(at), useRef(at), now;
  });
}

std::vector<StoredProfile> StateDb::profiles() {
  return impl_->guarded("listing profiles", [&](Poco::Data::Session& session) {
    std::vector<StoredProfile> all;
    StoredProfile row;
    Poco::Data::Statement select(session);
    select << "SELECT id, title, document, created_at, updated_at FROM profiles ORDER BY id", into(row.id),
        into(row.title), into(row.document), into(row.createdAt), into(row.updatedAt), range(0, 1);
    while (!select.done()) {
      if (select.execute() == 0) break;
      all.push_back(row);
    }
    return all;
  });
}

std::optional<StoredProfile> StateDb::profile(const std::string& id) {
  return impl_->guarded("reading profile " + id, [&](Poco::Data::Session& session) {
    StoredProfile row;
    Poco::Data::Statement select(session);
    select << "SELECT id, title, document, created_at, updated_at FROM profiles WHERE id = ?", useRef(id),
        into(row.id), into(row.title), into(row.document), into(row.createdAt), into(row.updatedAt);
    if (select.execute() == 0) return std::optional<StoredProfile>();
    return std::optional<StoredProfile>(row);
  });
}

bool StateDb::removeProfile(const std::string& id) {
  return impl_->guarded("removing profile " + id, [&](Poco::Data::Session& session) {
    Poco::Data::Statement remove(session);
    // Foreign keys cascade to feedback, seen matches and the digest.
    remove << "DELETE FROM profiles WHERE id = ?", useRef(id);
    return remove.execute() > 0;
  });
}

void StateDb::setFeedback(const Feedback& feedback) {
  impl_->guarded("storing feedback on " + feedback.subject, [&](Poco::Data::Session& session) {
    const std::string kind = toString(feedback.kind);
    const std::string verdict = toString(feedback.verdict);
    const std::string at = feedback.givenAt.empty() ? nowUtc() : feedback.givenAt;
    session
        << "INSERT OR REPLACE INTO profile_feedback (profile_id, subject_kind, subject, verdict, given_at) "
           "VALUES (?, ?, ?, ?, ?)",
        useRef(feedback.profileId), useRef(kind), useRef(feedback.subject), useRef(verdict), useRef(at), now;
  });
}

bool StateDb::clearFeedback(const std::string& profileId, FeedbackSubject kind, const std::string& subject) {
  return impl_->guarded("clearing feedback on " + subject, [&](Poco::Data::Session& session) {
    const std::string kindName = toString(kind);
    Poco::Data::Statement remove(session);
    remove << "DELETE FROM profile_feedback WHERE profile_id = ? AND subject_kind = ? AND subject = ?",
        useRef(profileId), useRef(kindName), useRef(subject);
    return remove.execute() > 0;
  });
}

std::vector<Feedback> StateDb::feedback(const std::string& profileId) {
  return impl_->guarded("reading the feedback of " + profileId, [&](Poco::Data::Session& session) {
    std::vector<Feedback> all;
    Feedback row;
    std::string kind;
    std::string verdict;
    Poco::Data::Statement select(session);
    select << "SELECT profile_id, subject_kind, subject, verdict, given_at FROM profile_feedback "
              "WHERE profile_id = ? ORDER BY given_at, subject",
        useRef(profileId), into(row.profileId), into(kind), into(row.subject), into(verdict),
        into(row.givenAt), range(0, 1);
    while (!select.done()) {
      if (select.execute() == 0) break;
      row.kind = subjectKindFromName(kind);
      row.verdict = parseVerdict(verdict).value_or(Verdict::Relevant);
      all.push_back(row);
    }
    return all;
  });
}

std::map<std::string, std::string> StateDb::seenMatches(const std::string& profileId) {
  return impl_->guarded("reading the seen matches of " + profileId, [&](Poco::Data::Session& session) {
    std::map<std::string, std::string> seen;
    std::string recordId;
    std::string hash;
    Poco::Data::Statement select(session);
    select << "SELECT record_id, content_hash FROM profile_seen_matches WHERE profile_id = ?",
        useRef(profileId), into(recordId), into(hash), range(0, 1);
    while (!select.done()) {
      if (select.execute() == 0) break;
      seen[recordId] = hash;
    }
    return seen;
  });
}

void StateDb::recordDigest(const std::string& profileId, const std::vector<DigestEntry>& entries,
                           const std::map<std::string, std::string>& seen) {
  impl_->guarded("recording the digest of " + profileId, [&](Poco::Data::Session& session) {
    const std::string at = nowUtc();
    Poco::Data::Transaction transaction(session);
    for (const DigestEntry& entry : entries) {
      const std::string createdAt = entry.createdAt.empty() ? at : entry.createdAt;
      const Poco::Nullable<int64_t> runId =
          entry.runId > 0 ? Poco::Nullable<int64_t>(entry.runId) : Poco::Nullable<int64_t>();
      session
          << "INSERT INTO digest_entries (profile_id, run_id, created_at, record_id, change, score, title, "
             "match) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          useRef(profileId), Poco::Data::Keywords::bind(runId), useRef(createdAt), useRef(entry.recordId),
          useRef(entry.change), useRef(entry.score), useRef(entry.title), useRef(entry.match), now;
    }
    session << "DELETE FROM profile_seen_matches WHERE profile_id = ?", useRef(profileId), now;
    for (const auto& [recordId, hash] : seen)
      session << "INSERT INTO profile_seen_matches (profile_id, record_id, content_hash) VALUES (?, ?, ?)",
          useRef(profileId), useRef(recordId), useRef(hash), now;
    transaction.commit();
  });
}

std::vector<DigestEntry> StateDb::digest(const std::string& profileId, size_t limit) {
  return impl_->guarded("reading the digest of " + profileId, [&](Poco::Data::Session& session) {
    std::vector<DigestEntry> all;
    DigestEntry row;
    const int64_t max = static_cast<int64_t>(limit);
    Poco::Data::Statement select(session);
    select
        << "SELECT id, profile_id, COALESCE(run_id, 0), created_at, record_id, change, score, title, match "
           "FROM digest_entries WHERE profile_id = ? ORDER BY id DESC LIMIT ?",
        useRef(profileId), useRef(max), into(row.id), into(row.profileId), into(row.runId),
        into(row.createdAt), into(row.recordId), into(row.change), into(row.score), into(row.title),
        into(row.match), range(0, 1);
    while (!select.done()) {
      if (select.execute() == 0) break;
      all.push_back(row);
    }
    return all;
  });
}

} // namespace convoca::state
