#include "common/crypto.hpp"

#include <sodium.h>

#include <atomic>
#include <stdexcept>

namespace huanxin {

bool InitCrypto() { return sodium_init() >= 0; }

namespace {
std::string ToHex(const unsigned char* data, std::size_t len) {
  std::string out(len * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, len);
  out.resize(len * 2);
  return out;
}

std::string Hash(std::string_view password, unsigned long long ops, std::size_t mem) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id: out of memory");
  }
  return out;
}
}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return ToHex(digest, sizeof digest);
}

std::string KeyedHashHex(std::string_view key, std::string_view message) {
  if (key.size() < crypto_generichash_KEYBYTES_MIN || key.size() > crypto_generichash_KEYBYTES_MAX)
    throw std::invalid_argument("KeyedHashHex: the key must be 16-64 bytes");
  unsigned char digest[crypto_generichash_BYTES];  // 32
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     reinterpret_cast<const unsigned char*>(key.data()), key.size());
  return ToHex(digest, sizeof digest);
}

std::string RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return ToHex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

std::string RandomBase32(std::size_t chars) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string raw(chars, '\0');
  randombytes_buf(raw.data(), raw.size());
  for (auto& c : raw) c = kAlphabet[static_cast<unsigned char>(c) & 31];  // 256 = 8 × 32: unbiased
  return raw;
}

namespace {
std::atomic<PasswordHashCost> g_password_hash_cost{PasswordHashCost::kInteractive};
}  // namespace

void SetPasswordHashCost(PasswordHashCost cost) { g_password_hash_cost.store(cost, std::memory_order_relaxed); }

PasswordHashCost CurrentPasswordHashCost() { return g_password_hash_cost.load(std::memory_order_relaxed); }

std::string HashPassword(std::string_view password) {
  if (CurrentPasswordHashCost() == PasswordHashCost::kTestMinimum)
    return Hash(password, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
  return Hash(password, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

bool VerifyPassword(std::string_view stored, std::string_view password) {
  std::string s(stored);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(s.c_str(), password.data(), password.size()) == 0;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace huanxin
