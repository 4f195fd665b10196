#!/usr/bin/python3
"""Verifies the suite's tokens from outside, as a user's Python service would: PyJWT's PyJWKClient
against the gateway's JWKS URL, no shared secret. Exits 0 when every check holds, 1 naming the first
that does not. Needs Debian's python3-jwt and python3-cryptography (run it with /usr/bin/python3: a pyenv
python3 on PATH does not see them).

Environment:
  GATEWAY_URL      the running gateway, e.g. http://localhost:5000 (its JWKS: /.well-known/jwks.json)
  ACCESS_TOKEN     an access token auth-billing issued (a login's accessToken)
  UPSTREAM_TOKEN   optional: the X-Service-Token the gateway sent an upstream
  UPSTREAM_NAME    the aud of UPSTREAM_TOKEN (the upstream's service name), e.g. memory
  JWT_ISSUER, JWT_AUDIENCE   defaults saasgate, saasgate-api
  ME_PATH          a user route of the gateway the forged tokens are sent to; default /api/auth/me

Checks: the access token (and the upstream token) verify from the JWKS alone; the JWKS holds no private or
symmetric member and has a Cache-Control max-age; HS256 signed with the public key as the secret is
refused (by PyJWT pinned to ES256/EdDSA, and by the gateway); a token signed by a key of unknown kid is
refused (by both); a JWKS that cannot be fetched refuses every token, never lets one through.
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid

import jwt
from jwt import PyJWKClient
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

ALGORITHMS = ["ES256", "EdDSA"]


def fail(message):
    print("jwks-check: FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def ok(message):
    print("jwks-check: OK: " + message)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def verify(client, token, audience, issuer):
    """The upstream's whole verification: key by kid from the JWKS, algorithm pinned, aud/iss/exp checked."""
    key = client.get_signing_key_from_jwt(token)
    kwargs = {"algorithms": ALGORITHMS, "audience": audience, "options": {"require": ["exp", "iat"]}}
    if issuer is not None:
        kwargs["issuer"] = issuer
    return jwt.decode(token, key.key, **kwargs)


def refused(client, token, audience, issuer):
    try:
        verify(client, token, audience, issuer)
    except (jwt.PyJWTError, jwt.PyJWKClientError) as ex:
        return type(ex).__name__ + ": " + str(ex)
    return None


def gateway_status(url, token):
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as ex:
        return ex.code


def main():
    gateway = os.environ.get("GATEWAY_URL") or fail("GATEWAY_URL is not set")
    access_token = os.environ.get("ACCESS_TOKEN") or fail("ACCESS_TOKEN is not set")
    issuer = os.environ.get("JWT_ISSUER", "saasgate")
    audience = os.environ.get("JWT_AUDIENCE", "saasgate-api")
    me = gateway.rstrip("/") + os.environ.get("ME_PATH", "/api/auth/me")
    jwks_url = gateway.rstrip("/") + "/.well-known/jwks.json"

    with urllib.request.urlopen(jwks_url, timeout=30) as response:
        cache_control = response.headers.get("Cache-Control", "")
        jwks = json.loads(response.read())
    if "max-age=" not in cache_control:
        fail("the JWKS has no Cache-Control max-age: " + repr(cache_control))
    for key in jwks.get("keys", []):
        secret_members = [member for member in ("d", "k", "p", "q", "dp", "dq", "qi") if member in key]
        if secret_members or key.get("kty") == "oct":
            fail("the JWKS publishes private or symmetric material: kid %s has %s" % (key.get("kid"), secret_members))
    if not jwks.get("keys"):
        fail("the JWKS has no keys")
    ok("JWKS at %s: %d public keys, no private or symmetric member, Cache-Control %s"
       % (jwks_url, len(jwks["keys"]), cache_control))

    client = PyJWKClient(jwks_url)
    claims = verify(client, access_token, audience, issuer)
    ok("access token of user %s verified with PyJWKClient (alg %s, kid %s)"
       % (claims["sub"], jwt.get_unverified_header(access_token)["alg"], jwt.get_unverified_header(access_token)["kid"]))

    upstream_token = os.environ.get("UPSTREAM_TOKEN")
    if upstream_token:
        upstream = os.environ.get("UPSTREAM_NAME") or fail("UPSTREAM_NAME is not set")
        service = verify(client, upstream_token, upstream, "gateway")
        ok("gateway's token to upstream %s verified with PyJWKClient (iss %s, sub %s, alg %s)"
           % (upstream, service["iss"], service.get("sub"), jwt.get_unverified_header(upstream_token)["alg"]))

    # Algorithm confusion: HS256 keyed by the public key, under the real kid, every claim right.
    header = jwt.get_unverified_header(access_token)
    payload = jwt.decode(access_token, options={"verify_signature": False})
    jwk = next(k for k in jwks["keys"] if k["kid"] == header["kid"])
    public_pem = jwt.PyJWK(jwk).key.public_bytes(serialization.Encoding.PEM,
                                                 serialization.PublicFormat.SubjectPublicKeyInfo)
    for secret_name, secret in (("the public key's PEM", public_pem),
                                ("the public JWK's JSON", json.dumps(jwk).encode()),
                                ("the JWKS document", json.dumps(jwks).encode())):
        signing_input = (b64url(json.dumps({"alg": "HS256", "typ": header.get("typ", "at+jwt"), "kid": header["kid"]}).encode())
                         + "." + b64url(json.dumps(payload).encode()))
        forged = signing_input + "." + b64url(hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest())
        why = refused(client, forged, audience, issuer)
        if why is None:
            fail("PyJWT accepted HS256 keyed by " + secret_name)
        status = gateway_status(me, forged)
        if status != 401:
            fail("the gateway answered %s to HS256 keyed by %s (expected 401)" % (status, secret_name))
    ok("HS256 signed with the public key as the secret: refused by PyJWT (%s) and by the gateway (401)" % why)

    # A key nobody published, under a kid nobody knows.
    stranger = ec.generate_private_key(ec.SECP256R1())
    now = int(time.time())
    forged = jwt.encode(dict(payload, iat=now, exp=now + 300, jti=str(uuid.uuid4())), stranger, algorithm="ES256",
                        headers={"kid": "unknown-" + uuid.uuid4().hex, "typ": header.get("typ", "at+jwt")})
    why = refused(client, forged, audience, issuer)
    if why is None:
        fail("PyJWKClient accepted a token of an unknown kid")
    status = gateway_status(me, forged)
    if status != 401:
        fail("the gateway answered %s to a token of an unknown kid (expected 401)" % status)
    # The same key under the real kid: the signature does not verify.
    forged_under_real_kid = jwt.encode(dict(payload, iat=now, exp=now + 300), stranger, algorithm="ES256",
                                       headers={"kid": header["kid"], "typ": header.get("typ", "at+jwt")})
    if refused(client, forged_under_real_kid, audience, issuer) is None:
        fail("PyJWT accepted a token signed by a stranger under the real kid")
    if gateway_status(me, forged_under_real_kid) != 401:
        fail("the gateway accepted a token signed by a stranger under the real kid")
    ok("tokens of an unknown key (unknown kid, or the real kid): refused by PyJWKClient (%s) and by the gateway (401)" % why)

    # The JWKS cannot be fetched: nothing verifies, the real token included.
    unreachable = PyJWKClient("http://127.0.0.1:9/.well-known/jwks.json")
    why = refused(unreachable, access_token, audience, issuer)
    if why is None:
        fail("a token was accepted although the JWKS could not be fetched")
    ok("JWKS fetch failure: the genuine token is refused, not let through (%s)" % why)
    print("jwks-check: OK: every check passed")


if __name__ == "__main__":
    main()
