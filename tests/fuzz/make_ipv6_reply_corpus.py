#!/usr/bin/env python3
"""Writes the seed corpus of the IPv6 reply parser's fuzz target
(tests/fuzz/corpus/ipv6_reply): frames parse_ipv6_reply accepts, each
prefixed by the link selector byte the target reads (0 Ethernet, 1 raw IP,
2 Linux SLL). Addresses are from 2001:2::/48. Checksums are left zero: the
parser does not read them.

Usage: tests/fuzz/make_ipv6_reply_corpus.py tests/fuzz/corpus/ipv6_reply
"""
import ipaddress
import pathlib
import struct
import sys

US = ipaddress.IPv6Address("2001:2::1").packed
TARGET = ipaddress.IPv6Address("2001:2:0:7::80").packed
ROUTER = ipaddress.IPv6Address("2001:2::fffe").packed

ETHERNET, RAW, SLL = 0, 1, 2


def ipv6(src, dst, next_header, payload, hop_limit=57, flow_label=0x12345):
    first_word = 6 << 28 | flow_label
    return struct.pack("!IHBB", first_word, len(payload), next_header, hop_limit) + src + dst + payload


def tcp(src_port, dst_port, seq, ack, flags, options=b""):
    offset = (20 + len(options)) // 4
    return struct.pack("!HHIIBBHHH", src_port, dst_port, seq, ack, offset << 4, flags, 64800, 0, 0) + options


LINUX_SYN_OPTIONS = bytes([2, 4, 0x05, 0xA0, 4, 2, 8, 10, 0, 0, 0, 7, 0, 0, 0, 9, 1, 3, 3, 7])


def extension(next_header, units=0):
    body = bytes([next_header, units, 1, 8 * (units + 1) - 4]) + bytes(8 * (units + 1) - 4)
    return body


def fragment(next_header, offset_units=0, more=True):
    return struct.pack("!BBHI", next_header, 0, offset_units << 3 | int(more), 0xDEADBEEF)


def icmpv6(type_, code, quoted):
    return struct.pack("!BBHI", type_, code, 0, 0) + quoted


def echo(type_, identifier, sequence, payload=b""):
    return struct.pack("!BBHHH", type_, 0, 0, identifier, sequence) + payload


def ethernet(packet):
    return bytes.fromhex("020000000001020000000002") + b"\x86\xdd" + packet


def sll(packet):
    return struct.pack("!HHH8sH", 0, 1, 6, bytes(8), 0x86DD) + packet


def seeds():
    syn_ack = tcp(443, 40001, 0x0A0B0C0D, 0x10203040, 0x12, LINUX_SYN_OPTIONS)
    rst = tcp(22, 40002, 0, 0x10203041, 0x14)
    probe = ipv6(US, TARGET, 6, tcp(40003, 8080, 0x11223344, 0, 0x02, LINUX_SYN_OPTIONS), 64, 0xABCDE)
    yield "eth-synack", ETHERNET, ethernet(ipv6(TARGET, US, 6, syn_ack))
    yield "raw-rstack", RAW, ipv6(TARGET, US, 6, rst)
    yield "sll-synack", SLL, sll(ipv6(TARGET, US, 6, syn_ack))
    yield "eth-extension-chain", ETHERNET, ethernet(
        ipv6(TARGET, US, 0, extension(43) + extension(44) + fragment(60) + extension(6, 1) + syn_ack))
    yield "eth-icmpv6-admin-prohibited", ETHERNET, ethernet(ipv6(ROUTER, US, 58, icmpv6(1, 1, probe)))
    yield "raw-icmpv6-port-unreachable-short", RAW, ipv6(TARGET, US, 58, icmpv6(1, 4, probe[:48]))
    yield "raw-icmpv6-reject-route", RAW, ipv6(ROUTER, US, 58, icmpv6(1, 6, probe))
    yield "eth-icmpv6-time-exceeded", ETHERNET, ethernet(ipv6(ROUTER, US, 58, icmpv6(3, 0, probe)))
    yield "raw-icmpv6-quoted-fragment", RAW, ipv6(
        ROUTER, US, 58, icmpv6(1, 3, probe[:6] + bytes([44]) + probe[7:40] + fragment(6) + probe[40:]))
    echo_request = ipv6(US, TARGET, 58, echo(128, 0xA1B2, 0xC3D4), 64, 0xABCDE)
    yield "eth-icmpv6-echo-reply", ETHERNET, ethernet(ipv6(TARGET, US, 58, echo(129, 0xA1B2, 0xC3D4, b"ping")))
    yield "raw-icmpv6-unreachable-quoting-echo", RAW, ipv6(ROUTER, US, 58, icmpv6(1, 3, echo_request))


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, link, frame in seeds():
        (out / name).write_bytes(bytes([link]) + frame)


if __name__ == "__main__":
    main()
