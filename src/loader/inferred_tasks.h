// Tasks mise infers from a Node workspace's package.json scripts when `task.auto_infer` lists
// "node" (experimental, at a monorepo root only; CONTRIBUTING §11). Nothing is run: manifests
// are read as text.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/disk.h"

namespace mise_audit {

// What --show-files says a package.json was read as.
inline constexpr const char* kInferredFrom = "package.json (task.auto_infer)";

struct InferredTask {
  std::string name;         // node:<package name>#<script>
  std::string alias;        // //<package path>:<script>, the monorepo name of the same task
  std::string description;  // the script's command
  std::string run;          // "<package manager> run <script> --"
  std::size_t manifest = 0;  // index in InferredWorkspace::manifests
};

struct InferredWorkspace {
  // The package.json files the tasks come from: path as mise prints it (`<root>/./package.json`
  // for the root package), folder, text.
  struct Manifest {
    std::filesystem::path path, dir;
    std::string text;
  };
  std::vector<Manifest> manifests;
  std::vector<InferredTask> tasks;
};

// The workspace of the monorepo root `root`: `pnpm-workspace.yaml`, else `workspaces` of the root
// package.json. A member mise cannot read (no package.json, invalid JSON, no "name") makes mise
// infer nothing at all, and so does this. Every read and stat goes through `disk`.
InferredWorkspace infer_node_workspace(const FileSystem& disk, const std::filesystem::path& root, const ReadFence& fence);

}  // namespace mise_audit
