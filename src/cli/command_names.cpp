#include "cli/command_names.h"

#include <algorithm>
#include <fmt/format.h>

#include "mise_audit/edit_distance.h"

namespace mise_audit {

std::string unknown_command_message(const CLI::App& app, const std::string& word) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({}))
    if (!sub->get_group().empty()) names.push_back(sub->get_name());  // hidden ones are not suggested
  std::sort(names.begin(), names.end());
  std::optional<std::string> match = closest_match(word, names);
  if (!match) return "";
  return fmt::format("unknown command `{}` (did you mean `{}`?)", word, *match);
}

bool help_text(const CLI::App& app, const std::string& command, std::string& text) {
  // app.help() would describe the selected subcommand: `help` itself.
  if (command.empty()) {
    text = app.get_formatter()->make_help(&app, "", CLI::AppFormatMode::Normal);
    return true;
  }
  for (const CLI::App* sub : app.get_subcommands({}))
    if (sub->get_name() == command && !sub->get_group().empty()) {
      text = sub->help();
      return true;
    }
  text = unknown_command_message(app, command);
  if (text.empty()) text = fmt::format("unknown command `{}`", command);
  return false;
}

std::string unknown_flag_hint(const CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> flags;
  std::vector<const CLI::App*> apps{&app};
  for (const CLI::App* sub : app.get_subcommands({})) apps.push_back(sub);
  for (const CLI::App* a : apps)
    for (const CLI::Option* o : a->get_options())
      for (const std::string& name : o->get_lnames()) flags.push_back("--" + name);
  std::sort(flags.begin(), flags.end());
  flags.erase(std::unique(flags.begin(), flags.end()), flags.end());
  for (const std::string& arg : args) {
    if (arg == "--") break;
    if (arg.rfind("--", 0) != 0) continue;
    std::string flag = arg.substr(0, arg.find('='));
    if (std::binary_search(flags.begin(), flags.end(), flag)) continue;
    if (std::optional<std::string> match = closest_match(flag, flags)) return fmt::format("did you mean `{}`?", *match);
  }
  return "";
}

}  // namespace mise_audit
