#include "payload_handler.h"

namespace euft {

void PayloadHandler::reset() {
  document_.reset();
  element_.reset();
  frames_.clear();
  streamFrame_ = 0;
  elementDepth_ = 0;
  sawGrantTenderArray_ = false;
  grantTenderCount_ = 0;
}

// {"fundingData":{"GrantTenderObj":[ ... ]}}: an array under key GrantTenderObj
// of the object under key fundingData of the root object.
bool PayloadHandler::opensGrantTenderArray() const {
  return frames_.size() == 2 && !frames_[0].isArray && frames_[0].key == "fundingData" &&
         !frames_[1].isArray && frames_[1].key == "GrantTenderObj";
}

void PayloadHandler::begin(bool isArray) {
  if (elementDepth_ > 0 || atGrantTenderArray()) {
    if (elementDepth_ == 0) element_.reset();
    ++elementDepth_;
    isArray ? element_.startArray() : element_.startObject();
    return;
  }
  const bool streamStarts = isArray && opensGrantTenderArray();
  isArray ? document_.startArray() : document_.startObject();
  frames_.push_back(Frame{isArray, {}});
  if (streamStarts) {
    streamFrame_ = frames_.size();
    sawGrantTenderArray_ = true;
  }
}

void PayloadHandler::end(bool isArray) {
  if (elementDepth_ > 0) {
    isArray ? element_.endArray() : element_.endObject();
    if (--elementDepth_ == 0) deliverElement();
    return;
  }
  if (atGrantTenderArray()) streamFrame_ = 0;
  isArray ? document_.endArray() : document_.endObject();
  if (!frames_.empty()) frames_.pop_back();
}

void PayloadHandler::key(const std::string& k) {
  if (elementDepth_ > 0) {
    element_.key(k);
    return;
  }
  document_.key(k);
  if (!frames_.empty()) frames_.back().key = k;
}

void PayloadHandler::null() {
  scalar([](Poco::JSON::Handler& h) { h.null(); });
}

void PayloadHandler::scalar(const std::function<void(Poco::JSON::Handler&)>& deliver) {
  if (elementDepth_ > 0) {
    deliver(element_);
    return;
  }
  if (atGrantTenderArray()) return; // a bare value among the objects is not a record
  deliver(document_);
}

void PayloadHandler::deliverElement() {
  const Poco::Dynamic::Var element = element_.asVar();
  element_.reset();
  if (element.type() != typeid(Poco::JSON::Object::Ptr)) return;
  ++grantTenderCount_;
  onGrantTender_(*element.extract<Poco::JSON::Object::Ptr>());
}

} // namespace euft
