#include "convoca/index/csv_reader.h"

#include <stdexcept>

namespace convoca::index {
namespace {

class CsvParser {
public:
  CsvParser(const std::string& text, const std::string& origin, char delimiter)
      : text_(text), origin_(origin), delimiter_(delimiter) {}

  std::vector<CsvRow> parse() {
    std::vector<CsvRow> rows;
    while (position_ < text_.size()) {
      CsvRow row = record();
      const bool blankLine = row.size() == 1 && row.front().empty();
      if (!blankLine) rows.push_back(std::move(row));
    }
    return rows;
  }

private:
  CsvRow record() {
    CsvRow row;
    while (true) {
      row.push_back(peek() == '"' ? quotedField() : plainField());
      if (position_ >= text_.size()) return row;
      const char separator = text_[position_++];
      if (separator == delimiter_) continue;
      if (separator == '\r' && peek() == '\n') ++position_;
      ++line_;
      return row;
    }
  }

  char peek() const { return position_ < text_.size() ? text_[position_] : '\0'; }

  std::string plainField() {
    const size_t start = position_;
    while (position_ < text_.size()) {
      const char c = text_[position_];
      if (c == delimiter_ || c == '\n' || c == '\r') break;
      if (c == '"') fail("a quote inside an unquoted field");
      ++position_;
    }
    return text_.substr(start, position_ - start);
  }

  std::string quotedField() {
    const size_t openingLine = line_;
    std::string field;
    ++position_; // the opening quote
    while (true) {
      const size_t quote = text_.find('"', position_);
      if (quote == std::string::npos) {
        line_ = openingLine;
        fail("a quoted field is never closed");
      }
      for (size_t i = position_; i < quote; ++i)
        if (text_[i] == '\n') ++line_;
      field.append(text_, position_, quote - position_);
      position_ = quote + 1;
      if (peek() != '"') break;
      field.push_back('"');
      ++position_;
    }
    const char next = peek();
    if (next != delimiter_ && next != '\n' && next != '\r' && next != '\0')
      fail("characters after a closing quote");
    return field;
  }

  [[noreturn]] void fail(const std::string& reason) const {
    throw std::runtime_error(origin_ + ":" + std::to_string(line_) + ": bad CSV: " + reason);
  }

  const std::string& text_;
  const std::string& origin_;
  const char delimiter_;
  size_t position_ = 0;
  size_t line_ = 1;
};

} // namespace

std::vector<CsvRow> parseCsv(const std::string& text, const std::string& origin, char delimiter) {
  return CsvParser(text, origin, delimiter).parse();
}

} // namespace convoca::index
