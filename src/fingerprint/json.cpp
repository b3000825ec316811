// Features and MatchResult as JSON for the NDJSON writer.
#include "zeroscan/fingerprint/json.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace zeroscan::fingerprint {
namespace {

template <class T>
void put(nlohmann::json& json, const char* key, const std::optional<T>& value) {
  if (value) json[key] = *value;
}

// Three decimals: more would only be noise in a posterior.
double rounded(double score) { return std::round(score * 1000) / 1000; }

nlohmann::json rst_json(const RstFeatures& rst) {
  nlohmann::json out = {{"ttl", rst.ttl},
                        {"initial_ttl", rst.initial_ttl},
                        {"window", rst.window},
                        {"flags", rst.ack_flag ? "rst-ack" : "rst"},
                        {"ack_nonzero", rst.ack_nonzero}};
  put(out, "df", rst.df);
  put(out, "ip_id_zero", rst.ip_id_zero);
  return out;
}

}  // namespace

void to_json(nlohmann::json& json, const Features& features) {
  json = nlohmann::json::object();
  if (const auto& syn_ack = features.syn_ack) {
    nlohmann::json out = {{"ttl", syn_ack->ttl},
                          {"initial_ttl", syn_ack->initial_ttl},
                          {"window", syn_ack->window},
                          {"options", syn_ack->options},
                          {"sack", syn_ack->sack_permitted},
                          {"timestamp", syn_ack->timestamp}};
    put(out, "df", syn_ack->df);
    put(out, "ip_id_zero", syn_ack->ip_id_zero);
    put(out, "window_mss_multiple", syn_ack->window_mss_multiple);
    put(out, "mss", syn_ack->mss);
    put(out, "wscale", syn_ack->wscale);
    put(out, "timestamp_echo", syn_ack->timestamp_echoes_ours);
    put(out, "tsval_zero", syn_ack->timestamp_value_zero);
    json["syn_ack"] = std::move(out);
  }
  if (features.ip_id_class) json["ip_id_class"] = std::string(to_string(*features.ip_id_class));
  if (features.flow_label) json["flow_label"] = std::string(to_string(*features.flow_label));
  if (features.syn_rst) json["syn_rst"] = rst_json(*features.syn_rst);
  if (features.ack_rst) json["ack_rst"] = rst_json(*features.ack_rst);
  if (features.port0_syn || features.port0_ack) {
    nlohmann::json port0 = nlohmann::json::object();
    if (features.port0_syn) port0["syn"] = std::string(to_string(*features.port0_syn));
    if (features.port0_ack) port0["ack"] = std::string(to_string(*features.port0_ack));
    json["port0"] = std::move(port0);
  }
  if (const auto& timing = features.retransmissions) {
    nlohmann::json out = {{"arrivals_s", timing->arrivals_s},
                          {"give_up", std::string(to_string(timing->give_up))}};
    put(out, "give_up_window", timing->give_up_window);
    put(out, "give_up_seq_advanced", timing->give_up_seq_advanced);
    json["retransmissions"] = std::move(out);
  }
}

void to_json(nlohmann::json& json, const MatchResult& result) {
  nlohmann::json alternatives = nlohmann::json::array();
  for (const Candidate& candidate : result.candidates) {
    if (result.known && candidate.label == result.label) continue;
    alternatives.push_back({{"label", candidate.label},
                            {"family", std::string(to_string(candidate.family))},
                            {"score", rounded(candidate.score)}});
  }
  nlohmann::json evidence = nlohmann::json::array();
  for (const Evidence& item : result.evidence) {
    evidence.push_back({{"feature", item.feature}, {"value", item.value},
                        {"log_ratio", rounded(item.log_ratio)}});
  }
  json = {{"family", std::string(to_string(result.family))},
          {"family_score", rounded(result.family_score)},
          {"label", result.label},
          {"score", rounded(result.score)},
          {"device", std::string(to_string(result.device))},
          {"unlisted_score", rounded(result.unlisted_score)},
          {"alternatives", std::move(alternatives)},
          {"evidence", std::move(evidence)},
          {"observed_entry", result.observed_entry}};
}

}  // namespace zeroscan::fingerprint
