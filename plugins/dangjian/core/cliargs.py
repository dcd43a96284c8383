"""Command-line values checked where argparse reads them, so a bad one is a usage error (exit 2).

Also the one Chinese line for an address a server cannot listen on.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress

from .messages import msg


def split_address(text: str) -> tuple[str, int]:
    """("127.0.0.1", 8000) from "127.0.0.1:8000"; the rules MkDocs' dev_addr follows.

    Raises ValueError for anything else: the host is `localhost` or an IP address (IPv6 in
    brackets), the port 1–65535.
    """
    host, colon, port_text = text.rpartition(":")
    if not colon or not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise ValueError(text)
    if host != "localhost":
        ipaddress.ip_address(host.removeprefix("[").removesuffix("]"))
    return host, int(port_text)


def address(text: str) -> str:
    """argparse type for `-a 主机:端口`."""
    try:
        split_address(text)
    except ValueError:
        raise argparse.ArgumentTypeError(msg("cli_bad_address", value=text)) from None
    return text


def positive_int(text: str) -> int:
    """argparse type for counts such as `search -n`."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(msg("cli_not_positive", value=text))
    return int(text)


_LISTEN_REASONS = {errno.EADDRNOTAVAIL: "listen_no_address", errno.EACCES: "listen_permission"}


def listen_problem(address_text: str, exc: OSError) -> str | None:
    """The Chinese line for a server that cannot listen on `address_text`, or None if the
    error is not about listening."""
    if exc.errno == errno.EADDRINUSE:
        return msg("cli_port_busy", address=address_text)
    if exc.errno in _LISTEN_REASONS:
        reason = msg(_LISTEN_REASONS[exc.errno])
        return msg("cli_cannot_listen", address=address_text, reason=reason)
    return None
