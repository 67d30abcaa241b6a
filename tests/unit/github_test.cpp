// --format github: workflow commands, escaped so user text cannot forge a second command.
#include <catch2/catch.hpp>

#include "cli_run.h"

namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t nl = s.find('\n', start);
    out.push_back(s.substr(start, nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("github format: one workflow command per finding, whole output") {
  cli_run::Scratch s;
  s.file("sub/mise.toml",
         "[tasks.build]\nrun = \"true\" # mise-audit: ignore[unknown-field, unused-supression]\n");
  cli_run::Result r = cli_run::run(s.dir / "sub", {"check", "--no-config", "--format", "github"});
  CHECK(r.status == 1);
  CHECK(r.out ==
        "::warning file=sub/mise.toml,line=2,col=35,endLine=2,endColumn=48,title=unused-suppression::"
        "unused suppression: no `unknown-field` finding here%0Ahelp: remove it from the comment\n"
        "::warning file=sub/mise.toml,line=2,col=50,endLine=2,endColumn=67,title=unused-suppression::"
        "unknown rule `unused-supression` in suppression comment (did you mean `unused-suppression`?)\n");
}

TEST_CASE("github format: a task name with a newline and :: cannot inject a command") {
  cli_run::Scratch s;
  // The task's name holds CR/LF, `::`, `%` and `,`; the unused suppression on its header line
  // is reported with the task in the message's scope and the name in the file path.
  s.file("mise.toml",
         "[tasks.\"x\\n::error file=evil,line=1::injected %0A,\"]  # mise-audit: ignore[unknown-field]\n"
         "run = \"true\"\n");
  s.file("a%,:b/mise.toml", "[tasks.a]\nrun = \"true\"  # mise-audit: ignore[unknown-field]\nbogus = \"\\n::error::forged\"\n");
  cli_run::Result r = cli_run::run(s.dir, {"check", "--no-config", "--format", "github", ".", "a%,:b"});
  INFO(r.out << r.err);
  std::vector<std::string> lines = lines_of(r.out);
  for (const std::string& l : lines) {
    INFO(l);
    CHECK((l.rfind("::warning ", 0) == 0 || l.rfind("::error ", 0) == 0));
    // Exactly one `::` pair opens the command; nothing in the data may start another line.
    CHECK(l.find('\r') == std::string::npos);
  }
  // The name reaches the output, escaped, inside the first command's message.
  CHECK(r.out.find("task `x%0A::error file=evil,line=1::injected %250A,`") != std::string::npos);
  CHECK(r.out.find("\n::error file=evil") == std::string::npos);
  CHECK(r.out.find("::error::forged") == std::string::npos);
  // The path's `%`, `,` and `:` are escaped inside the property.
  CHECK(r.out.find("file=a%25%2C%3Ab/mise.toml,") != std::string::npos);
}
