#include "request_body.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/MultipartWriter.h>
#include <Poco/Net/StringPartSource.h>
#include <sstream>

namespace convoca::http::detail {

EncodedBody encodeRequestBody(const Request& request) {
  if (request.parts.empty()) return {request.body, request.contentType};

  Poco::Net::HTMLForm form;
  form.setEncoding(Poco::Net::HTMLForm::ENCODING_MULTIPART);
  for (const Part& part : request.parts) {
    const std::string type = part.contentType.empty() ? "text/plain" : part.contentType;
    form.addPart(part.name, new Poco::Net::StringPartSource(part.data, type)); // the form owns the source
  }
  const std::string boundary = Poco::Net::MultipartWriter::createBoundary();
  std::ostringstream bytes;
  form.write(bytes, boundary);
  return {bytes.str(), "multipart/form-data; boundary=" + boundary};
}

} // namespace convoca::http::detail
