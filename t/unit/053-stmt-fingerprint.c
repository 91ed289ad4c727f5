/*
 * 053-stmt-fingerprint: the snapshot fingerprint is stable (same content,
 * any row order, same digest; the exact serialization is pinned) and
 * sensitive (any one field changed, the digest changes).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "stmt.h"
#include "tap.h"

static const struct dz_stmt_line lines0[] = {
	{ 1, "P001", "联想 ThinkPad E14", "台", 20000, 45000000, 900000 },
	{ 2, "P002", "鼠标", "个", 100000, 250000, 25000 },
};
static const struct dz_stmt_line lines1[] = {
	{ 1, "P002", "鼠标", "个", 10000, 250000, 2500 },
};
static const struct dz_stmt_doc docs0[] = {
	{ 1001, DZ_DOC_SALE, "XS-2024-05-0001", "2024-05-03", "五月订货", 925000,
	  lines0, 2 },
	{ 1007, DZ_DOC_RETURN, "XT-2024-05-0001", "2024-05-09", "退一个鼠标", -2500,
	  lines1, 1 },
	{ 1010, DZ_DOC_RECEIPT, "SK-2024-05-0003", "2024-05-20", NULL, -500000,
	  NULL, 0 },
};

/* Mutable copies the tests change one field at a time. */
static struct dz_stmt_line	 L0[2], L1[1];
static struct dz_stmt_doc	 D[3];
static struct dz_stmt_snapshot	 S;

static void
reset(void)
{
	memcpy(L0, lines0, sizeof(L0));
	memcpy(L1, lines1, sizeof(L1));
	memcpy(D, docs0, sizeof(D));
	D[0].lines = L0;
	D[1].lines = L1;
	memset(&S, 0, sizeof(S));
	S.account_set_id = 7;
	S.customer_id = "0000100003";
	S.customer_code = "KH003";
	S.customer_name = "联想（北京）有限公司";
	S.period_from = "2024-05-01";
	S.period_to = "2024-05-31";
	dz_stmt_totals_init(&S.totals, 100000);
	dz_stmt_totals_add(&S.totals, DZ_DOC_SALE, 925000);
	dz_stmt_totals_add(&S.totals, DZ_DOC_RETURN, -2500);
	dz_stmt_totals_add(&S.totals, DZ_DOC_RECEIPT, -500000);
	S.docs = D;
	S.ndocs = 3;
}

/* Change field k of the fixture; 0 when k is past the last field. */
static int
mutate(int k)
{
	switch (k) {
	case 0: S.account_set_id = 8; break;
	case 1: S.customer_id = "0000100004"; break;
	case 2: S.customer_code = "KH004"; break;
	case 3: S.customer_name = "联想（上海）有限公司"; break;
	case 4: S.period_from = "2024-05-02"; break;
	case 5: S.period_to = "2024-06-30"; break;
	case 6: S.totals.opening++; break;
	case 7: S.totals.sales++; break;
	case 8: S.totals.returns--; break;
	case 9: S.totals.receipts--; break;
	case 10: S.totals.other = 1; break;
	case 11: S.totals.closing++; break;
	case 12: S.totals.count++; break;
	case 13: S.ndocs = 2; break;
	case 14: D[0].vchcode = 1002; break;
	case 15: D[0].type = DZ_DOC_AR_INC; break;
	case 16: D[0].number = "XS-2024-05-0002"; break;
	case 17: D[0].date = "2024-05-04"; break;
	case 18: D[0].summary = "五月订货 "; break;
	case 19: D[2].summary = "-"; break;
	case 20: D[0].amount = 925001; break;
	case 21: D[0].nlines = 1; break;
	case 22: L0[1].seq = 3; break;
	case 23: L0[0].product_code = "P003"; break;
	case 24: L0[0].product_name = "联想 ThinkPad E15"; break;
	case 25: L0[0].unit = "套"; break;
	case 26: L0[0].qty = 20001; break;
	case 27: L0[0].price = 45000001; break;
	case 28: L0[0].amount = 900001; break;
	case 29: L1[0].amount = -2500; break;
	case 30: /* the same bytes, moved across a field boundary */
		S.customer_code = "KH003联想";
		S.customer_name = "（北京）有限公司";
		break;
	default: return 0;
	}
	return 1;
}

static void
test_pinned(void)
{
	static const struct dz_stmt_line l = { 1, "P1", "笔", "支", 30000, 15000, 450 };
	struct dz_stmt_doc	 d = { 42, DZ_DOC_SALE, "X1", "2024-01-02", "s", 450, &l, 1 };
	struct dz_stmt_snapshot	 s = { 1, "001", "C1", "客户", "2024-01-01",
				       "2024-01-31", { 0, 450, 0, 0, 0, 450, 1 }, &d, 1, 0 };
	char			*buf;
	size_t			 len;
	static const char	 want[] =
	    "9:dz-stmt-1,1:1,3:001,2:C1,6:客户,10:2024-01-01,10:2024-01-31,"
	    "1:0,3:450,1:0,1:0,1:0,3:450,1:1,1:1,"
	    "1:D,2:42,4:sale,2:X1,10:2024-01-02,1:s,3:450,1:1,"
	    "1:L,1:1,2:P1,3:笔,3:支,5:30000,5:15000,3:450,";

	is_int(dz_stmt_serialize(&s, &buf, &len), DZ_OK, "serialize");
	ok(len == strlen(want) && memcmp(buf, want, len) == 0,
	    "serialization version 1 is as documented");
	free(buf);
}

int
main(void)
{
	unsigned char	 fp[DZ_STMT_FP_LEN], fp2[DZ_STMT_FP_LEN];
	char		 hex[DZ_STMT_FP_HEXLEN + 1];
	int		 k;
	size_t		 i;

	test_pinned();
	reset();
	is_int(dz_stmt_fingerprint(&S, fp), DZ_OK, "fingerprint");
	dz_stmt_fingerprint(&S, fp2);
	ok(memcmp(fp, fp2, sizeof(fp)) == 0, "same snapshot, same fingerprint");
	is_int(dz_stmt_fingerprint_hex(&S, hex), DZ_OK, "hex");
	ok(strlen(hex) == 64 && strspn(hex, "0123456789abcdef") == 64, "64 hex digits: %s", hex);

	/* Rows in another order, as a store may return them. */
	{
		struct dz_stmt_doc	 tmp = D[0];
		struct dz_stmt_line	 lt = L0[0];

		D[0] = D[2], D[2] = tmp;
		L0[0] = L0[1], L0[1] = lt;
		dz_stmt_fingerprint(&S, fp2);
		ok(memcmp(fp, fp2, sizeof(fp)) == 0, "order of documents and lines ignored");
	}
	reset();
	D[2].summary = "";
	dz_stmt_fingerprint(&S, fp2);
	ok(memcmp(fp, fp2, sizeof(fp)) == 0, "a NULL summary counts as empty");

	for (k = 0; reset(), mutate(k); k++) {
		is_int(dz_stmt_fingerprint(&S, fp2), DZ_OK, "change %d fingerprints", k);
		ok(memcmp(fp, fp2, sizeof(fp)) != 0, "change %d changes the fingerprint", k);
	}
	ok(k == 31, "all %d changes tried", k);

	reset();
	D[2].vchcode = 1001;
	is_int(dz_stmt_fingerprint(&S, fp2), DZ_ERR_INVAL, "two documents, one vchcode");
	reset();
	L0[1].seq = 1;
	is_int(dz_stmt_fingerprint(&S, fp2), DZ_ERR_INVAL, "two lines, one seq");
	reset();
	D[1].type = DZ_DOC__MAX;
	is_int(dz_stmt_fingerprint_hex(&S, hex), DZ_ERR_INVAL, "bad document type");
	is_str(hex, "", "  hex left empty");
	reset();
	D[1].lines = NULL;
	is_int(dz_stmt_fingerprint(&S, fp2), DZ_ERR_INVAL, "lines counted but missing");

	/* Large statement: 1,000 documents of 5 lines each still works. */
	{
		struct dz_stmt_doc	*big = calloc(1000, sizeof(*big));
		struct dz_stmt_line	*bl = calloc(5, sizeof(*bl));

		for (i = 0; i < 5; i++)
			bl[i].seq = (uint32_t)i + 1, bl[i].product_name = "货品";
		for (i = 0; i < 1000; i++) {
			big[i].vchcode = (int64_t)(5000 - i);
			big[i].date = "2024-05-01";
			big[i].lines = bl;
			big[i].nlines = 5;
		}
		S.docs = big;
		S.ndocs = 1000;
		is_int(dz_stmt_fingerprint(&S, fp2), DZ_OK, "1,000 documents");
		free(big);
		free(bl);
	}
	return done_testing();
}
