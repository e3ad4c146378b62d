# Writes a C++ source defining `extern const char* const SYMBOL` with the text of INPUT.
# Inputs: INPUT, OUTPUT, SYMBOL ("ns::name").
file(READ ${INPUT} text)
string(REGEX MATCH "^(.*)::([^:]+)$" _ ${SYMBOL})
file(WRITE ${OUTPUT}.tmp "// Generated from ${INPUT} by cmake/embed_text.cmake. Do not edit.
namespace ${CMAKE_MATCH_1} {
extern const char* const ${CMAKE_MATCH_2};
const char* const ${CMAKE_MATCH_2} = R\"hxtext(${text})hxtext\";
}
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
