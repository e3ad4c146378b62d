# Writes a C++ source that embeds every migration file (run at configure time by src/store).
# Inputs: MIGRATION_DIR, OUTPUT.
file(GLOB files RELATIVE ${MIGRATION_DIR} ${MIGRATION_DIR}/*.sql)
list(SORT files)
set(body "")
foreach(f ${files})
  string(REGEX MATCH "^([0-9]+)_(.*)\\.sql$" _ ${f})
  set(version ${CMAKE_MATCH_1})
  string(REGEX REPLACE "^0+" "" version_num ${version})
  file(READ ${MIGRATION_DIR}/${f} sql)
  string(APPEND body "    {${version_num}, \"${CMAKE_MATCH_2}\", R\"hxsql(${sql})hxsql\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "// Generated from src/store/migrations by cmake/embed_migrations.cmake. Do not edit.
#include \"store/migrations.hpp\"
namespace huanxin::store {
const std::vector<Migration>& EmbeddedMigrations() {
  static const std::vector<Migration> kMigrations = {
${body}  };
  return kMigrations;
}
}  // namespace huanxin::store
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
