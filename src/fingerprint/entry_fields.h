// The one table of database fields: key, where the field lives in an Entry,
// how its values read and print, and which noise it is prone to. Parsing,
// printing, learning and matching all walk this table, so a new feature is
// one line here (plus its Features -> Entry mapping in observation.cpp).
// Internal to the fingerprint library.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "zeroscan/fingerprint/entry.h"

namespace zeroscan::fingerprint {

template <class T>
struct Codec {
  std::optional<T> (*parse)(std::string_view text);
  std::string (*format)(const T& value);
  // How many values the field can take, for the matcher's "some value we
  // have never seen" share of probability.
  double domain_size;
};

// A chain of member pointers: FieldPath<&Entry::syn_ack, &SynAckExpectation::mss>.
template <auto... Path>
struct FieldPath {
  template <class E>
  static auto& in(E& entry) {
    return (entry.*....*Path);
  }
};

// Which noise a field suffers from; MatcherOptions gives each a probability.
enum class FieldNoise { Ttl, Window, Options, Mss, Other };

extern const Codec<std::uint8_t> kTtlCodec;
extern const Codec<std::uint8_t> kByteCodec;
extern const Codec<std::uint16_t> kNumberCodec;
extern const Codec<bool> kYesNoCodec;
extern const Codec<bool> kZeroCodec;       // true = "zero"
extern const Codec<bool> kNonzeroCodec;    // true = "nonzero" (fields named *_nonzero)
extern const Codec<bool> kRstFlagsCodec;   // true = "rst-ack"
extern const Codec<bool> kAdvancedCodec;   // true = "advanced"
extern const Codec<WindowValue> kWindowCodec;
extern const Codec<std::string> kOptionsCodec;
extern const Codec<Port0Answer> kPort0Codec;
extern const Codec<GiveUp> kGiveUpCodec;
extern const Codec<IpIdClass> kIpIdClassCodec;

// visit(key, FieldPath<...>{}, codec, noise) for every distribution field,
// in the order the text format prints them.
template <class Visitor>
void for_each_field(Visitor&& visit) {
  using E = Entry;
  using S = SynAckExpectation;
  using R = RstExpectation;
  using P = Port0Expectation;
  using X = RetransmissionExpectation;
  visit("ttl", FieldPath<&E::syn_ack, &S::initial_ttl>{}, kTtlCodec, FieldNoise::Ttl);
  visit("df", FieldPath<&E::syn_ack, &S::df>{}, kYesNoCodec, FieldNoise::Other);
  visit("ipid", FieldPath<&E::syn_ack, &S::ip_id_zero>{}, kZeroCodec, FieldNoise::Other);
  visit("window", FieldPath<&E::syn_ack, &S::window>{}, kWindowCodec, FieldNoise::Window);
  visit("options", FieldPath<&E::syn_ack, &S::options>{}, kOptionsCodec, FieldNoise::Options);
  visit("mss", FieldPath<&E::syn_ack, &S::mss>{}, kNumberCodec, FieldNoise::Mss);
  visit("wscale", FieldPath<&E::syn_ack, &S::wscale>{}, kByteCodec, FieldNoise::Other);
  visit("tsecho", FieldPath<&E::syn_ack, &S::timestamp_echo>{}, kYesNoCodec, FieldNoise::Other);
  visit("tsval", FieldPath<&E::syn_ack, &S::tsval_zero>{}, kZeroCodec, FieldNoise::Other);
  visit("ipid.class", FieldPath<&E::ip_id_class>{}, kIpIdClassCodec, FieldNoise::Other);
  visit("synrst.flags", FieldPath<&E::syn_rst, &R::ack_flag>{}, kRstFlagsCodec, FieldNoise::Other);
  visit("synrst.window", FieldPath<&E::syn_rst, &R::window>{}, kNumberCodec, FieldNoise::Other);
  visit("synrst.ack", FieldPath<&E::syn_rst, &R::ack_nonzero>{}, kNonzeroCodec, FieldNoise::Other);
  visit("synrst.df", FieldPath<&E::syn_rst, &R::df>{}, kYesNoCodec, FieldNoise::Other);
  visit("synrst.ttl", FieldPath<&E::syn_rst, &R::initial_ttl>{}, kTtlCodec, FieldNoise::Ttl);
  visit("synrst.ipid", FieldPath<&E::syn_rst, &R::ip_id_zero>{}, kZeroCodec, FieldNoise::Other);
  visit("ackrst.flags", FieldPath<&E::ack_rst, &R::ack_flag>{}, kRstFlagsCodec, FieldNoise::Other);
  visit("ackrst.window", FieldPath<&E::ack_rst, &R::window>{}, kNumberCodec, FieldNoise::Other);
  visit("ackrst.ack", FieldPath<&E::ack_rst, &R::ack_nonzero>{}, kNonzeroCodec, FieldNoise::Other);
  visit("ackrst.df", FieldPath<&E::ack_rst, &R::df>{}, kYesNoCodec, FieldNoise::Other);
  visit("ackrst.ttl", FieldPath<&E::ack_rst, &R::initial_ttl>{}, kTtlCodec, FieldNoise::Ttl);
  visit("ackrst.ipid", FieldPath<&E::ack_rst, &R::ip_id_zero>{}, kZeroCodec, FieldNoise::Other);
  visit("port0.syn", FieldPath<&E::port0, &P::syn>{}, kPort0Codec, FieldNoise::Other);
  visit("port0.ack", FieldPath<&E::port0, &P::ack>{}, kPort0Codec, FieldNoise::Other);
  visit("giveup", FieldPath<&E::retransmissions, &X::give_up>{}, kGiveUpCodec, FieldNoise::Other);
  visit("giveup.window", FieldPath<&E::retransmissions, &X::give_up_window>{}, kNumberCodec,
        FieldNoise::Other);
  visit("giveup.seq", FieldPath<&E::retransmissions, &X::give_up_seq_advanced>{}, kAdvancedCodec,
        FieldNoise::Other);
}

// The retransmission gaps are not a distribution; they have their own key.
inline constexpr std::string_view kGapsKey = "rto";
inline constexpr std::string_view kSamplesKey = "samples";

std::optional<std::vector<GapExpectation>> parse_gaps(std::string_view text);
std::string format_gaps(const std::vector<GapExpectation>& gaps);

}  // namespace zeroscan::fingerprint
