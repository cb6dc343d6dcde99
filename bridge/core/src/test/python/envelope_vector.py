#!/usr/bin/env python3
"""Computes the envelope test vector (docs/secure-groups.md, EnvelopeVectorTest) independently of the Java code.

The auth envelope needs only the standard library; the seal envelope is printed too when the
`cryptography` package is installed. Usage: envelope_vector.py -> lines "name hex".
"""
import hashlib
import hmac
import struct

KEY = bytes(range(32))
SENDER_ID = 0x01020304
EPOCH = 1767225600  # 2026-01-01T00:00:00Z
SEQUENCE = 7
TIMESTAMP = 1767225600123
PAYLOAD = b"hello"


def expand(label):
    """HKDF-Expand (RFC 5869), one block, with the group key as the PRK."""
    return hmac.new(KEY, label + b"\x01", hashlib.sha256).digest()


def header(mode, key_id):
    return b"\xff\x4d\x01" + struct.pack(">BIIIIq", mode, key_id, SENDER_ID, EPOCH, SEQUENCE, TIMESTAMP)


key_id = struct.unpack(">I", hashlib.sha256(b"multicast key id" + KEY).digest()[:4])[0]
print("key-id %08x" % key_id)
print("auth-key " + expand(b"multicast auth").hex())
print("seal-key " + expand(b"multicast seal").hex())

signed = header(1, key_id) + PAYLOAD
print("auth " + (signed + hmac.new(expand(b"multicast auth"), signed, hashlib.sha256).digest()).hex())

try:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
except ImportError:
    pass
else:
    aad = header(2, key_id)
    nonce = aad[8:20]
    print("seal " + (aad + AESGCM(expand(b"multicast seal")).encrypt(nonce, PAYLOAD, aad)).hex())

print("seq " + (header(0, 0) + PAYLOAD).hex())
