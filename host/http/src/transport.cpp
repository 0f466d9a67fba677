#include "transport.h"

#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <algorithm>
#include <array>
#include <istream>
#include <memory>
#include <mutex>
#include <sstream>
#include <sys/socket.h>

namespace convoca::http::detail {
namespace {

constexpr std::size_t kReadBlock = 64 * 1024;

// OpenSSL and Poco's SSLManager are process-wide: set them up once, with a
// client context that checks certificates against the system CAs and rejects
// (rather than prompts about) a bad one.
Poco::Net::Context::Ptr tlsClientContext() {
  static std::once_flag once;
  static Poco::Net::Context::Ptr context;
  std::call_once(once, [] {
    Poco::Net::initializeSSL();
    context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                     Poco::Net::Context::VERIFY_RELAXED, 9, true);
    Poco::Net::SSLManager::instance().initializeClient(
        nullptr, new Poco::Net::RejectCertificateHandler(false), context);
  });
  return context;
}

std::unique_ptr<Poco::Net::HTTPClientSession> openSession(const Poco::URI& uri, const WireLimits& limits) {
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  if (uri.getScheme() == "https")
    session =
        std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), tlsClientContext());
  else
    session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
  const Poco::Timespan connect(std::chrono::microseconds(limits.connectTimeout).count());
  const Poco::Timespan read(std::chrono::microseconds(limits.readTimeout).count());
  session->setTimeout(connect, read, read);
  session->setKeepAlive(false);
  return session;
}

Poco::Net::HTTPRequest buildRequest(const WireRequest& wire) {
  Poco::Net::HTTPRequest request(Poco::toUpper(wire.method), requestTargetOf(wire.url),
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : wire.headers) request.add(name, value);
  request.setKeepAlive(false);
  const bool sendsBody = !wire.body.empty() || request.getMethod() == Poco::Net::HTTPRequest::HTTP_POST ||
                         request.getMethod() == Poco::Net::HTTPRequest::HTTP_PUT;
  if (sendsBody) request.setContentLength64(static_cast<Poco::Int64>(wire.body.size()));
  if (sendsBody && !wire.contentType.empty()) request.setContentType(wire.contentType);
  return request;
}

[[noreturn]] void throwTooLarge(const WireRequest& wire, std::size_t limit, const std::string& detail) {
  throw HttpError(ErrorKind::TooLarge, wire.method + " " + wire.url + ": response body " + detail +
                                           " exceeds the " + std::to_string(limit) + "-byte limit");
}

// Appends up to `limit` bytes of `in` to `out`, block by block. Past the limit:
// stops reading (the rest is never buffered) and throws, or truncates.
void readCapped(std::istream& in, std::string& out, const WireRequest& wire, const WireLimits& limits,
                const TransferAbort& abort, const char* what) {
  std::array<char, kReadBlock> block{};
  for (;;) {
    if (abort.aborted()) throw HttpError(ErrorKind::Cancelled, "transfer aborted");
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) return;
    if (out.size() + got > limits.maxBodyBytes) {
      if (!limits.truncateAtLimit) throwTooLarge(wire, limits.maxBodyBytes, what);
      out.append(block.data(), limits.maxBodyBytes - out.size());
      return;
    }
    out.append(block.data(), got);
  }
}

bool hasBody(const WireRequest& wire, int status) {
  return Poco::toUpper(wire.method) != "HEAD" && status >= 200 && status != 204 && status != 304;
}

// Poco's fixed-length stream simply ends when the server closes early; a body
// shorter than announced is a broken transfer, never a success.
void checkComplete(const Poco::Net::HTTPResponse& response, const WireRequest& wire, std::size_t received) {
  if (!response.hasContentLength() || response.getChunkedTransferEncoding()) return;
  const auto announced = static_cast<std::size_t>(response.getContentLength64());
  if (received < announced)
    throw HttpError(ErrorKind::Network, wire.method + " " + wire.url + ": connection closed after " +
                                            std::to_string(received) + " of " + std::to_string(announced) +
                                            " body bytes");
}

// We only ask for gzip, but "deflate" is decoded too (a server may send it anyway).
std::string decodeBody(const std::string& encoding, const std::string& raw, const WireRequest& wire,
                       const WireLimits& limits, const TransferAbort& abort) {
  std::istringstream compressed(raw);
  const auto type =
      encoding == "deflate" ? Poco::InflatingStreamBuf::STREAM_ZLIB : Poco::InflatingStreamBuf::STREAM_GZIP;
  Poco::InflatingInputStream inflater(compressed, type);
  inflater.exceptions(std::ios::badbit);
  std::string decoded;
  readCapped(inflater, decoded, wire, limits, abort, "once decompressed");
  return decoded;
}

Headers endToEndHeaders(const Poco::Net::HTTPResponse& response, bool decoded) {
  Headers headers;
  for (const auto& [name, value] : response) {
    const bool hopByHop = Poco::icompare(name, "Transfer-Encoding") == 0 ||
                          Poco::icompare(name, "Connection") == 0 || Poco::icompare(name, "Keep-Alive") == 0;
    const bool describesEncodedBody = decoded && (Poco::icompare(name, "Content-Encoding") == 0 ||
                                                  Poco::icompare(name, "Content-Length") == 0);
    if (!hopByHop && !describesEncodedBody) headers.emplace_back(name, value);
  }
  return headers;
}

WireResponse performExchange(const WireRequest& wire, const WireLimits& limits, TransferAbort& abort) {
  const Poco::URI uri(wire.url);
  auto session = openSession(uri, limits);
  Poco::Net::HTTPRequest request = buildRequest(wire);
  std::ostream& requestBody = session->sendRequest(request);
  // Published only once connected; detached before the session closes the socket.
  struct Attachment {
    TransferAbort& abort;
    ~Attachment() { abort.detach(); }
  } attachment{abort};
  abort.attach(session->socket().impl()->sockfd());
  requestBody.write(wire.body.data(), static_cast<std::streamsize>(wire.body.size()));
  requestBody.flush();

  Poco::Net::HTTPResponse response;
  std::istream& responseBody = session->receiveResponse(response);
  responseBody.exceptions(std::ios::badbit); // let Poco's timeout/reset exceptions through the istream

  WireResponse answer;
  answer.status = static_cast<int>(response.getStatus());
  const std::string encoding = Poco::toLower(Poco::trim(response.get("Content-Encoding", "")));
  const bool decodes = encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate";
  answer.headers = endToEndHeaders(response, decodes);
  if (!hasBody(wire, answer.status)) return answer;

  if (!limits.truncateAtLimit && response.hasContentLength() &&
      static_cast<std::size_t>(response.getContentLength64()) > limits.maxBodyBytes)
    throwTooLarge(wire, limits.maxBodyBytes,
                  "of " + std::to_string(response.getContentLength64()) + " bytes");

  std::string raw;
  readCapped(responseBody, raw, wire, limits, abort, "as received");
  if (raw.size() < limits.maxBodyBytes) checkComplete(response, wire, raw.size());
  answer.body = decodes ? decodeBody(encoding, raw, wire, limits, abort) : std::move(raw);
  return answer;
}

} // namespace

std::string requestTargetOf(const std::string& url) {
  static const char* hex = "0123456789ABCDEF";
  const std::size_t schemeEnd = url.find("://");
  const std::size_t authorityStart = schemeEnd == std::string::npos ? 0 : schemeEnd + 3;
  const std::size_t targetStart = std::min(url.find_first_of("/?#", authorityStart), url.size());
  const std::size_t targetEnd = std::min(url.find('#', targetStart), url.size());
  std::string target = targetStart < targetEnd && url[targetStart] == '/' ? "" : "/";
  for (std::size_t i = targetStart; i < targetEnd; ++i) {
    const auto octet = static_cast<unsigned char>(url[i]);
    if (octet <= 0x20 || octet >= 0x7f) {
      target += '%';
      target += hex[octet >> 4];
      target += hex[octet & 0x0f];
    } else {
      target += static_cast<char>(octet);
    }
  }
  return target;
}

void TransferAbort::attach(poco_socket_t socket) {
  std::lock_guard<std::mutex> lock(mutex_);
  socket_ = socket;
  if (aborted_) ::shutdown(socket_, SHUT_RDWR);
}

void TransferAbort::detach() {
  std::lock_guard<std::mutex> lock(mutex_);
  socket_ = POCO_INVALID_SOCKET;
}

void TransferAbort::abort() {
  std::lock_guard<std::mutex> lock(mutex_);
  aborted_ = true;
  // shutdown(2), not close(2): the transfer thread still owns the descriptor.
  if (socket_ != POCO_INVALID_SOCKET) ::shutdown(socket_, SHUT_RDWR);
}

bool TransferAbort::aborted() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return aborted_;
}

WireResponse exchangeOnce(const WireRequest& wire, const WireLimits& limits, TransferAbort& abort) {
  const std::string what = Poco::toUpper(wire.method) + " " + wire.url + ": ";
  try {
    return performExchange(wire, limits, abort);
  } catch (const HttpError&) {
    throw;
  } catch (const Poco::TimeoutException& error) {
    throw HttpError(ErrorKind::Timeout, what + "timed out (" + error.displayText() + ")");
  } catch (const Poco::Exception& error) {
    throw HttpError(ErrorKind::Network, what + error.displayText());
  } catch (const std::ios_base::failure& error) {
    throw HttpError(ErrorKind::Network, what + error.what());
  }
}

} // namespace convoca::http::detail
