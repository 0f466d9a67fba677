// A Poco::JSON handler that reads a payload of either kind in one pass and
// never holds grantsTenders.json (about 129 MB) as one document tree: each
// element of fundingData.GrantTenderObj is built alone, handed to a callback
// and dropped. Everything else is built as Poco::JSON::ParseHandler would.
#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <functional>
#include <string>
#include <vector>

namespace euft {

class PayloadHandler : public Poco::JSON::Handler {
public:
  using ElementCallback = std::function<void(const Poco::JSON::Object&)>;

  explicit PayloadHandler(ElementCallback onGrantTender) : onGrantTender_(std::move(onGrantTender)) {}

  // The document without the streamed elements (their array stays, empty).
  Poco::Dynamic::Var asVar() const override { return document_.asVar(); }
  // True once fundingData.GrantTenderObj was seen as an array.
  bool sawGrantTenderArray() const { return sawGrantTenderArray_; }
  size_t grantTenderCount() const { return grantTenderCount_; }

  void reset() override;
  void startObject() override { begin(false); }
  void endObject() override { end(false); }
  void startArray() override { begin(true); }
  void endArray() override { end(true); }
  void key(const std::string& k) override;
  void null() override;
  void value(int v) override {
    scalar([&](Poco::JSON::Handler& h) { h.value(v); });
  }
  void value(unsigned v) override {
    scalar([&](Poco::JSON::Handler& h) { h.value(v); });
  }
  void value(Poco::Int64 v) override {
    scalar([&](Poco::JSON::Handler& h) { h.value(v); });
  }
  void value(Poco::UInt64 v) override {
    scalar([&](Poco::JSON::Handler& h) { h.value(v); });
  }
  void value(const std::string& v) override {
    scalar([&](Poco::JSON::Handler& h) { h.value(v); });
  }
  void value(double v) override {
    scalar([&](Poco::JSON::Handler& h) { h.value(v); });
  }
  void value(bool v) override {
    scalar([&](Poco::JSON::Handler& h) { h.value(v); });
  }

private:
  struct Frame {
    bool isArray = false;
    std::string key; // last key seen in an object
  };

  void begin(bool isArray);
  void end(bool isArray);
  void scalar(const std::function<void(Poco::JSON::Handler&)>& deliver);
  bool opensGrantTenderArray() const;
  bool atGrantTenderArray() const { return streamFrame_ != 0 && frames_.size() == streamFrame_; }
  void deliverElement();

  ElementCallback onGrantTender_;
  Poco::JSON::ParseHandler document_;
  Poco::JSON::ParseHandler element_;
  std::vector<Frame> frames_; // containers of the document (not of the element being built)
  size_t streamFrame_ = 0;    // frames_.size() while inside GrantTenderObj, else 0
  size_t elementDepth_ = 0;   // nesting inside the element being built
  bool sawGrantTenderArray_ = false;
  size_t grantTenderCount_ = 0;
};

} // namespace euft
