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

// Restores the process-wide cost when a test ends.
struct CostGuard {
  PasswordHashCost before = CurrentPasswordHashCost();
  ~CostGuard() { SetPasswordHashCost(before); }
};

TEST(Password, Argon2idVerifiesOnlyTheRightPassword) {
  ASSERT_TRUE(InitCrypto());
  CostGuard guard;
  SetPasswordHashCost(PasswordHashCost::kTestMinimum);
  auto stored = HashPassword("Correct#Horse9");
  EXPECT_EQ(stored.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(stored, "Correct#Horse9"));
  EXPECT_FALSE(VerifyPassword(stored, "correct#horse9"));
  EXPECT_FALSE(VerifyPassword("not a hash", "Correct#Horse9"));
}

TEST(Password, ProductionCostIsTheInteractiveLimitsAndTheTestCostIsOptIn) {
  ASSERT_TRUE(InitCrypto());
  CostGuard guard;
  EXPECT_EQ(CurrentPasswordHashCost(), PasswordHashCost::kInteractive);  // nothing in this process set it
  // libsodium's interactive limits, as the stored string spells them: 64 MiB, 2 passes, 1 lane.
  auto strong = HashPassword("Correct#Horse9");
  EXPECT_EQ(strong.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << strong;
  SetPasswordHashCost(PasswordHashCost::kTestMinimum);
  auto weak = HashPassword("Correct#Horse9");
  EXPECT_EQ(weak.rfind("$argon2id$v=19$m=8,t=1,p=1$", 0), 0u) << weak;
  // A stored hash carries its own cost: both verify under either setting.
  EXPECT_TRUE(VerifyPassword(strong, "Correct#Horse9"));
  SetPasswordHashCost(PasswordHashCost::kInteractive);
  EXPECT_TRUE(VerifyPassword(weak, "Correct#Horse9"));
  EXPECT_FALSE(VerifyPassword(weak, "Correct#Horse0"));
}

TEST(ConstantTimeEquals, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace huanxin
