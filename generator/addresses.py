"""Whether a customer's phone can open an address: a QR code in the lobby must lead somewhere the phone
reaches over the mobile network. An intranet address behind the bank's firewall would open nothing, and a
QR code that opens nothing is worse than none (the customer concludes the bank's material is broken, or
retries on a look-alike site). So a QR code is drawn only for an address that is public by every sign an
address carries; the decision is said in the build's log either way.

Public means: http or https; a host name with a dot, or a global IP address; no name the DNS keeps for
private networks (.local, .lan, .internal, .home.arpa, …); and no label that conventionally names an
intranet host (intranet, intra, internal, corp, oa). A bank whose public site breaks that last rule can
point `url:` at the public address that forwards to it.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from generator.i18n import _

PRIVATE_SUFFIXES = {"local", "lan", "internal", "intranet", "corp", "home", "localdomain", "localhost", "test",
                    "example", "invalid", "private", "arpa"}  # fmt: skip
INTRANET_LABELS = {"intranet", "intra", "internal", "corp", "oa", "localhost"}


def public_reason(url: str | None) -> str | None:
    """None if a phone on the mobile network can open `url`; otherwise why not, in a few words."""
    if not url:
        return _("site.yaml has no url")
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme not in ("http", "https") or not host:
        return _("{url} is not a web address", url=url)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        return None if address.is_global else _("{host} is a private network address", host=host)
    labels = host.split(".")
    if len(labels) < 2 or labels[-1] in PRIVATE_SUFFIXES:
        return _("{host} is a name only an internal network knows", host=host)
    inner = INTRANET_LABELS.intersection(labels)
    if inner:
        return _("{host} names an intranet host ({label})", host=host, label=sorted(inner)[0])
    return None


def is_public(url: str | None) -> bool:
    return public_reason(url) is None
