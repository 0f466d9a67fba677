// Records analysed on other threads while the calling thread writes end up as
// the same documents, in the same order, as records analysed one by one; what
// waits to be written is read, counted and failed as if it had been written.
#include "convoca/index/indexer.h"
#include "test_records.h"

#include <gtest/gtest.h>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>
#include <xapian.h>

namespace convoca::index {
namespace {

using testing::daysFromNow;
using testing::kNow;
using testing::makeRecord;
using testing::TempDir;

IndexerOptions withThreads(unsigned threads) {
  IndexerOptions options;
  options.analysisThreads = threads;
  // A stand-in for Apertium: deterministic, so both indexes get the same English form.
  options.translate = [](const std::string& language, const std::string& text) {
    return "english of " + language + " (" + std::to_string(text.size()) + " bytes): climate housing water";
  };
  return options;
}

// Sample records, edits of some, repeats, and many more: enough to fill the
// queue of waiting records several times.
std::vector<Record> workload() {
  std::vector<Record> records = testing::sampleRecords();
  for (int i = 0; i < 150; ++i) {
    Record call =
        makeRecord("eu-ft", "BULK-" + std::to_string(i), "Urban climate call number " + std::to_string(i));
    call.summary =
        "Cities adapt to heat waves; affordable housing renovation; water supply " + std::to_string(i % 7);
    call.language = (i % 3 == 0) ? "ca" : "en";
    call.deadlines = {daysFromNow(10 + i)};
    records.push_back(call);
  }
  std::vector<Record> edits = testing::sampleRecords();
  for (auto& record : edits) record.summary += " Edited.";
  records.insert(records.end(), edits.begin(), edits.end());
  records.push_back(records.back()); // the same edit twice in a row
  records.push_back(records[3]);     // an old version again
  return records;
}

struct Indexed {
  std::vector<UpsertOutcome> outcomes;
  std::vector<std::string> previousTitles;
  size_t documents = 0;
};

Indexed indexAll(const std::string& path, unsigned threads) {
  Indexer indexer(path, withThreads(threads));
  Indexed indexed;
  indexer.beginSource("mixed", "run-1");
  for (const Record& record : workload()) {
    Record previous;
    indexed.outcomes.push_back(indexer.upsert(record, &previous));
    indexed.previousTitles.push_back(previous.title + "|" + previous.summary);
  }
  indexer.endSource(true, kNow);
  indexed.documents = indexer.documentCount();
  return indexed;
}

// Every document by its unique id: data, values and terms with wdf and positions.
std::map<std::string, std::string> documentsOf(const std::string& path) {
  Xapian::Database database(path);
  std::map<std::string, std::string> documents;
  for (auto id = database.postlist_begin(""); id != database.postlist_end(""); ++id) {
    const Xapian::Document document = database.get_document(*id);
    std::string text = document.get_data() + "\n";
    for (auto value = document.values_begin(); value != document.values_end(); ++value)
      text += "value " + std::to_string(value.get_valueno()) + "=" + *value + "\n";
    std::string unique;
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
      if ((*term).rfind("Q", 0) == 0) unique = *term;
      text += *term + " wdf " + std::to_string(term.get_wdf()) + " at";
      for (auto position = term.positionlist_begin(); position != term.positionlist_end(); ++position)
        text += " " + std::to_string(*position);
      text += "\n";
    }
    documents[unique] = text;
  }
  return documents;
}

TEST(IndexerThreads, AnalysisOnOtherThreadsWritesTheSameDocumentsAsOnTheCallingThread) {
  TempDir inline_, threaded;
  const Indexed one = indexAll(inline_.path(), 0);
  const Indexed three = indexAll(threaded.path(), 3);
  EXPECT_EQ(three.outcomes, one.outcomes);
  EXPECT_EQ(three.previousTitles, one.previousTitles);
  EXPECT_EQ(three.documents, one.documents);
  ASSERT_EQ(one.documents, testing::sampleRecords().size() + 150);
  const auto expected = documentsOf(inline_.path());
  const auto actual = documentsOf(threaded.path());
  ASSERT_EQ(expected.size(), one.documents) << "documents are keyed by their unique Q term";
  ASSERT_EQ(actual.size(), expected.size());
  for (const auto& [id, text] : expected) EXPECT_EQ(actual.at(id), text) << id;
  // The workload's repeats were seen as such.
  const size_t n = one.outcomes.size();
  EXPECT_EQ(one.outcomes[n - 2], UpsertOutcome::Unchanged);
  EXPECT_EQ(one.outcomes[n - 1], UpsertOutcome::Updated);
}

TEST(IndexerThreads, ARecordWaitingToBeWrittenIsWhatTheNextUpsertOfItsIdReads) {
  TempDir dir;
  Indexer indexer(dir.path(), withThreads(2));
  Record call = makeRecord("eu-ft", "A", "First title");
  EXPECT_EQ(indexer.upsert(call), UpsertOutcome::Added);
  EXPECT_EQ(indexer.upsert(call), UpsertOutcome::Unchanged);
  Record edited = call;
  edited.title = "Second title";
  Record previous;
  EXPECT_EQ(indexer.upsert(edited, &previous), UpsertOutcome::Updated);
  EXPECT_EQ(previous.title, "First title");
  EXPECT_EQ(indexer.documentCount(), 1u);
}

TEST(IndexerThreads, DocumentCountAndCommitIncludeRecordsStillBeingAnalysed) {
  TempDir dir;
  {
    Indexer indexer(dir.path(), withThreads(2));
    for (int i = 0; i < 20; ++i) indexer.upsert(makeRecord("eu-ft", std::to_string(i), "Call"));
    EXPECT_EQ(indexer.documentCount(), 20u);
    for (int i = 20; i < 30; ++i) indexer.upsert(makeRecord("eu-ft", std::to_string(i), "Call"));
    indexer.commit();
    EXPECT_EQ(Xapian::Database(dir.path()).get_doccount(), 30u);
    for (int i = 30; i < 35; ++i) indexer.upsert(makeRecord("eu-ft", std::to_string(i), "Call"));
  } // the destructor writes and commits the last five
  EXPECT_EQ(Xapian::Database(dir.path()).get_doccount(), 35u);
}

TEST(IndexerThreads, ARecordWhoseAnalysisFailsFailsItsRunAndTheIndexKeepsWhatItHad) {
  TempDir dir;
  IndexerOptions options = withThreads(2);
  options.translate = [](const std::string&, const std::string& text) -> std::string {
    if (text.find("poison") != std::string::npos) throw std::runtime_error("translator crashed");
    return "";
  };
  Indexer indexer(dir.path(), options);
  indexer.beginSource("raisc");
  for (int i = 0; i < 10; ++i) {
    Record call = makeRecord("raisc", std::to_string(i), "Ajuts a municipis");
    call.language = "ca";
    indexer.upsert(call);
  }
  indexer.endSource(true, kNow);

  // The failure surfaces from a later upsert or from endSource, depending on
  // when the analysis thread gets to it: either way it names the record. From
  // an upsert, the caller ends the run as failed (as the harvest does when its
  // listener throws) and what was written before lands; from endSource, the
  // run's transaction is dropped. The index keeps what it had in both cases.
  indexer.beginSource("raisc");
  bool ending = false;
  try {
    for (int i = 10; i < 20; ++i) {
      Record call = makeRecord("raisc", std::to_string(i), i == 12 ? "Ajuts poison" : "Ajuts a entitats");
      call.language = "ca";
      indexer.upsert(call);
    }
    ending = true;
    indexer.endSource(true, kNow);
    FAIL() << "the failed analysis went unnoticed";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("raisc:12"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("translator crashed"), std::string::npos) << e.what();
  }
  if (!ending) indexer.endSource(false, kNow);
  {
    Xapian::Database database(dir.path());
    for (int i = 0; i < 10; ++i) EXPECT_TRUE(database.term_exists("Qraisc:" + std::to_string(i))) << i;
    EXPECT_FALSE(database.term_exists("Qraisc:12"));
    EXPECT_LE(database.get_doccount(), 19u);
  }
  // The writer is usable again: the next run starts cleanly.
  indexer.beginSource("raisc");
  indexer.upsert(makeRecord("raisc", "30", "Ajuts"));
  EXPECT_EQ(indexer.endSource(true, kNow).added, 1u);
}

} // namespace
} // namespace convoca::index
