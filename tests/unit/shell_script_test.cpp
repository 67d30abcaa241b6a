// The shell-script model (src/shell/): commands with words and positions, what joins them, the
// blocks around them, and the `mise run` steps they make.
#include <catch2/catch.hpp>

#include "graph/task_scripts.h"
#include "shell/mise_run.h"
#include "shell/shell_script.h"

using namespace mise_audit;

namespace {
// The task names of every `mise run` step of a script, in order.
std::vector<std::string> tasks_in(std::string_view script) {
  std::vector<std::string> out;
  ShellScript read = read_shell_script(script);
  for (const ScriptRun& r : mise_runs(read))
    for (const MiseRunTask& t : r.run.tasks)
      if (!t.dynamic) out.push_back(t.name);
  return out;
}
}  // namespace

TEST_CASE("shell model: the forms of `mise run`") {
  using S = std::vector<std::string>;
  CHECK(tasks_in("mise run build") == S{"build"});
  CHECK(tasks_in("mise r build --release") == S{"build"});
  CHECK(tasks_in("mise tasks run build") == S{"build"});
  CHECK(tasks_in("mise run lint ::: test --fast ::: 'docs:build'") == S{"lint", "test", "docs:build"});
  CHECK(tasks_in("mise -q run -j 4 --force build") == S{"build"});
  CHECK(tasks_in("set -e; mise run a && mise run b || echo x | mise run c") == S{"a", "b", "c"});
  CHECK(tasks_in("if true; then\n  FOO=1 mise run gen\nfi") == S{"gen"});
  CHECK(tasks_in("mise run \\\n  split") == S{"split"});
  CHECK(tasks_in("cd . && mise run here") == S{"here"});
  CHECK(tasks_in("(cd x && mise run sub); mise run after") == S{"after"});
  CHECK(tasks_in("X=$(cd .. && pwd); mise run after") == S{"after"});
  CHECK(tasks_in("exec mise run last") == S{"last"});
}

TEST_CASE("shell model: what is not a call") {
  CHECK(tasks_in("echo mise run build").empty());
  CHECK(tasks_in("# mise run build").empty());
  CHECK(tasks_in("mise install && mise exec -- run").empty());
  CHECK(tasks_in("mise run \"$TASK\"").empty());
  CHECK(tasks_in("mise run {{arg(name='t')}}").empty());
  CHECK(tasks_in("mise -C other run build").empty());
  CHECK(tasks_in("mise run --cd other build").empty());
  // After a `cd` the `mise run` loads another folder's tasks.
  CHECK(tasks_in("cd x && mise run sub").empty());
  CHECK(tasks_in("cd \"$ROOT\"\nmise run sub").empty());
  CHECK(tasks_in("pushd x; mise run sub").empty());
  CHECK(tasks_in("mise run").empty());
  CHECK(tasks_in("cat <<EOF\nmise run inside-heredoc\nEOF\n").empty());
}

TEST_CASE("shell model: `mise run A B` is A with an argument, `:::` runs tasks in parallel, flags") {
  std::optional<MiseRun> r = read_mise_run(std::vector<std::string>{"mise", "run", "-j", "1", "--force", "a", "b", "--x"});
  REQUIRE(r);
  REQUIRE(r->tasks.size() == 1);
  CHECK(r->tasks[0].name == "a");
  CHECK(r->tasks[0].args == std::vector<std::string>{"b", "--x"});
  CHECK(r->jobs == 1u);
  CHECK(r->force);
  std::optional<MiseRun> p = read_mise_run(std::vector<std::string>{"mise", "run", "a", ":::", "b", "arg", ":::", "c"});
  REQUIRE(p);
  REQUIRE(p->tasks.size() == 3);
  CHECK(p->tasks[1].args == std::vector<std::string>{"arg"});
  CHECK(read_mise_run(std::vector<std::string>{"mise", "-j4", "run", "x"})->tasks.size() == 1);
  CHECK(read_mise_run(std::vector<std::string>{"mise", "run", "-j4", "x"})->jobs == 4u);
  CHECK(read_mise_run(std::vector<std::string>{"mise", "run", "$T"})->tasks[0].dynamic);
}

TEST_CASE("shell model: positions are 0-based lines and 1-based code-point columns of the text") {
  ShellScript s = read_shell_script("echo é\n  mise run 'x:y'\n");
  REQUIRE(s.commands.size() == 2);
  const ShellCommand& c = s.commands[1];
  CHECK(c.word_lines[2] == 1);
  CHECK(c.word_columns[2] == 13);
  ShellScript u = read_shell_script("é; mise run z");
  REQUIRE(u.commands.size() == 2);
  CHECK(u.commands[1].word_columns[2] == 13);
}

TEST_CASE("shell model: joins, guards, exits, blocks") {
  ShellScript s = read_shell_script(
      "set -e\n"
      "[ -f dist/x ] || exit 0\n"
      "if [ -z \"$CI\" ]; then\n  echo local\nelse\n  exit 3\nfi\n"
      "a && b\n"
      "for f in x y; do\n  cp $f out/\ndone\n"
      "(cd sub; export A=1)\n"
      "build() {\n  make all\n}\n"
      "sleep 1 &\n"
      "cat <<'EOF' | tee x\nnot a command\nEOF\n"
      "last\n");
  std::vector<std::string> programs;
  for (const ShellCommand& c : s.commands) programs.push_back(c.words.front());
  CHECK(programs == std::vector<std::string>{"set", "[", "exit", "[", "echo", "exit", "a", "b", "cp", "cd", "export",
                                            "make", "sleep", "cat", "tee", "last"});
  const auto& c = s.commands;
  CHECK(c[1].join == ShellJoin::Or);
  CHECK(c[1].guarded);
  CHECK(c[2].conditional);
  CHECK(c[2].exit_code == 0);
  CHECK(c[3].condition);
  CHECK_FALSE(c[3].conditional);
  CHECK(c[4].conditional);
  CHECK(c[5].exit_code == 3);
  CHECK(c[5].conditional);
  CHECK(c[6].join == ShellJoin::And);
  CHECK_FALSE(c[7].conditional);
  CHECK(c[8].in_loop);
  CHECK(c[8].loop_items == std::vector<std::string>{"x", "y"});
  CHECK(c[9].in_subshell);
  CHECK(c[10].in_subshell);
  CHECK(c[11].in_function);
  CHECK_FALSE(c[12].in_function);
  CHECK(c[12].background);
  CHECK(c[13].join == ShellJoin::Pipe);
  CHECK_FALSE(c[15].in_subshell);
  CHECK_FALSE(c[15].conditional);
  CHECK(c[15].line == 19);
}

TEST_CASE("shell model: which scripts and shells are sh-family") {
  CHECK(is_sh_family_shell("bash -c"));
  CHECK(is_sh_family_shell("/bin/sh -e"));
  CHECK(is_sh_family_shell("/usr/bin/env -S zsh -e"));
  CHECK_FALSE(is_sh_family_shell("python -c"));
  CHECK_FALSE(is_sh_family_shell("node -e"));
  CHECK_FALSE(is_sh_family_shell("pwsh -Command"));
  CHECK(is_shell_script("scripts/x", "#!/usr/bin/env bash\necho"));
  CHECK_FALSE(is_shell_script("scripts/x", "#!/usr/bin/env python3\nprint()"));
  CHECK_FALSE(is_shell_script("scripts/x.py", "print()"));
  CHECK(is_shell_script("scripts/x.sh", "echo"));
}

TEST_CASE("shell model: case branches and subshells end where the shell ends them") {
  ShellScript s = read_shell_script("case \"$1\" in\n  a|b) mise run x ;;\n  *) exit 1 ;;\nesac\n(mise run y)\nz\n");
  std::vector<std::string> programs;
  for (const ShellCommand& c : s.commands) programs.push_back(c.words.front() + (c.words.size() > 2 ? " " + c.words[2] : ""));
  CHECK(programs == std::vector<std::string>{"mise x", "exit", "mise y", "z"});
  REQUIRE(s.commands.size() == 4);
  CHECK(s.commands[0].conditional);
  CHECK(s.commands[1].exit_code == 1);
  CHECK(s.commands[2].in_subshell);
  CHECK_FALSE(s.commands[3].in_subshell);
  CHECK_FALSE(s.commands[3].conditional);
}

TEST_CASE("shell model: bash arrays are data, over several lines too") {
  ShellScript s = read_shell_script(
      "files=(\n  docs/readme.txt  # the (old) readme\n  'a b)'\n  scripts/x.sh\n)\nmore+=(c d)\nfor f in \"${files[@]}\"; do cat \"$f\"; done\n");
  std::vector<std::string> programs;
  for (const ShellCommand& c : s.commands) programs.push_back(c.words.front());
  CHECK(programs == std::vector<std::string>{"cat"});
  REQUIRE(s.commands.size() == 1);
  CHECK(s.commands[0].line == 6);
}

TEST_CASE("shell model: commands inside command and process substitutions") {
  using S = std::vector<std::string>;
  CHECK(tasks_in("x=\"$(mise run current)\"; echo $x") == S{"current"});
  CHECK(tasks_in("while read p; do echo $p; done < <(mise run list --all)") == S{"list"});
  CHECK(tasks_in("p=\"${1:-$(mise run pkg:current)}\"") == S{"pkg:current"});
  CHECK(tasks_in("echo `mise run old`") == S{"old"});
  CHECK(tasks_in("v=$(echo \"$(mise run deep)\")") == S{"deep"});
  CHECK(tasks_in("echo $((1 + 2)) '$(mise run quoted)'").empty());
  ShellScript s = read_shell_script("while read -r f; do\n  echo \"$f\"\ndone < <(find docs/api -name '*.md')\nnext");
  std::vector<std::string> programs;
  for (const ShellCommand& c : s.commands) programs.push_back(c.words.front());
  // `done < <(…)`: the redirect's target is a process substitution, whose command is `find`.
  CHECK(programs == S{"read", "echo", "find", "next"});
  REQUIRE(s.commands.size() == 4);
  const ShellCommand& find = s.commands[2];
  CHECK(find.substituted);
  CHECK(find.in_subshell);
  CHECK(find.background);
  CHECK_FALSE(find.in_loop);
  CHECK(find.word_lines[1] == 2);
  CHECK(find.word_columns[1] == 15);
  CHECK_FALSE(s.commands[3].substituted);
  // The substitution runs before the command around it, inside the same blocks.
  ShellScript t = read_shell_script("if true; then\n  cp \"$(./scripts/pick.sh)\" out/\nfi\ndiff <(sort a) b");
  REQUIRE(t.commands.size() == 5);
  CHECK(t.commands[1].words.front() == "./scripts/pick.sh");
  CHECK(t.commands[1].conditional);
  CHECK(t.commands[2].words.front() == "cp");
  CHECK(t.commands[3].words == S{"sort", "a"});
  CHECK(t.commands[4].words == S{"diff", "<(sort a)", "b"});
  CHECK(t.commands[4].word_dynamic[1]);
}

TEST_CASE("shell model: nested substitutions are bounded") {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "$(echo ";
  ShellScript s = read_shell_script(deep);
  CHECK(s.commands.size() <= 10);
}

TEST_CASE("shell model: the folder a `cd` moved to, when the script says it") {
  auto folders = [](std::string_view script) {
    std::vector<std::string> out;
    for (const ShellCommand& c : read_shell_script(script).commands)
      out.push_back(!c.after_cd ? "-" : c.cd_folder ? *c.cd_folder : "?");
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(folders("cd tests/integration && ./t.sh") == V{"-", "tests/integration"});
  CHECK(folders("cd a\ncd b/c\n./x\ncd ..\n./y") == V{"-", "a", "a/b/c", "a/b/c", "a/b"});
  CHECK(folders("(cd sub && ./x); ./y") == V{"-", "sub", "-"});
  CHECK(folders("cd a; (cd b && ./x); ./y") == V{"-", "a", "a/b", "a"});
  // Only the run knows: a variable, `cd -`, home, a folder above the start, pushd's stack.
  CHECK(folders("cd \"$DIR\" && ./x") == V{"-", "?"});
  CHECK(folders("cd - && ./x") == V{"-", "?"});
  CHECK(folders("cd && ./x") == V{"-", "?"});
  CHECK(folders("cd ../other && ./x") == V{"-", "?"});
  CHECK(folders("pushd sub && ./x") == V{"-", "?"});
  CHECK(folders("cd . && ./x") == V{"-", "-"});
}
