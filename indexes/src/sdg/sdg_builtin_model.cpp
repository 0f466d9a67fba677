// indexes/data/sdg-model.tsv is assembled into this object file with .incbin, so
// the model travels inside the binary and nothing is read from disk at run time.
// CONVOCA_SDG_MODEL_PATH comes from CMakeLists.txt, which also makes this file
// recompile when the model changes (OBJECT_DEPENDS) and passes the model's
// SHA-256 as a definition, so that ccache, which does not see .incbin inputs,
// never serves an object holding an older model.
#include "sdg_builtin_model.h"

#include <cstddef>

#ifndef CONVOCA_SDG_MODEL_PATH
#error "CONVOCA_SDG_MODEL_PATH must name the model file"
#endif

asm(".section .rodata\n"
    ".global convoca_sdg_model_begin\n"
    ".hidden convoca_sdg_model_begin\n"
    ".type convoca_sdg_model_begin, @object\n"
    "convoca_sdg_model_begin:\n"
    ".incbin \"" CONVOCA_SDG_MODEL_PATH "\"\n"
    ".global convoca_sdg_model_end\n"
    ".hidden convoca_sdg_model_end\n"
    ".type convoca_sdg_model_end, @object\n"
    "convoca_sdg_model_end:\n"
    ".byte 0\n"
    ".previous\n");

extern "C" const char convoca_sdg_model_begin[];
extern "C" const char convoca_sdg_model_end[];

namespace convoca::index::sdg {

std::string_view builtinModelText() {
  return std::string_view(convoca_sdg_model_begin,
                          static_cast<size_t>(convoca_sdg_model_end - convoca_sdg_model_begin));
}

} // namespace convoca::index::sdg
