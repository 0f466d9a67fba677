#include "convoca/web/search_service.h"

#include <mutex>
#include <vector>

namespace convoca::web {

namespace {

// Searchers are not thread-safe and opening one costs a little, so requests
// borrow an idle one and give it back; the pool grows to the peak concurrency.
class SearcherPool {
public:
  explicit SearcherPool(std::string indexPath) : indexPath_(std::move(indexPath)) {
    idle_.push_back(std::make_unique<index::Searcher>(indexPath_));
  }

  class Lease {
  public:
    Lease(SearcherPool& pool, std::unique_ptr<index::Searcher> searcher)
        : pool_(pool), searcher_(std::move(searcher)) {}
    ~Lease() { pool_.giveBack(std::move(searcher_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    index::Searcher& operator*() const { return *searcher_; }
    index::Searcher* operator->() const { return searcher_.get(); }

  private:
    SearcherPool& pool_;
    std::unique_ptr<index::Searcher> searcher_;
  };

  Lease borrow() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<index::Searcher> searcher = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(searcher));
      }
    }
    return Lease(*this, std::make_unique<index::Searcher>(indexPath_));
  }

private:
  void giveBack(std::unique_ptr<index::Searcher> searcher) {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(searcher));
  }

  const std::string indexPath_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<index::Searcher>> idle_;
};

class IndexSearchService : public SearchService {
public:
  explicit IndexSearchService(const std::string& indexPath) : pool_(indexPath) {}

  index::SearchResult search(const index::SearchRequest& request) override {
    SearcherPool::Lease searcher = pool_.borrow();
    return searcher->search(request);
  }

  size_t documentCount() override {
    SearcherPool::Lease searcher = pool_.borrow();
    return searcher->documentCount();
  }

  std::optional<index::Hit> findById(const std::string& id) override {
    SearcherPool::Lease searcher = pool_.borrow();
    return searcher->findById(id);
  }

  // Calls like this one: linked documents (guides, annexes) are left out.
  std::vector<index::Hit> similar(const std::string& id, size_t limit) override {
    SearcherPool::Lease searcher = pool_.borrow();
    std::vector<index::Hit> calls;
    for (index::Hit& hit : searcher->similar(id, limit * 3)) {
      if (hit.record.kind == "document") continue;
      if (calls.size() == limit) break;
      calls.push_back(std::move(hit));
    }
    return calls;
  }

private:
  SearcherPool pool_;
};

} // namespace

std::unique_ptr<SearchService> makeIndexSearchService(const std::string& indexPath) {
  return std::make_unique<IndexSearchService>(indexPath);
}

} // namespace convoca::web
