/*
 * dz_money_rmb_upper: 人民币大写 by the People's Bank's rules for filling in
 * bills. The expected words are written here by hand from those rules and
 * their examples (支付结算办法, 附件一 正确填写票据和结算凭证的基本规定),
 * not taken from the code: 零 for zeros inside, one 零 for a run of them,
 * 零 after 元 when 角 is 0 and 分 is not, 整 when there are no 角 or 分,
 * 壹拾 for ten, 万 and 亿 groups, 负 for a negative amount.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "money.h"
#include "tap.h"

static const struct {
	int64_t		 fen;
	const char	*words;
} rows[] = {
	{ 0, "零元整" },
	{ 1, "壹分" },
	{ 5, "伍分" },
	{ 10, "壹角" },
	{ 50, "伍角" },
	{ 55, "伍角伍分" },
	{ 100, "壹元整" },
	{ 150, "壹元伍角" },
	{ 102, "壹元零贰分" },
	{ 1000, "壹拾元整" },
	{ 1500, "壹拾伍元整" },
	{ 2000, "贰拾元整" },
	{ 10100, "壹佰零壹元整" },
	{ 11000, "壹佰壹拾元整" },
	{ 32504, "叁佰贰拾伍元零肆分" },		/* the rules' example */
	{ 140950, "壹仟肆佰零玖元伍角" },		/* the rules' example */
	{ 600714, "陆仟零柒元壹角肆分" },		/* the rules' example */
	{ 168032, "壹仟陆佰捌拾元叁角贰分" },		/* the rules' example (零 left out) */
	{ 1640902, "壹万陆仟肆佰零玖元零贰分" },	/* the rules' example */
	{ 10700053, "壹拾万柒仟元伍角叁分" },		/* the rules' example (零 left out) */
	{ 10001050, "壹拾万零壹拾元伍角" },		/* 100,010.50 */
	{ 1000000, "壹万元整" },
	{ 1010000, "壹万零壹佰元整" },
	{ 1000100, "壹万零壹元整" },
	{ 100000000, "壹佰万元整" },
	{ 100100000, "壹佰万壹仟元整" },
	{ INT64_C(999999999), "玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分" },
	{ INT64_C(9999999999), "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分" },
	/* the 亿 boundary */
	{ INT64_C(10000000000), "壹亿元整" },
	{ INT64_C(10000000001), "壹亿元零壹分" },
	{ INT64_C(10000000100), "壹亿零壹元整" },
	{ INT64_C(10001000000), "壹亿零壹万元整" },
	{ INT64_C(10100000000), "壹亿零壹佰万元整" },
	{ INT64_C(11000000000), "壹亿壹仟万元整" },
	{ INT64_C(100000000000), "壹拾亿元整" },
	{ INT64_C(123456789012), "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分" },
	/* 万亿 */
	{ INT64_C(100000000000000), "壹万亿元整" },
	{ INT64_C(100000001000000), "壹万亿零壹万元整" },
	{ INT64_C(123450000000000), "壹万贰仟叁佰肆拾伍亿元整" },
	{ INT64_C(9999999999999999), "玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分" },
	/* negatives */
	{ -5, "负伍分" },
	{ -1000, "负壹拾元整" },
	{ -958257, "负玖仟伍佰捌拾贰元伍角柒分" },
	{ -INT64_C(10000000000), "负壹亿元整" },
};

int
main(void)
{
	char	 buf[DZ_MONEY_UPPER_BUFSZ], small[10];
	size_t	 i;

	for (i = 0; i < DZ_NELEM(rows); i++) {
		memset(buf, 'x', sizeof(buf));
		is_str(dz_money_rmb_upper(rows[i].fen, buf, sizeof(buf)), rows[i].words,
		    "%lld fen", (long long)rows[i].fen);
	}
	/* Out of range, or a buffer too small: "", never cut words. */
	memset(buf, 'x', sizeof(buf));
	is_str(dz_money_rmb_upper(DZ_MONEY_MAX + 1, buf, sizeof(buf)), "",
	    "past DZ_MONEY_MAX: \"\"");
	memset(buf, 'x', sizeof(buf));
	is_str(dz_money_rmb_upper(INT64_MIN, buf, sizeof(buf)), "", "INT64_MIN: \"\"");
	memset(small, 'x', sizeof(small));
	is_str(dz_money_rmb_upper(140950, small, sizeof(small)), "",
	    "too small a buffer: \"\"");
	/* 零元整 is 9 bytes: a buffer of exactly 10 holds it. */
	is_str(dz_money_rmb_upper(0, small, sizeof(small)), "零元整", "exactly big enough");
	/* The longest amount fits DZ_MONEY_UPPER_BUFSZ with room to spare. */
	ok(strlen(dz_money_rmb_upper(-INT64_C(9999999999999999), buf, sizeof(buf))) > 0 &&
	    strlen(buf) < sizeof(buf) - 1, "the longest amount fits DZ_MONEY_UPPER_BUFSZ (%zu bytes)",
	    strlen(buf));
	return done_testing();
}
