// The door to the disk for file contents: regular files only, bounded in size, never blocking on
// a FIFO swapped in between the check and the read.
#pragma once

#include <filesystem>
#include <string>

namespace mise_audit {

enum class ReadStatus { Ok, Missing, NotRegular, Unreadable, TooLarge };

// Reads a regular file into `out`; otherwise says why in `why` ("is a FIFO (named pipe), …").
ReadStatus read_regular_file(const std::filesystem::path& p, std::string& out, std::string& why);

}  // namespace mise_audit
