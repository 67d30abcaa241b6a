// Writing a fixed file: through a symlink to its target (only inside the repository), refused
// when the file changed since it was read, atomically (a temporary file in the same folder,
// then rename) and with the file's permissions kept.
#pragma once

#include <string>

namespace mise_audit {

// "" on success, else why the file was not written.
std::string write_fixed_file(const std::string& path, const std::string& expected_before, const std::string& text,
                             const std::string& repository_root);

}  // namespace mise_audit
