// Private: "did you mean ...?" for misspelt names.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace crm::internal {

/// Names longer than this get no suggestion.
inline constexpr std::size_t max_suggested_length = 256;

/// The candidate closest to `name` by edit distance when it is close enough to be a
/// likely typo (at most a third of the name's length, at least 1), else "". Time: the
/// candidates' count times at most max_suggested_length squared.
std::string closest_name(std::string_view name, const std::vector<std::string_view>& candidates);

/// " (did you mean 'x'?)" or "" — ready to append to a message.
std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace crm::internal
