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

// The cost HashPassword uses for new hashes, process-wide. kInteractive (the default) is libsodium's
// "interactive" limits: 64 MiB, 2 passes, about 0.25 s of CPU on the target 2-core box (measured
// 2026-12-04). kTestMinimum is libsodium's minimum (8 KiB, 1 pass, 0.1 ms): still argon2id and
// verified the same way, for test servers only (HUANXIN_TEST_WEAK_PASSWORD_HASH, config/README.md),
// where hundreds of logins and new accounts made the password hash 60 % of the API suites' CPU time.
// Stored hashes carry their own cost, so verifying is unaffected by this setting.
enum class PasswordHashCost { kInteractive, kTestMinimum };
void SetPasswordHashCost(PasswordHashCost cost);
PasswordHashCost CurrentPasswordHashCost();

// argon2id hash in libsodium's self-describing string form ("$argon2id$v=19$m=…"), at the current
// cost (above). Throws std::runtime_error if memory cannot be allocated.
std::string HashPassword(std::string_view password);

// True when `password` matches `stored` (constant-time inside libsodium).
bool VerifyPassword(std::string_view stored, std::string_view password);

// Constant-time equality of two strings of equal length (false if lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace huanxin
