// nlohmann-json serialisation of Features and MatchResult for the NDJSON
// writer: {"type":"host",...,"os":<MatchResult>,"features":<Features>}.
// Unobserved features are left out rather than written as null.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "zeroscan/fingerprint/features.h"
#include "zeroscan/fingerprint/matcher.h"

namespace zeroscan::fingerprint {

void to_json(nlohmann::json& json, const Features& features);
void to_json(nlohmann::json& json, const MatchResult& result);

}  // namespace zeroscan::fingerprint
