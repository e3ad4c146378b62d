#include "common/crypto.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace huanxin {
namespace {

TEST(Sha256Hex, MatchesKnownVector) {
  ASSERT_TRUE(InitCrypto());
  // FIPS 180-2 example "abc".
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(KeyedHashHex, IsBlake2b256KeyedAndDependsOnTheKey) {
  ASSERT_TRUE(InitCrypto());
  const std::string key(32, 'k');
  // Python: hashlib.blake2b(b"10.0.0.1", key=b"k" * 32, digest_size=32).hexdigest()
  EXPECT_EQ(KeyedHashHex(key, "10.0.0.1"), "6233095f9a99d112723e42eacf6841969fa77a0b84fe257daffc61f577e9ebdf");
  EXPECT_NE(KeyedHashHex(std::string(32, 'j'), "10.0.0.1"), KeyedHashHex(key, "10.0.0.1"));
  EXPECT_NO_THROW(KeyedHashHex(std::string(16, 'k'), "a"));
  EXPECT_NO_THROW(KeyedHashHex(std::string(64, 'k'), "a"));
  EXPECT_THROW(KeyedHashHex(std::string(15, 'k'), "a"), std::invalid_argument);
  EXPECT_THROW(KeyedHashHex(std::string(65, 'k'), "a"), std::invalid_argument);
}

TEST(RandomHex, HasRequestedLengthAndDiffers) {
  ASSERT_TRUE(InitCrypto());
  auto a = RandomHex(32), b = RandomHex(32);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
}

TEST(Password, Argon2idVerifiesOnlyTheRightPassword) {
  ASSERT_TRUE(InitCrypto());
  auto stored = HashPasswordForTests("Correct#Horse9");
  EXPECT_EQ(stored.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(stored, "Correct#Horse9"));
  EXPECT_FALSE(VerifyPassword(stored, "correct#horse9"));
  EXPECT_FALSE(VerifyPassword("not a hash", "Correct#Horse9"));
}

TEST(ConstantTimeEquals, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace huanxin
