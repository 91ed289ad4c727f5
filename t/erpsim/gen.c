/*
 * erpsim-gen: writes an SQLite file holding a 管家婆 account set for erpsim.
 *
 *   erpsim-gen --preset demo|bench --seed S --out FILE [--customers N]
 *     [--products N] [--docs-per-month N] [--years N] [--start YYYY-MM]
 *     [--today YYYY-MM-DD] [--big-docs N] [--big-month YYYY-MM]
 *     [--max-lines N] [--database NAME] [--company NAME]
 *
 * The output depends only on the options: the generator has its own PRNG
 * (xoshiro256** seeded by splitmix64) and reads the clock only when --today
 * is left out. Amounts are computed in integers (fen; prices and quantities
 * in 1/10000) and stored as the decimal value they stand for. The data
 * model and its sign conventions are described in t/erpsim/DATA.md.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "gen-names.h"

static const char gen_schema[] =
#include "gen-schema.h"
;

#define AR_ID		"0000100005"	/* 应收账款 */
#define CASH_ID		"0000100003"	/* 现金 */
#define BANK_ID		"0000100004"	/* 银行存款 */
#define MAX_LINES	8

enum dtype { DT_SALE, DT_RETURN, DT_RECEIPT, DT_ARINC, DT_ARDEC, DT__MAX };

static const int dt_vchtype[DT__MAX] = { 11, 45, 4, 116, 115 };
static const int dt_arsign[DT__MAX] = { 1, -1, -1, 1, -1 };
static const char *const dt_prefix[DT__MAX] = { "XS", "XT", "SK", "YZ", "YJ" };

struct opts {
	const char	*preset;
	const char	*out;
	uint64_t	 seed;
	int		 customers, products, docs_per_month, years, max_lines;
	int		 start_y, start_m;
	int		 today_y, today_m, today_d;
	int		 big_docs, big_y, big_m;
	const char	*database, *company;
};

struct cust {
	char	 typeid[24];
	char	 usercode[16];
	char	 fullname[128];
	char	 name[64];
	int	 region, city, emp;
	int	 disc_bp;		/* line discount, 1/10000 */
	int	 tax;			/* VAT percent on lines */
	int	 first_month;		/* months from start */
	int	 deleted;
	int64_t	 ar00;			/* opening receivable, fen */
	int64_t	 bal;			/* running receivable, fen */
};

struct prod {
	char	 typeid[24];
	int	 tmpl;
	int64_t	 price4;		/* 1/10000 yuan */
	int64_t	 cost4;
};

struct line {
	int	 prod;
	int64_t	 qty4, price4, total, dprice4, dtotal, taxprice4, taxtotal;
	int64_t	 taxsum, cost4, costtotal;
};

struct doc {
	int		 day;		/* days since 1970-01-01 */
	enum dtype	 type;
	int		 draft;
	int64_t		 amount;	/* fen, positive */
	int		 nlines;
	struct line	 lines[MAX_LINES];
	const char	*account;	/* receipts: cash or bank */
	char		 summary[128];
	const char	*comment;
};

struct gen {
	struct opts	 o;
	uint64_t	 s[4];
	sqlite3		*db;
	sqlite3_stmt	*ins_ndx, *ins_sale, *ins_a, *ins_bak;
	struct cust	*cust;
	int		 ncust;
	struct prod	*prod;
	int		 nprod;
	int		 day0, ndays;		/* first day, number of days */
	int		*seq;			/* per day and type: last number */
	int64_t		 vchcode, sale_order, a_order, bak_order;
	long		 ndocs, nposted, ndrafts, nredpairs, nlines;
	long		 ntype[DT__MAX];
};

/* --- PRNG: splitmix64 seeds xoshiro256** ------------------------------ */

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rnd(struct gen *g)
{
	uint64_t *s = g->s;
	uint64_t r = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

/* Uniform in [0, n), n > 0, without modulo bias. */
static uint64_t
rnd_below(struct gen *g, uint64_t n)
{
	uint64_t lim = UINT64_MAX - UINT64_MAX % n, x;

	do
		x = rnd(g);
	while (x >= lim);
	return x % n;
}

/* Uniform in [lo, hi]. */
static int64_t
rnd_range(struct gen *g, int64_t lo, int64_t hi)
{
	return lo + (int64_t)rnd_below(g, (uint64_t)(hi - lo + 1));
}

/* True with probability pct/1000. */
static int
rnd_permille(struct gen *g, int pm)
{
	return (int)rnd_below(g, 1000) < pm;
}

static const char *
pick(struct gen *g, const char *const *list, size_t n)
{
	return list[rnd_below(g, n)];
}

/* --- dates ------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int
days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y += *m <= 2;
}

static void
fmt_date(char buf[16], int day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

static int
month_days(int y, int m)
{
	int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;

	return days_from_civil(ny, nm, 1) - days_from_civil(y, m, 1);
}

/* A DATETIME text with a time in office hours, milliseconds as SQL Server keeps them. */
static void
fmt_datetime(struct gen *g, char buf[40], int day)
{
	static const int ms3[] = { 0, 3, 7 };
	char d[16];
	int h = (int)rnd_range(g, 8, 18), mi = (int)rnd_range(g, 0, 59);
	int s = (int)rnd_range(g, 0, 59);
	int ms = (int)rnd_range(g, 0, 99) * 10 + ms3[rnd_below(g, 3)];

	fmt_date(d, day);
	snprintf(buf, 40, "%s %02d:%02d:%02d.%03d", d, h, mi, s, ms);
}

/* --- small helpers ----------------------------------------------------- */

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("erpsim-gen: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void
sqlcheck(struct gen *g, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		die("%s: %s", what, sqlite3_errmsg(g->db));
}

static void
exec(struct gen *g, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(g->db, sql, NULL, NULL, &err) != SQLITE_OK)
		die("%s: %s", sql, err != NULL ? err : "?");
}

static sqlite3_stmt *
prep(struct gen *g, const char *sql)
{
	sqlite3_stmt *st = NULL;

	sqlcheck(g, sqlite3_prepare_v2(g->db, sql, -1, &st, NULL), sql);
	return st;
}

/* Steps a statement once, checks it and resets it for the next row. */
static void
step(struct gen *g, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE)
		die("insert: %s", sqlite3_errmsg(g->db));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Binds a list of values by type letter: i int, I int64, t text, f fen, q 1/10000, d double, n NULL. */
static void
bindv(struct gen *g, sqlite3_stmt *st, const char *types, ...)
{
	va_list ap;
	int i, rc = SQLITE_OK;

	va_start(ap, types);
	for (i = 0; types[i] != '\0' && rc == SQLITE_OK; i++) {
		switch (types[i]) {
		case 'i':
			rc = sqlite3_bind_int(st, i + 1, va_arg(ap, int));
			break;
		case 'I':
			rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
			break;
		case 't':
			rc = sqlite3_bind_text(st, i + 1, va_arg(ap, const char *),
			    -1, SQLITE_TRANSIENT);
			break;
		case 'f':
			rc = sqlite3_bind_double(st, i + 1,
			    (double)va_arg(ap, int64_t) / 100.0);
			break;
		case 'q':
			rc = sqlite3_bind_double(st, i + 1,
			    (double)va_arg(ap, int64_t) / 10000.0);
			break;
		case 'd':
			rc = sqlite3_bind_double(st, i + 1, va_arg(ap, double));
			break;
		case 'n':
			rc = sqlite3_bind_null(st, i + 1);
			break;
		default:
			die("bindv: bad type %c", types[i]);
		}
	}
	va_end(ap);
	if (rc != SQLITE_OK)
		die("bind %d of %s: %s", i, sqlite3_sql(st), sqlite3_errmsg(g->db));
}

/* Integer division rounding half away from zero. */
static int64_t
div_round(int64_t a, int64_t b)
{
	int64_t q = a / b, r = a % b;

	if (r < 0)
		r = -r;
	if (2 * r >= (b < 0 ? -b : b))
		q += (a < 0) != (b < 0) ? -1 : 1;
	return q;
}

/* --- master data ------------------------------------------------------- */

static void
make_products(struct gen *g)
{
	sqlite3_stmt *st;
	int i, c, *per = calloc(gen_npclasses, sizeof(int));
	char id[24], code[32], full[160], name[64], type[32], bar[16];

	g->prod = calloc((size_t)g->o.products, sizeof(*g->prod));
	if (g->prod == NULL || per == NULL)
		die("out of memory");
	g->nprod = g->o.products;
	st = prep(g, "INSERT INTO Ptype (typeId, ParId, leveal, soncount, sonnum,"
	    " UserCode, FullName, Name, Standard, Type, Area, Unit1, UnitRate1,"
	    " preprice1, preprice2, preprice3, recPrice, barcode, Comment,"
	    " deleted, costmode, Rec, ParRec) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,"
	    "?,?,?,?,?,?,?,?,?,?,?)");
	for (i = 0; i < g->nprod; i++) {
		struct prod *p = &g->prod[i];
		const struct gen_ptmpl *t;
		int64_t fen, sum = 0;
		int k;

		p->tmpl = i < (int)gen_nptmpls ? i :
		    (int)rnd_below(g, gen_nptmpls);
		t = &gen_ptmpls[p->tmpl];
		c = t->pclass;
		per[c]++;
		snprintf(id, sizeof(id), "%05d%05d", c + 1, per[c]);
		snprintf(p->typeid, sizeof(p->typeid), "%s", id);
		snprintf(code, sizeof(code), "%02d%04d", c + 1, per[c]);
		snprintf(type, sizeof(type), "%s-%d", t->model, 100 + i);
		snprintf(full, sizeof(full), "%s%s %s",
		    pick(g, gen_pbrands, gen_npbrands), t->name, type);
		snprintf(name, sizeof(name), "%s%s", t->name, type);
		fen = rnd_range(g, (int64_t)t->lo * 100, (int64_t)t->hi * 100);
		fen = fen / t->step * t->step;
		if (fen <= 0)
			fen = t->step;
		if (t->step >= 1000 && fen > 1000)
			fen -= 100;		/* 3299.00 rather than 3300.00 */
		p->price4 = fen * 100;
		p->cost4 = div_round(p->price4 * rnd_range(g, 72, 90), 100);
		bar[0] = '6';
		bar[1] = '9';
		for (k = 2; k < 12; k++)
			bar[k] = (char)('0' + rnd_below(g, 10));
		for (k = 0; k < 12; k++)
			sum += (bar[k] - '0') * (k % 2 ? 3 : 1);
		bar[12] = (char)('0' + (10 - sum % 10) % 10);
		bar[13] = '\0';
		bindv(g, st, "ttiiitttttttqqqqdttiiii", id, (char[6]){ id[0], id[1],
		    id[2], id[3], id[4], '\0' }, 2, 0, 0, code, full, name,
		    t->standard, type, "", t->unit, (int64_t)10000, p->price4,
		    div_round(p->price4 * 95, 100), div_round(p->price4 * 90, 100),
		    (double)p->cost4 / 10000.0, bar, "", 0, 0,
		    (int)gen_npclasses + i + 1, c + 1);
		step(g, st);
	}
	for (c = 0; c < (int)gen_npclasses; c++) {
		snprintf(id, sizeof(id), "%05d", c + 1);
		snprintf(code, sizeof(code), "%02d", c + 1);
		bindv(g, st, "ttiiitttttttqqqqdttiiii", id, "00000", 1, per[c],
		    per[c], code, gen_pclasses[c], gen_pclasses[c], "", "", "", "",
		    (int64_t)10000, (int64_t)0, (int64_t)0, (int64_t)0, 0.0, "", "",
		    0, 0, c + 1, 0);
		step(g, st);
	}
	sqlite3_finalize(st);
	free(per);
}

static void
make_people(struct gen *g)
{
	sqlite3_stmt *st;
	int i;
	char id[16], code[16], tel[24];

	st = prep(g, "INSERT INTO Employee (typeId, Parid, leveal, soncount,"
	    " sonnum, UserCode, FullName, Name, DtypeID, Tel, deleted, Rec)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
	for (i = 0; i < (int)gen_nemployees; i++) {
		snprintf(id, sizeof(id), "%05d", i + 1);
		snprintf(code, sizeof(code), "%03d", i + 1);
		snprintf(tel, sizeof(tel), "13%09d",
		    (int)rnd_range(g, 100000000, 999999999));
		bindv(g, st, "ttiiitttntii", id, "00000", 1, 0, 0, code,
		    gen_employees[i], gen_employees[i], tel, 0, i + 1);
		step(g, st);
	}
	sqlite3_finalize(st);
	st = prep(g, "INSERT INTO Stock (typeId, parid, leveal, soncount, sonnum,"
	    " UserCode, FullName, Name, Person, Address, deleted, Rec)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
	bindv(g, st, "ttiiitttttii", "00001", "00000", 1, 0, 0, "01", "总仓",
	    "总仓", gen_employees[0], "本公司一楼", 0, 1);
	step(g, st);
	bindv(g, st, "ttiiitttttii", "00002", "00000", 1, 0, 0, "02", "门市仓",
	    "门市仓", gen_employees[1], "本公司门市部", 0, 2);
	step(g, st);
	sqlite3_finalize(st);
}

static void
make_customers(struct gen *g)
{
	int i, nleaf = 0, leaves[16], months = g->o.years * 12;
	unsigned char *used;
	size_t ncombo = gen_ncities * gen_nbrands * gen_ntrades;

	for (i = 0; i < (int)gen_nregions; i++) {
		int j, has = 0;

		for (j = 0; j < (int)gen_nregions; j++)
			has |= gen_regions[j].parent == i;
		if (!has)
			leaves[nleaf++] = i;
	}
	if ((size_t)g->o.customers > ncombo / 2)
		die("--customers: at most %zu", ncombo / 2);
	g->cust = calloc((size_t)g->o.customers, sizeof(*g->cust));
	used = calloc(ncombo, 1);
	if (g->cust == NULL || used == NULL)
		die("out of memory");
	g->ncust = g->o.customers;
	for (i = 0; i < g->ncust; i++) {
		struct cust *c = &g->cust[i];
		size_t city, brand, trade, k;

		if (i == 0) {
			c->city = 0;
			snprintf(c->fullname, sizeof(c->fullname),
			    "联想（北京）有限公司");
			snprintf(c->name, sizeof(c->name), "联想");
		} else {
			do {
				if (i <= nleaf) {
					/* one customer in each leaf class first */
					do
						city = rnd_below(g, gen_ncities);
					while (gen_cities[city].region !=
					    leaves[i - 1]);
				} else
					city = rnd_below(g, gen_ncities);
				brand = rnd_below(g, gen_nbrands);
				trade = rnd_below(g, gen_ntrades);
				k = (city * gen_nbrands + brand) * gen_ntrades +
				    trade;
			} while (used[k]);
			used[k] = 1;
			c->city = (int)city;
			snprintf(c->fullname, sizeof(c->fullname),
			    "%s%s%s有限公司", gen_cities[city].name,
			    gen_brands[brand], gen_trades[trade]);
			snprintf(c->name, sizeof(c->name), "%s%s",
			    gen_cities[city].name, gen_brands[brand]);
		}
		c->region = gen_cities[c->city].region;
		c->emp = (int)rnd_below(g, gen_nemployees);
		c->disc_bp = 10000;
		if (rnd_permille(g, 300)) {
			static const int d[] = { 9800, 9500, 9000 };

			c->disc_bp = d[rnd_below(g, 3)];
		}
		c->tax = rnd_permille(g, 250) ? 13 : 0;
		c->deleted = i > 0 && rnd_permille(g, g->ncust < 100 ? 60 : 10);
		c->first_month = 0;
		if (i > 0 && !c->deleted && rnd_permille(g, 150))
			c->first_month = (int)rnd_range(g, 1, months - 1);
		if (!c->deleted && c->first_month == 0 && rnd_permille(g, 700))
			c->ar00 = rnd_range(g, 5, 5000) * 1000 +
			    (rnd_permille(g, 300) ? rnd_range(g, 1, 999) : 0);
		c->bal = c->ar00;
	}
	free(used);
}

/* The typeId of class r: level-1 classes number among themselves, children extend their parent's. */
static void
region_id(int r, char buf[24])
{
	int p = gen_regions[r].parent, k = 0, j;

	for (j = 0; j <= r; j++)
		k += gen_regions[j].parent == p;
	if (p < 0)
		snprintf(buf, 24, "%05d", k);
	else {
		char pid[24];

		region_id(p, pid);
		snprintf(buf, 24, "%.10s%05d", pid, k);
	}
}

/* Gives every customer its typeId and UserCode (documents refer to them). */
static void
assign_customer_ids(struct gen *g)
{
	int i, seq[16] = { 0 }, width = g->ncust > 900 ? 4 : 3;
	char rid[24];

	for (i = 0; i < g->ncust; i++) {
		struct cust *c = &g->cust[i];

		region_id(c->region, rid);
		seq[c->region]++;
		snprintf(c->typeid, sizeof(c->typeid), "%.10s%05d", rid,
		    seq[c->region]);
		snprintf(c->usercode, sizeof(c->usercode), "%.4s%0*d",
		    gen_regions[c->region].code, width, seq[c->region]);
	}
}

/* Writes the Btype tree: region classes, customers (with their final balances), suppliers. */
static void
write_btype(struct gen *g)
{
	sqlite3_stmt *st;
	int i, r, son[16] = { 0 }, rec = 0, crec[16];
	char id[16][24], tel[160], person[32], mobile[16];
	static const char *const sup[] = {
		"深圳市华强电子器件有限公司", "东莞市立信电子科技有限公司",
		"上海晨阳办公用品有限公司", "杭州星耀数码科技有限公司",
	};

	for (i = 0; i < g->ncust; i++)
		son[g->cust[i].region]++;
	for (r = 0; r < (int)gen_nregions; r++)
		if (gen_regions[r].parent >= 0)
			son[gen_regions[r].parent]++;
	st = prep(g, "INSERT INTO Btype (typeId, parid, leveal, soncount, sonnum,"
	    " UserCode, FullName, Name, Area, TelAndAddress, PostCode, Person,"
	    " Mobile, Comment, ARTotal, APTotal, ARTotal00, APTotal00, deleted,"
	    " Rec, ParRec, isclient, EtypeID, CreateTime)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	for (r = 0; r < (int)gen_nregions; r++) {
		const struct gen_class *rc = &gen_regions[r];
		int p = rc->parent;

		region_id(r, id[r]);
		crec[r] = ++rec;
		bindv(g, st, "ttiiitttttttttffffiiiitt", id[r],
		    p < 0 ? "00000" : id[p], p < 0 ? 1 : 2, son[r], son[r],
		    rc->code, rc->name, rc->name, "", "", "", "", "", "",
		    (int64_t)0, (int64_t)0, (int64_t)0, (int64_t)0, 0, rec,
		    p < 0 ? 0 : crec[p], 0, "", "2020-01-01 00:00:00.000");
		step(g, st);
	}
	for (i = 0; i < g->ncust; i++) {
		struct cust *c = &g->cust[i];
		const struct gen_city *city = &gen_cities[c->city];
		char dt[40];

		r = c->region;
		snprintf(person, sizeof(person), "%s%s",
		    pick(g, gen_surnames, gen_nsurnames),
		    pick(g, gen_given, gen_ngiven));
		snprintf(tel, sizeof(tel), "%s-%d %s市%s%d号", city->areacode,
		    (int)rnd_range(g, 5000000, 8999999) *
		    (strlen(city->areacode) == 3 ? 10 : 1) + (int)rnd_below(g, 10) *
		    (strlen(city->areacode) == 3), city->name,
		    pick(g, gen_roads, gen_nroads), (int)rnd_range(g, 1, 999));
		snprintf(mobile, sizeof(mobile), "13%09d",
		    (int)rnd_range(g, 100000000, 999999999));
		fmt_datetime(g, dt, g->day0 - 400 + (int)rnd_below(g, 300) +
		    c->first_month * 30);
		/* ModifyDbf nets AR and AP into one balance. */
		bindv(g, st, "ttiiitttttttttffffiiiitt", c->typeid, id[r], 
		    gen_regions[r].parent < 0 ? 2 : 3, 0, 0, c->usercode,
		    c->fullname, c->name, city->name, tel, "", person, mobile,
		    c->deleted ? "已停止合作" : "", c->bal > 0 ? c->bal : 0,
		    c->bal < 0 ? -c->bal : 0, c->ar00, (int64_t)0, c->deleted,
		    ++rec, crec[r], 1, "", dt);
		sqlite3_bind_text(st, 23, (char[6]){ '0', '0', '0', '0',
		    (char)('1' + c->emp), '\0' }, -1, SQLITE_TRANSIENT);
		step(g, st);
	}
	for (i = 0, r = 0; i < (int)gen_nregions; i++)
		r += gen_regions[i].parent < 0;
	snprintf(id[0], sizeof(id[0]), "%05d", r + 1);
	bindv(g, st, "ttiiitttttttttffffiiiitt", id[0], "00000", 1, 4, 4, "09",
	    "供应商", "供应商", "", "", "", "", "", "", (int64_t)0, (int64_t)0,
	    (int64_t)0, (int64_t)0, 0, ++rec, 0, 0, "", "2020-01-01 00:00:00.000");
	step(g, st);
	r = rec;
	for (i = 0; i < 4; i++) {
		char sid[48], scode[24];
		int64_t ap = rnd_range(g, 10, 900) * 10000;

		snprintf(sid, sizeof(sid), "%s%05d", id[0], i + 1);
		snprintf(scode, sizeof(scode), "09%03d", i + 1);
		bindv(g, st, "ttiiitttttttttffffiiiitt", sid, id[0], 2, 0, 0,
		    scode, sup[i], sup[i], "", "", "", "", "", "", (int64_t)0, ap,
		    (int64_t)0, ap, 0, ++rec, r, 0, "", "2020-01-01 00:00:00.000");
		step(g, st);
	}
	sqlite3_finalize(st);
}

/* --- documents ---------------------------------------------------------- */

static int64_t
pick_qty4(struct gen *g, const struct prod *p, int small)
{
	const struct gen_ptmpl *t = &gen_ptmpls[p->tmpl];
	int64_t yuan = p->price4 / 10000;

	if (t->halves)
		return rnd_range(g, small ? 10 : 20, small ? 40 : 600) * 5000;
	if (yuan >= 1000)
		return rnd_range(g, 1, small ? 1 : 5) * 10000;
	if (yuan >= 100)
		return rnd_range(g, 1, small ? 3 : 20) * 10000;
	return rnd_range(g, small ? 1 : 5, small ? 10 : 100) * 10000;
}

static void
make_line(struct gen *g, struct cust *c, struct line *l, int small)
{
	const struct prod *p;

	l->prod = (int)rnd_below(g, (uint64_t)g->nprod);
	p = &g->prod[l->prod];
	l->qty4 = pick_qty4(g, p, small);
	l->price4 = p->price4;
	l->total = div_round(l->qty4 * l->price4, 1000000);
	l->dprice4 = div_round(l->price4 * c->disc_bp, 10000);
	l->dtotal = div_round(l->qty4 * l->dprice4, 1000000);
	l->taxprice4 = div_round(l->dprice4 * (100 + c->tax), 100);
	l->taxtotal = div_round(l->dtotal * c->tax, 100);
	l->taxsum = l->dtotal + l->taxtotal;
	l->cost4 = p->cost4;
	l->costtotal = div_round(l->qty4 * l->cost4, 1000000);
}

/* Fills a document of the wanted type, or of another type if the balance does not allow it. */
static void
make_doc(struct gen *g, struct cust *c, struct doc *d, int big)
{
	int w = (int)rnd_below(g, 100), i, m, y, dd;
	int64_t amt;

	d->nlines = 0;
	d->account = NULL;
	d->comment = "";
	d->summary[0] = '\0';
	d->draft = rnd_permille(g, 20);
	d->type = w < 58 ? DT_SALE : w < 84 ? DT_RECEIPT : w < 92 ? DT_RETURN :
	    w < 96 ? DT_ARINC : DT_ARDEC;
	if (d->type == DT_RECEIPT) {
		amt = c->bal * rnd_range(g, 40, 100) / 100 / 1000 * 1000;
		if (amt < 10000)
			d->type = DT_SALE;
		else {
			civil_from_days(d->day, &y, &m, &dd);
			d->amount = amt;
			if (rnd_permille(g, 150)) {
				d->account = CASH_ID;
				snprintf(d->summary, sizeof(d->summary), "现金收款");
			} else {
				d->account = BANK_ID;
				snprintf(d->summary, sizeof(d->summary),
				    "收到%d月货款", m == 1 ? 12 : m - 1);
			}
			return;
		}
	}
	if (d->type == DT_ARDEC) {
		amt = rnd_range(g, 50, 800) * 100;
		if (amt > c->bal)
			d->type = DT_SALE;
		else {
			d->amount = amt;
			snprintf(d->summary, sizeof(d->summary), "%s",
			    pick(g, gen_ardec_summaries, gen_nardec_summaries));
			return;
		}
	}
	if (d->type == DT_ARINC) {
		d->amount = rnd_range(g, 20, 500) * 100;
		snprintf(d->summary, sizeof(d->summary), "%s",
		    pick(g, gen_arinc_summaries, gen_narinc_summaries));
		return;
	}
	if (d->type == DT_RETURN) {
		d->nlines = (int)rnd_range(g, 1, 2);
		for (i = 0, amt = 0; i < d->nlines; i++) {
			make_line(g, c, &d->lines[i], 1);
			amt += d->lines[i].taxsum;
		}
		if (amt <= c->bal && amt > 0) {
			d->amount = amt;
			snprintf(d->summary, sizeof(d->summary), "%s",
			    pick(g, gen_return_summaries, gen_nreturn_summaries));
			return;
		}
		d->type = DT_SALE;
	}
	d->nlines = (int)rnd_range(g, 1, big ? 2 : g->o.max_lines);
	for (i = 0, amt = 0; i < d->nlines; i++) {
		make_line(g, c, &d->lines[i], 0);
		amt += d->lines[i].taxsum;
	}
	d->amount = amt;
	snprintf(d->summary, sizeof(d->summary), "%s",
	    pick(g, gen_sale_summaries, gen_nsale_summaries));
	if (rnd_permille(g, 80))
		d->comment = c->tax ? "发票已开" : "含运费";
}

/*
 * Writes one document. red: 0 ordinary, 1 the original of a voided pair,
 * 2 its red reversal (same date and number, everything negated).
 */
static void
write_doc(struct gen *g, struct cust *c, struct doc *d, int red)
{
	char date[16], gdate[16], num[48], save[40], summary[160];
	int y, m, dd, i, vt = dt_vchtype[d->type], *seq;
	int64_t neg = red == 2 ? -1 : 1, code = ++g->vchcode;
	int64_t lsign = (d->type == DT_SALE ? -1 : 1) * neg;
	const char *emp = (char[6]){ '0', '0', '0', '0', (char)('1' + c->emp),
	    '\0' };

	fmt_date(date, d->day);
	fmt_date(gdate, d->day + 30);
	civil_from_days(d->day, &y, &m, &dd);
	seq = &g->seq[(d->day - g->day0) * DT__MAX + (int)d->type];
	if (red != 2)
		++*seq;
	snprintf(num, sizeof(num), "%s-%04d%02d%02d-%05d", dt_prefix[d->type],
	    y, m, dd, *seq);
	snprintf(summary, sizeof(summary), "%s%s", d->summary,
	    red == 2 ? "(红字反冲)" : "");
	fmt_datetime(g, save, d->day);
	bindv(g, g->ins_ndx, "Ittittttttifditttiitit", code, date, num, vt,
	    summary, d->comment, c->typeid, emp, "00001", c->typeid,
	    (int)rnd_range(g, 1, 3), d->amount * neg,
	    1.0, d->draft ? 1 : 2, red == 2 ? "T" : "F",
	    red ? "T" : "F", d->draft ? "F" : "T", d->draft ? 0 : m, y,
	    gdate, 0, save);
	step(g, g->ins_ndx);
	g->ndocs++;
	if (d->draft) {
		g->ndrafts++;
		for (i = 0; i < d->nlines; i++) {
			struct line *l = &d->lines[i];

			bindv(g, g->ins_bak, "IItitttttqqfdqfdqfftii",
			    ++g->bak_order, code, date, vt, "",
			    g->prod[l->prod].typeid, c->typeid, emp, "00001",
			    l->qty4, l->price4, l->total,
			    (double)c->disc_bp / 10000.0, l->dprice4, l->dtotal,
			    (double)c->tax, l->taxprice4, l->taxtotal, l->taxsum,
			    "", 1, 1);
			step(g, g->ins_bak);
		}
		if (d->nlines == 0) {
			bindv(g, g->ins_bak, "IItitttttqqfdqfdqfftii",
			    ++g->bak_order, code, date, vt,
			    d->account != NULL ? d->account : AR_ID, "", c->typeid,
			    emp, "00001", (int64_t)0, (int64_t)0, d->amount, 1.0,
			    (int64_t)0, d->amount, 0.0, (int64_t)0, (int64_t)0,
			    d->amount, "", 1, 1);
			step(g, g->ins_bak);
		}
		return;
	}
	g->nposted++;
	for (i = 0; i < d->nlines; i++) {
		struct line *l = &d->lines[i];

		bindv(g, g->ins_sale, "IItitttttqqfdqfdqffqfiiitii", ++g->sale_order,
		    code, date, vt, "", g->prod[l->prod].typeid, c->typeid, emp,
		    "00001", l->qty4 * lsign, l->price4, l->total * lsign,
		    (double)c->disc_bp / 10000.0, l->dprice4, l->dtotal * lsign,
		    (double)c->tax, l->taxprice4, l->taxtotal * lsign,
		    l->taxsum * lsign, l->cost4, l->costtotal * lsign, 1, m, 1,
		    red == 2 ? "T" : "F", 0, 2);
		step(g, g->ins_sale);
		g->nlines++;
	}
	if (d->account != NULL) {
		bindv(g, g->ins_a, "IItittttdiit", ++g->a_order, code, date, vt,
		    d->account, c->typeid, emp, "00001",
		    (double)(d->amount * neg) / 100.0, m, 1,
		    red == 2 ? "T" : "F");
		step(g, g->ins_a);
	}
	bindv(g, g->ins_a, "IItittttdiit", ++g->a_order, code, date, vt, AR_ID,
	    c->typeid, emp, "00001",
	    (double)(d->amount * dt_arsign[d->type] * neg) / 100.0, m, 1,
	    red == 2 ? "T" : "F");
	step(g, g->ins_a);
}

static int
cmp_day(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void
make_documents(struct gen *g)
{
	int months = g->o.years * 12, mi, ci, i, y, m, n, cap = 0, *days = NULL;
	int today = days_from_civil(g->o.today_y, g->o.today_m, g->o.today_d);
	int mean = g->o.docs_per_month;
	struct doc d;

	g->ins_ndx = prep(g, "INSERT INTO Dlyndx (Vchcode, Date, Number, VchType,"
	    " summary, Comment, btypeid, etypeid, ktypeid, SettleBtypeId, InputNo,"
	    " Total, Defdiscount, draft, RedWord, RedOld, ifcheck, period,"
	    " YearPeriod, GatheringDate, BillType, SaveDate)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	g->ins_sale = prep(g, "INSERT INTO DlySale (dlyorder, Vchcode, Date,"
	    " VchType, atypeid, PtypeId, btypeid, etypeid, ktypeid, Qty, Price,"
	    " Total, discount, DiscountPrice, DiscountTotal, tax, TaxPrice,"
	    " TaxTotal, tax_total, CostPrice, CostTotal, unit, period, UsedType,"
	    " redword, Pstutas, Draft)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	g->ins_a = prep(g, "INSERT INTO Dlya (dlyorder, Vchcode, Date, VchType,"
	    " ATypeID, BTypeID, ETypeID, KTypeID, Total, period, UsedType,"
	    " redword) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
	g->ins_bak = prep(g, "INSERT INTO BakDly (dlyorder, Vchcode, Date,"
	    " VchType, atypeid, PtypeId, btypeid, etypeid, ktypeid, Qty, Price,"
	    " Total, discount, DiscountPrice, DiscountTotal, tax, TaxPrice,"
	    " TaxTotal, tax_total, comment, unit, UsedType)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	for (mi = 0; mi < months; mi++) {
		int first, ndays;

		y = g->o.start_y + (g->o.start_m - 1 + mi) / 12;
		m = (g->o.start_m - 1 + mi) % 12 + 1;
		first = days_from_civil(y, m, 1);
		ndays = month_days(y, m);
		if (first > today)
			break;
		if (first + ndays - 1 > today)
			ndays = today - first + 1;
		for (ci = 0; ci < g->ncust; ci++) {
			struct cust *c = &g->cust[ci];
			int big = 0;

			if (c->deleted || mi < c->first_month)
				continue;
			n = (int)rnd_range(g, mean - mean / 2, mean + mean / 2);
			if (ci == 1 && g->o.big_docs > 0 && y == g->o.big_y &&
			    m == g->o.big_m) {
				n = g->o.big_docs;
				big = 1;
			}
			if (n > cap) {
				cap = n;
				days = realloc(days, (size_t)cap * sizeof(int));
				if (days == NULL)
					die("out of memory");
			}
			for (i = 0; i < n; i++)
				days[i] = first + (int)rnd_below(g, (uint64_t)ndays);
			qsort(days, (size_t)n, sizeof(int), cmp_day);
			for (i = 0; i < n; i++) {
				int64_t eff;

				d.day = days[i];
				make_doc(g, c, &d, big);
				g->ntype[d.type]++;
				if (d.draft) {
					write_doc(g, c, &d, 0);
					continue;
				}
				eff = d.amount * dt_arsign[d.type];
				c->bal += eff;
				if (d.type <= DT_RECEIPT && rnd_permille(g, 25) &&
				    c->bal - eff >= 0) {
					write_doc(g, c, &d, 1);
					write_doc(g, c, &d, 2);
					c->bal -= eff;
					g->nredpairs++;
				} else
					write_doc(g, c, &d, 0);
			}
		}
	}
	free(days);
	sqlite3_finalize(g->ins_ndx);
	sqlite3_finalize(g->ins_sale);
	sqlite3_finalize(g->ins_a);
	sqlite3_finalize(g->ins_bak);
}

/* --- system tables ------------------------------------------------------ */

static void
make_system(struct gen *g)
{
	static const struct { int vt; const char *name, *full, *ndx, *dly; } vts[] = {
		{ 4, "收款单", "收款单", "Dlyndx", "DlyA" },
		{ 6, "进货退货", "进货退货单", "Dlyndx", "DlyBuy" },
		{ 7, "进货订单", "进货订单", "DlyndxOrder", "BakDlyOrder" },
		{ 8, "销售订单", "销售订单", "DlyndxOrder", "BakDlyOrder" },
		{ 9, "报损单", "报损单", "Dlyndx", "DlyOther" },
		{ 11, "销售单", "销售出库单", "Dlyndx", "DlySale" },
		{ 14, "报溢单", "报溢单", "Dlyndx", "DlyOther" },
		{ 17, "调拨单", "同价调拨单", "Dlyndx", "DlyOther" },
		{ 34, "进货单", "进货单", "Dlyndx", "DlyBuy" },
		{ 45, "销售退货", "销售退货单", "Dlyndx", "DlySale" },
		{ 66, "付款单", "付款单", "Dlyndx", "DlyA" },
		{ 115, "应收减少", "应收款减少", "Dlyndx", "DlyA" },
		{ 116, "应收增加", "应收款增加", "Dlyndx", "DlyA" },
		{ 128, "应付增加", "应付款增加", "Dlyndx", "DlyA" },
		{ 129, "应付减少", "应付款减少", "Dlyndx", "DlyA" },
		{ 142, "销售换货", "销售换货单", "Dlyndx", "DlySale" },
	};
	sqlite3_stmt *a, *b;
	size_t i;

	a = prep(g, "INSERT INTO Vchtype (VchType, Name, FullName) VALUES (?,?,?)");
	b = prep(g, "INSERT INTO T_GBL_Vchtype (vchtype, name, fullname,"
	    " cNdxTableName, cDlyTableName) VALUES (?,?,?,?,?)");
	for (i = 0; i < sizeof(vts) / sizeof(vts[0]); i++) {
		bindv(g, a, "itt", vts[i].vt, vts[i].name, vts[i].full);
		step(g, a);
		bindv(g, b, "itttt", vts[i].vt, vts[i].name, vts[i].full,
		    vts[i].ndx, vts[i].dly);
		step(g, b);
	}
	sqlite3_finalize(a);
	sqlite3_finalize(b);
}

static void
meta(struct gen *g, sqlite3_stmt *st, const char *name, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	bindv(g, st, "tt", name, buf);
	step(g, st);
}

static void
write_meta(struct gen *g)
{
	static const char version[] = "管家婆分销ERP V3 9.6";
	sqlite3_stmt *st;
	char training[160];

	st = prep(g, "INSERT INTO GraspcwZt (dbname, fullname, GraspHHType,"
	    " DogNo, createdate) VALUES (?,?,?,?,?)");
	bindv(g, st, "ttitt", g->o.database, g->o.company, 3, "GJP-8801-2231",
	    "2019-12-28 09:30:00.000");
	step(g, st);
	snprintf(training, sizeof(training), "%s（培训账套）", g->o.company);
	bindv(g, st, "ttitt", "V3994", training, 3, "GJP-8801-2231",
	    "2020-03-02 14:10:00.000");
	step(g, st);
	sqlite3_finalize(st);
	st = prep(g, "INSERT INTO sysdata (SubName, SubValue, Comment) VALUES (?,?,?)");
	bindv(g, st, "ttt", "versionno", version, "版本号");
	step(g, st);
	bindv(g, st, "ttt", "companyname", g->o.company, "公司名称");
	step(g, st);
	bindv(g, st, "ttt", "startdate", "2020-01-01", "启用日期");
	step(g, st);
	sqlite3_finalize(st);

	st = prep(g, "INSERT INTO erpsim_meta (name, value) VALUES (?,?)");
	meta(g, st, "database", "%s", g->o.database);
	meta(g, st, "company", "%s", g->o.company);
	meta(g, st, "version", "%s", version);
	meta(g, st, "generator", "erpsim-gen 1");
	meta(g, st, "preset", "%s", g->o.preset);
	meta(g, st, "seed", "%" PRIu64, g->o.seed);
	meta(g, st, "today", "%04d-%02d-%02d", g->o.today_y, g->o.today_m,
	    g->o.today_d);
	meta(g, st, "start", "%04d-%02d", g->o.start_y, g->o.start_m);
	meta(g, st, "years", "%d", g->o.years);
	meta(g, st, "customers", "%d", g->ncust);
	meta(g, st, "products", "%d", g->nprod);
	meta(g, st, "docs_per_month", "%d", g->o.docs_per_month);
	meta(g, st, "documents", "%ld", g->ndocs);
	meta(g, st, "posted", "%ld", g->nposted);
	meta(g, st, "drafts", "%ld", g->ndrafts);
	meta(g, st, "red_pairs", "%ld", g->nredpairs);
	meta(g, st, "sale_lines", "%ld", g->nlines);
	meta(g, st, "customer_lenovo", "%s", g->cust[0].typeid);
	if (g->o.big_docs > 0 && g->ncust > 1) {
		meta(g, st, "big_customer", "%s", g->cust[1].typeid);
		meta(g, st, "big_month", "%04d-%02d", g->o.big_y, g->o.big_m);
		meta(g, st, "big_docs", "%d", g->o.big_docs);
	}
	sqlite3_finalize(st);
}

/*
 * Runs the schema's CREATE TABLE statements and returns its CREATE INDEX
 * statements as one string (malloc'd, caller frees) to run after the load.
 */
static char *
run_schema(struct gen *g)
{
	const char *sql = gen_schema, *tail;
	sqlite3_stmt *st;
	char *idx = calloc(1, sizeof(gen_schema));
	size_t n = 0;

	if (idx == NULL)
		die("out of memory");
	while (*sql != '\0') {
		sqlcheck(g, sqlite3_prepare_v2(g->db, sql, -1, &st, &tail),
		    "schema");
		if (st == NULL)
			break;
		if (strstr(sqlite3_sql(st), "CREATE INDEX") != NULL) {
			n += (size_t)snprintf(idx + n, sizeof(gen_schema) - n,
			    "%s;\n", sqlite3_sql(st));
		} else if (sqlite3_step(st) != SQLITE_DONE)
			die("schema: %s", sqlite3_errmsg(g->db));
		sqlite3_finalize(st);
		sql = tail;
	}
	return idx;
}

/* --- options ------------------------------------------------------------ */

static void
usage(void)
{
	fputs("usage: erpsim-gen --preset demo|bench --seed S --out FILE\n"
	    "  [--customers N] [--products N] [--docs-per-month N] [--years N]\n"
	    "  [--start YYYY-MM] [--today YYYY-MM-DD] [--big-docs N]\n"
	    "  [--big-month YYYY-MM] [--max-lines N] [--database NAME]\n"
	    "  [--company NAME]\n", stderr);
	exit(2);
}

static int
parse_int(const char *s, int lo, int hi, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		die("%s: want an integer from %d to %d, got \"%s\"", what, lo, hi, s);
	return (int)v;
}

static void
parse_month(const char *s, int *y, int *m, const char *what)
{
	char t[8];

	if (strlen(s) != 7 || s[4] != '-')
		die("%s: want YYYY-MM, got \"%s\"", what, s);
	memcpy(t, s, 4);
	t[4] = '\0';
	*y = parse_int(t, 1990, 2999, what);
	*m = parse_int(s + 5, 1, 12, what);
}

static void
parse_options(struct opts *o, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "preset", required_argument, NULL, 'p' },
		{ "seed", required_argument, NULL, 's' },
		{ "out", required_argument, NULL, 'o' },
		{ "customers", required_argument, NULL, 'c' },
		{ "products", required_argument, NULL, 'P' },
		{ "docs-per-month", required_argument, NULL, 'n' },
		{ "years", required_argument, NULL, 'y' },
		{ "start", required_argument, NULL, 'S' },
		{ "today", required_argument, NULL, 'T' },
		{ "big-docs", required_argument, NULL, 'b' },
		{ "big-month", required_argument, NULL, 'B' },
		{ "max-lines", required_argument, NULL, 'l' },
		{ "database", required_argument, NULL, 'd' },
		{ "company", required_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 },
	};
	const char *seed = NULL, *start = NULL, *today = NULL, *bigm = NULL;
	int ch, c = -1, p = -1, n = -1, y = -1, b = -1, l = -1;
	char *end;

	memset(o, 0, sizeof(*o));
	while ((ch = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (ch) {
		case 'p': o->preset = optarg; break;
		case 's': seed = optarg; break;
		case 'o': o->out = optarg; break;
		case 'c': c = parse_int(optarg, 10, 100000, "--customers"); break;
		case 'P': p = parse_int(optarg, 1, 100000, "--products"); break;
		case 'n': n = parse_int(optarg, 1, 10000, "--docs-per-month"); break;
		case 'y': y = parse_int(optarg, 1, 20, "--years"); break;
		case 'S': start = optarg; break;
		case 'T': today = optarg; break;
		case 'b': b = parse_int(optarg, 0, 10000000, "--big-docs"); break;
		case 'B': bigm = optarg; break;
		case 'l': l = parse_int(optarg, 1, MAX_LINES, "--max-lines"); break;
		case 'd': o->database = optarg; break;
		case 'C': o->company = optarg; break;
		default: usage();
		}
	}
	if (optind != argc || o->preset == NULL || seed == NULL || o->out == NULL)
		usage();
	errno = 0;
	o->seed = strtoull(seed, &end, 0);
	if (errno != 0 || end == seed || *end != '\0')
		die("--seed: want an unsigned integer, got \"%s\"", seed);
	if (strcmp(o->preset, "demo") == 0) {
		o->customers = 30;
		o->products = 80;
		o->docs_per_month = 6;
		o->years = 2;
		o->max_lines = 5;
		o->big_docs = 0;
	} else if (strcmp(o->preset, "bench") == 0) {
		o->customers = 2000;
		o->products = 3000;
		o->docs_per_month = 16;
		o->years = 3;
		o->max_lines = 3;
		o->big_docs = 12000;
	} else
		die("--preset: want demo or bench, got \"%s\"", o->preset);
	if (c > 0) o->customers = c;
	if (p > 0) o->products = p;
	if (n > 0) o->docs_per_month = n;
	if (y > 0) o->years = y;
	if (l > 0) o->max_lines = l;
	if (b >= 0) o->big_docs = b;
	if (o->database == NULL)
		o->database = "V3993";
	if (o->company == NULL)
		o->company = "杭州恒通数码科技有限公司";
	if (today != NULL) {
		char t[8];

		if (strlen(today) != 10 || today[7] != '-')
			die("--today: want YYYY-MM-DD, got \"%s\"", today);
		memcpy(t, today, 7);
		t[7] = '\0';
		parse_month(t, &o->today_y, &o->today_m, "--today");
		o->today_d = parse_int(today + 8, 1,
		    month_days(o->today_y, o->today_m), "--today");
	} else {
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		o->today_y = tm.tm_year + 1900;
		o->today_m = tm.tm_mon + 1;
		o->today_d = tm.tm_mday;
	}
	if (start != NULL)
		parse_month(start, &o->start_y, &o->start_m, "--start");
	else {
		int k = o->today_y * 12 + o->today_m - 1 - o->years * 12 + 1;

		o->start_y = k / 12;
		o->start_m = k % 12 + 1;
	}
	if (bigm != NULL)
		parse_month(bigm, &o->big_y, &o->big_m, "--big-month");
	else {
		/* the last complete month before today */
		o->big_y = o->today_m == 1 ? o->today_y - 1 : o->today_y;
		o->big_m = o->today_m == 1 ? 12 : o->today_m - 1;
	}
	if (days_from_civil(o->start_y, o->start_m, 1) >
	    days_from_civil(o->today_y, o->today_m, o->today_d))
		die("--start is after --today");
}

int
main(int argc, char **argv)
{
	struct gen g;
	struct timespec t0, t1;
	char tmp[4096], *indexes;
	uint64_t x;
	int i;

	memset(&g, 0, sizeof(g));
	parse_options(&g.o, argc, argv);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	x = g.o.seed;
	for (i = 0; i < 4; i++)
		g.s[i] = splitmix64(&x);
	g.day0 = days_from_civil(g.o.start_y, g.o.start_m, 1);
	g.ndays = g.o.years * 366 + 62;
	g.seq = calloc((size_t)g.ndays * DT__MAX, sizeof(int));
	if (g.seq == NULL)
		die("out of memory");
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", g.o.out) >= (int)sizeof(tmp))
		die("--out: name too long");
	unlink(tmp);
	if (sqlite3_open(tmp, &g.db) != SQLITE_OK)
		die("%s: %s", tmp, sqlite3_errmsg(g.db));
	exec(&g, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
	    " PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -262144;"
	    " PRAGMA temp_store = MEMORY");
	exec(&g, "BEGIN");
	indexes = run_schema(&g);
	make_system(&g);
	make_people(&g);
	make_products(&g);
	make_customers(&g);
	assign_customer_ids(&g);
	make_documents(&g);
	write_btype(&g);
	write_meta(&g);
	exec(&g, indexes);
	free(indexes);
	exec(&g, "COMMIT");
	exec(&g, "ANALYZE");
	if (sqlite3_close(g.db) != SQLITE_OK)
		die("close: %s", sqlite3_errmsg(g.db));
	if (rename(tmp, g.o.out) != 0)
		die("rename %s: %s", g.o.out, strerror(errno));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "erpsim-gen: %s: %s seed %" PRIu64 ", %d customers, %d"
	    " products, %ld documents (%ld posted, %ld drafts, %ld red pairs;"
	    " 11:%ld 45:%ld 4:%ld 116:%ld 115:%ld), %ld sales lines, %.2f s\n",
	    g.o.out, g.o.preset, g.o.seed, g.ncust, g.nprod, g.ndocs, g.nposted,
	    g.ndrafts, g.nredpairs, g.ntype[DT_SALE], g.ntype[DT_RETURN],
	    g.ntype[DT_RECEIPT], g.ntype[DT_ARINC], g.ntype[DT_ARDEC], g.nlines,
	    (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	free(g.seq);
	free(g.cust);
	free(g.prod);
	return 0;
}
