// The mise release whose behaviour mise-audit models (loading, validation, what it refuses). Shown
// by --version, the JSON and SARIF reports, and pinned by the differential tests.
#pragma once

namespace mise_audit {

inline constexpr const char* kMiseVersion = "2026.9.15";

}  // namespace mise_audit
