#include "convoca/plugin_host/worker_job.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <sstream>
#include <stdexcept>

namespace convoca::plugin_host {
namespace {

using Poco::JSON::Object;

Object::Ptr mapToObject(const std::map<std::string, std::string>& values) {
  Object::Ptr object = new Object;
  for (const auto& [key, value] : values) object->set(key, value);
  return object;
}

std::map<std::string, std::string> objectToMap(const Object::Ptr& object) {
  std::map<std::string, std::string> values;
  if (!object) return values;
  for (const auto& [key, value] : *object) values[key] = value.convert<std::string>();
  return values;
}

WorkerMode modeNamed(const std::string& name) {
  if (name == "describe") return WorkerMode::Describe;
  if (name == "harvest") return WorkerMode::Harvest;
  if (name == "parse") return WorkerMode::Parse;
  throw std::runtime_error("unknown worker mode '" + name + "'");
}

Object::Ptr httpToObject(const http::ClientOptions& h) {
  Object::Ptr o = new Object;
  o->set("user_agent", h.userAgent);
  o->set("connect_timeout_ms", h.connectTimeoutMs);
  o->set("read_timeout_ms", h.readTimeoutMs);
  o->set("max_retries", h.maxRetries);
  o->set("backoff_base_ms", h.backoffBaseMs);
  o->set("backoff_max_ms", h.backoffMaxMs);
  o->set("retry_after_max_sec", h.retryAfterMaxSec);
  o->set("per_host_min_interval_sec", h.perHostMinIntervalSec);
  o->set("max_response_bytes", static_cast<Poco::UInt64>(h.maxResponseBytes));
  o->set("max_redirects", h.maxRedirects);
  o->set("obey_robots", h.obeyRobots);
  o->set("cache_dir", h.cacheDir);
  o->set("record_dir", h.recordDir);
  o->set("replay_dir", h.replayDir);
  return o;
}

http::ClientOptions httpFromObject(const Object::Ptr& o) {
  http::ClientOptions h;
  if (!o) return h;
  h.userAgent = o->optValue<std::string>("user_agent", h.userAgent);
  h.connectTimeoutMs = o->optValue<int>("connect_timeout_ms", h.connectTimeoutMs);
  h.readTimeoutMs = o->optValue<int>("read_timeout_ms", h.readTimeoutMs);
  h.maxRetries = o->optValue<int>("max_retries", h.maxRetries);
  h.backoffBaseMs = o->optValue<int>("backoff_base_ms", h.backoffBaseMs);
  h.backoffMaxMs = o->optValue<int>("backoff_max_ms", h.backoffMaxMs);
  h.retryAfterMaxSec = o->optValue<int>("retry_after_max_sec", h.retryAfterMaxSec);
  h.perHostMinIntervalSec = o->optValue<double>("per_host_min_interval_sec", h.perHostMinIntervalSec);
  h.maxResponseBytes = o->optValue<Poco::UInt64>("max_response_bytes", h.maxResponseBytes);
  h.maxRedirects = o->optValue<int>("max_redirects", h.maxRedirects);
  h.obeyRobots = o->optValue<bool>("obey_robots", h.obeyRobots);
  h.cacheDir = o->optValue<std::string>("cache_dir", "");
  h.recordDir = o->optValue<std::string>("record_dir", "");
  h.replayDir = o->optValue<std::string>("replay_dir", "");
  return h;
}

} // namespace

const char* workerModeName(WorkerMode mode) {
  switch (mode) {
  case WorkerMode::Describe:
    return "describe";
  case WorkerMode::Harvest:
    return "harvest";
  case WorkerMode::Parse:
    return "parse";
  }
  return "?";
}

std::string workerJobToJson(const WorkerJob& job) {
  Object o;
  o.set("mode", std::string(workerModeName(job.mode)));
  o.set("plugin", job.pluginPath);
  Poco::JSON::Array::Ptr files = new Poco::JSON::Array;
  for (const auto& f : job.files) files->add(f);
  o.set("files", files);
  o.set("options", mapToObject(job.options));
  o.set("cursors", mapToObject(job.cursors));
  o.set("http", httpToObject(job.http));
  Object::Ptr limits = new Object;
  limits->set("address_space_mb", job.limits.addressSpaceMb);
  limits->set("cpu_seconds", job.limits.cpuSeconds);
  limits->set("open_files", job.limits.openFiles);
  o.set("limits", limits);
  Object::Ptr documents = new Object;
  documents->set("fetch", job.documents.fetch);
  documents->set("per_record", static_cast<Poco::UInt64>(job.documents.perRecord));
  documents->set("max_bytes", static_cast<Poco::UInt64>(job.documents.maxBytes));
  o.set("documents", documents);
  o.set("heartbeat_ms", job.heartbeatMs);
  o.set("stall_ms", job.stallMs);
  o.set("deadline_ms", job.deadlineMs);
  std::ostringstream out;
  o.stringify(out);
  return out.str();
}

WorkerJob workerJobFromJson(const std::string& json) {
  try {
    Object::Ptr o = Poco::JSON::Parser().parse(json).extract<Object::Ptr>();
    WorkerJob job;
    job.mode = modeNamed(o->getValue<std::string>("mode"));
    job.pluginPath = o->getValue<std::string>("plugin");
    if (auto files = o->getArray("files"))
      for (size_t i = 0; i < files->size(); ++i) job.files.push_back(files->getElement<std::string>(i));
    job.options = objectToMap(o->getObject("options"));
    job.cursors = objectToMap(o->getObject("cursors"));
    job.http = httpFromObject(o->getObject("http"));
    if (Object::Ptr limits = o->getObject("limits")) {
      job.limits.addressSpaceMb = limits->optValue<int>("address_space_mb", job.limits.addressSpaceMb);
      job.limits.cpuSeconds = limits->optValue<int>("cpu_seconds", job.limits.cpuSeconds);
      job.limits.openFiles = limits->optValue<int>("open_files", job.limits.openFiles);
    }
    if (Object::Ptr documents = o->getObject("documents")) {
      job.documents.fetch = documents->optValue<bool>("fetch", job.documents.fetch);
      job.documents.perRecord = documents->optValue<Poco::UInt64>("per_record", job.documents.perRecord);
      job.documents.maxBytes = documents->optValue<Poco::UInt64>("max_bytes", job.documents.maxBytes);
    }
    job.heartbeatMs = o->optValue<int>("heartbeat_ms", job.heartbeatMs);
    job.stallMs = o->optValue<int>("stall_ms", job.stallMs);
    job.deadlineMs = o->optValue<int>("deadline_ms", job.deadlineMs);
    return job;
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("malformed worker job: " + e.displayText());
  }
}

} // namespace convoca::plugin_host
