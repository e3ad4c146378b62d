// Cryptographic helpers over libsodium: SHA-256, random tokens, argon2id password hashes.
//
// Call InitCrypto() once before any other function (idempotent, thread safe).
#pragma once

#include <string>
#include <string_view>

namespace huanxin {

// Initialises libsodium. Returns false if the library cannot start (no entropy source).
bool InitCrypto();

// Lower-case hex SHA-256 of the bytes.
std::string Sha256Hex(std::string_view bytes);

// Lower-case hex BLAKE2b-256 of `message` keyed with `key` (libsodium crypto_generichash): a value
// that identifies the message to whoever holds the key and to no one else (e.g. a client address
// kept only for a rate limit). `key` must be 16–64 bytes; throws std::invalid_argument otherwise.
std::string KeyedHashHex(std::string_view key, std::string_view message);

// `bytes` random bytes from the OS CSPRNG, as lower-case hex (2 × bytes characters).
std::string RandomHex(std::size_t bytes);

// `chars` random characters of Crockford's base32 alphabet (0-9, A-Z without I, L, O, U): codes
// people read off paper and type (ballot codes, receipts). 5 bits of entropy per character.
std::string RandomBase32(std::size_t chars);

// argon2id hash in libsodium's self-describing string form ("$argon2id$v=19$m=…").
// Cost: the "interactive" limits (64 MiB, 2 passes) — about 0.1 s on the target 2-core box.
// Throws std::runtime_error if memory cannot be allocated.
std::string HashPassword(std::string_view password);

// Cheaper hashing for test fixtures only (still argon2id; minimum limits).
std::string HashPasswordForTests(std::string_view password);

// True when `password` matches `stored` (constant-time inside libsodium).
bool VerifyPassword(std::string_view stored, std::string_view password);

// Constant-time equality of two strings of equal length (false if lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace huanxin
