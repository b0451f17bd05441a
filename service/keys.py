"""The keys of the integration endpoints (`/v1`, `/mcp`): `ARRIMAGE_API_KEYS`, comma-separated.

With no key configured the endpoints are open, like the rest of the read API. A request carries a key as
`Authorization: Bearer <key>` (what every OpenAI client and the MCP clients send); it is compared with
every configured key in constant time, so neither which key matched nor how much of one did shows.
"""

from __future__ import annotations

import hmac

from arrimage.settings import Settings


def keys_required(settings: Settings) -> bool:
    return bool(settings.api_keys)


def key_accepted(settings: Settings, authorization: str | None) -> bool:
    """Whether a request with this Authorization header may use the integration endpoints."""
    if not settings.api_keys:
        return True
    scheme, _, given = (authorization or "").partition(" ")
    offered = given.strip().encode() if scheme.lower() == "bearer" else b""
    matched = False
    for key in settings.api_keys:
        matched |= hmac.compare_digest(offered, key.get_secret_value().encode())
    return matched and bool(offered)
