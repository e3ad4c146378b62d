#include "core/register/identity.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::reg {
namespace {

// A syntactically valid number built with the check character (no real person).
std::string MakeId(const std::string& first17) { return first17 + IdCheckCharacter(first17); }

TEST(IdNumber, CheckCharacterFollowsGb11643) {
  // Worked example of GB 11643-1999 Annex: 11010519491231002 → X.
  EXPECT_EQ(IdCheckCharacter("11010519491231002"), 'X');
  EXPECT_TRUE(ValidateIdNumber("11010519491231002X"));
  EXPECT_EQ(NormaliseIdNumber(" 11010519491231002x "), "11010519491231002X");
}

TEST(IdNumber, OneDigitOffFailsTheChecksum) {
  auto id = MakeId("36010419650315123");
  ASSERT_TRUE(ValidateIdNumber(id));
  std::string wrong = id;
  wrong[17] = wrong[17] == '0' ? '1' : '0';
  auto r = ValidateIdNumber(wrong);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "register.bad_id_number");
}

TEST(IdNumber, RejectsLengthLettersAndImpossibleDates) {
  EXPECT_FALSE(ValidateIdNumber("36010419650315123"));      // 17
  EXPECT_FALSE(ValidateIdNumber(MakeId("3601041965031512A")));  // letter inside
  EXPECT_FALSE(ValidateIdNumber(MakeId("36010419650230123")));  // 30 February
  EXPECT_FALSE(ValidateIdNumber(MakeId("36010418991231123")));  // before 1900
  EXPECT_TRUE(ValidateIdNumber(MakeId("36010420000229123")));   // 2000 was a leap year
}

TEST(Masking, KeepsFirstAndLastFour) {
  EXPECT_EQ(MaskIdNumber("360104196503151234"), "3601**********1234");
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("0791-88886666"), "079******6666");
  EXPECT_EQ(MaskPhone("12345"), "*****");
}

}  // namespace
}  // namespace huanxin::core::reg
