#include "common/crypto.hpp"

#include <gtest/gtest.h>

namespace huanxin {
namespace {

TEST(Sha256Hex, MatchesKnownVector) {
  ASSERT_TRUE(InitCrypto());
  // FIPS 180-2 example "abc".
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
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
