/*
 * erp_profile.h: the ERP profiles (DATA/erp/<kind>.hdf) and the contract
 * they are held to.
 *
 * A profile holds, for one ERP version, the SQL of each logical query the
 * gateway runs:
 *
 *	Query.<name>.Params	sp_executesql's @params ("@customer varchar(25),
 *				@date varchar(10)"): the parameters, by name
 *	Query.<name>.Columns	the result's columns, by name ("ARTotal, APTotal")
 *	Query.<name>.Sql	the statement, sent as @stmt; values are bound as
 *				RPC parameters, never spliced into the text
 *
 * The contract below is the gateway's side: for each logical query the
 * parameters it binds (name and type) and the columns it reads. A profile
 * must declare exactly those parameters (in any order: they are bound by
 * name), its Sql must name exactly those (@x outside literals and
 * comments), and its Columns must list every column the gateway needs and
 * nothing it does not know. Unknown queries and keys are errors, so a typo
 * in an override does not pass silently. Every profile of the directory
 * is checked when a program starts (dz_erp_init, from its open hook): a
 * bad one stops the program with the file and the query named, instead of
 * failing later on a page.
 *
 * Include and override: a profile may start with "Include = grasp.hdf" (a
 * file of the same directory, by bare name) and then give only what
 * differs: its keys are laid over the included file's, key by key (so a
 * query may override its Sql and Columns and keep the Params). Includes
 * nest up to DZ_ERP_INCLUDE_DEPTH; a loop is an error.
 *
 * Signs: profiles return amounts as the ERP stores them (a document's
 * Dlyndx.Total, positive per type; customer and opening balances as their
 * receivable and payable sides). Whether a type raises or lowers what the
 * customer owes is decided in one place, lib/stmt's table of document types
 * (dz_stmt_doc_sign); no profile writes a CASE on VchType for it.
 *
 * Pure apart from reading the directory: needs ClearSilver's HDF, not
 * FreeTDS, so t/erpsim/oracle-profiles reads profiles with it too.
 */
#ifndef DZ_ERP_PROFILE_H
#define DZ_ERP_PROFILE_H

#include <stddef.h>
#include "dz.h"

#define DZ_ERP_KIND_MAX		32	/* [a-z0-9_-], the file name's stem */
/* The kind of an imported ledger (erp.h): no profile has this name. */
#define DZ_ERP_KIND_IMPORT	"import"
int		 dz_erp_kind_imported(const char *kind);
#define DZ_ERP_PROFILES_MAX	32	/* profiles in one directory */
#define DZ_ERP_INCLUDE_DEPTH	4	/* Include inside Include inside ... */
#define DZ_ERP_PARAMS_MAX	12	/* parameters of one query */
#define DZ_ERP_PARAM_NAME_MAX	32	/* "@customer", bytes */
#define DZ_ERP_PROFILE_BYTES	(256 * 1024)	/* one profile file */

/* Is kind a well-formed profile name ([a-z0-9_-], 1..32)? 1 yes, 0 no. */
int		 dz_erp_kind_valid(const char *kind);

/* ---- The contract ------------------------------------------------------ */

enum dz_erp_query {
	DZ_ERP_Q_ACCOUNT_INFO,		/* 测试连接: the account set's name, ERP version */
	DZ_ERP_Q_CUSTOMERS_SEARCH,	/* the customer picker, one page */
	DZ_ERP_Q_CUSTOMERS_COUNT,	/* test only: how many the search finds */
	DZ_ERP_Q_CUSTOMERS_GET,		/* one customer by id */
	DZ_ERP_Q_BALANCE_OPENING,	/* the receivable at the start of a date */
	DZ_ERP_Q_DOCUMENTS_LIST,	/* posted documents in a date range */
	DZ_ERP_Q_DOCUMENTS_LINES,	/* test only: the goods of one document */
	DZ_ERP_Q_DOCUMENTS_LINES_RANGE,	/* the goods of every document in a range */
	DZ_ERP_Q_BALANCES_ALL,		/* every customer's receivable at the start of a date */
	DZ_ERP_Q_AGING_DEBITS,		/* every customer's debits before a date, newest first */
	DZ_ERP_Q_MOVEMENTS_ALL,		/* every customer's totals by type in a date range */
	DZ_ERP_Q_DOCUMENTS_ALL,		/* every customer's documents in a date range */
	/* drift (issue 15): what the ERP has now of a statement's documents */
	DZ_ERP_Q_DOCUMENTS_STATE,	/* a customer's documents in a range, any state */
	DZ_ERP_Q_DOCUMENTS_GET,		/* one document by vchcode, any state */
	DZ_ERP_Q__MAX
};

/* How the gateway binds a parameter, and the SQL types a profile may declare. */
enum dz_erp_ptype {
	DZ_ERP_T_TEXT,		/* VARCHAR: varchar, nvarchar, char, nchar */
	DZ_ERP_T_INT,		/* INT: int, smallint, tinyint, bit, bigint */
	DZ_ERP_T_BIGINT		/* BIGINT: bigint */
};

/* Parameters, by query: indices into dz_erp_contract[q].params. */
enum { DZ_ERP_P_INFO_DATABASE };		/* the data address's database */
enum { DZ_ERP_P_SEARCH_PATTERN, DZ_ERP_P_SEARCH_SKIP, DZ_ERP_P_SEARCH_TAKE };
enum { DZ_ERP_P_COUNT_PATTERN };
enum { DZ_ERP_P_GET_CUSTOMER };
enum { DZ_ERP_P_OPENING_CUSTOMER, DZ_ERP_P_OPENING_DATE };
enum {
	DZ_ERP_P_DOCS_CUSTOMER, DZ_ERP_P_DOCS_FROM, DZ_ERP_P_DOCS_TO,
	/* 1 to list the type, 0 not: */
	DZ_ERP_P_DOCS_SALE, DZ_ERP_P_DOCS_RETURN, DZ_ERP_P_DOCS_RECEIPT,
	DZ_ERP_P_DOCS_AR_INC, DZ_ERP_P_DOCS_AR_DEC
};
enum { DZ_ERP_P_LINES_CUSTOMER, DZ_ERP_P_LINES_VCHCODE };
enum {
	DZ_ERP_P_RANGE_CUSTOMER, DZ_ERP_P_RANGE_FROM, DZ_ERP_P_RANGE_TO,
	DZ_ERP_P_RANGE_SALE, DZ_ERP_P_RANGE_RETURN
};
enum { DZ_ERP_P_BALANCES_DATE };
enum { DZ_ERP_P_DEBITS_FROM, DZ_ERP_P_DEBITS_DATE };
enum { DZ_ERP_P_MOVES_FROM, DZ_ERP_P_MOVES_TO };
enum { DZ_ERP_P_ALLDOCS_FROM, DZ_ERP_P_ALLDOCS_TO };
enum { DZ_ERP_P_STATE_CUSTOMER, DZ_ERP_P_STATE_FROM, DZ_ERP_P_STATE_TO };
enum { DZ_ERP_P_DGET_CUSTOMER, DZ_ERP_P_DGET_VCHCODE };

/* Columns, by kind of row: indices into dz_erp_contract[q].cols. */
enum { DZ_ERP_C_INFO_FULLNAME, DZ_ERP_C_INFO_VERSION };
/* customers_search reads the first six, customers_get all eight. */
enum {
	DZ_ERP_C_CUST_ID, DZ_ERP_C_CUST_CODE, DZ_ERP_C_CUST_NAME,
	DZ_ERP_C_CUST_SHORT, DZ_ERP_C_CUST_AR, DZ_ERP_C_CUST_AP,
	DZ_ERP_C_CUST_SONNUM, DZ_ERP_C_CUST_DELETED
};
enum { DZ_ERP_C_COUNT_CUSTOMERS };
/*
 * balance_opening: ARTotal and APTotal are the customer's receivable and
 * payable sides at some base (the same on every row); VchType and Total
 * (optional) are rows of the stored totals of the documents of one type
 * posted from the base up to the date, which the gateway signs by type.
 * Opening = ARTotal - APTotal + sum of sign(VchType) * Total.
 */
enum {
	DZ_ERP_C_OPENING_AR, DZ_ERP_C_OPENING_AP, DZ_ERP_C_OPENING_VCHTYPE,
	DZ_ERP_C_OPENING_TOTAL
};
enum {
	DZ_ERP_C_DOC_VCHCODE, DZ_ERP_C_DOC_DATE, DZ_ERP_C_DOC_VCHTYPE,
	DZ_ERP_C_DOC_NUMBER, DZ_ERP_C_DOC_SUMMARY, DZ_ERP_C_DOC_TOTAL
};
enum {
	DZ_ERP_C_LINE_VCHCODE, DZ_ERP_C_LINE_SEQ, DZ_ERP_C_LINE_CODE,
	DZ_ERP_C_LINE_NAME, DZ_ERP_C_LINE_UNIT, DZ_ERP_C_LINE_QTY,
	DZ_ERP_C_LINE_PRICE, DZ_ERP_C_LINE_AMOUNT
};

/*
 * balances_all: balance_opening's columns for every leaf, not deleted
 * customer at once, each row led by the customer (typeId, UserCode,
 * FullName), rows of one customer together, customers in typeId order.
 */
enum {
	DZ_ERP_C_BAL_ID, DZ_ERP_C_BAL_CODE, DZ_ERP_C_BAL_NAME, DZ_ERP_C_BAL_AR,
	DZ_ERP_C_BAL_AP, DZ_ERP_C_BAL_VCHTYPE, DZ_ERP_C_BAL_TOTAL
};
/* aging_debits: posted, not voided documents that raise the receivable
 * (the gateway keeps those whose type's sign is +1) dated from @from to
 * before @date, by customer in typeId order, each customer's newest
 * first. */
enum {
	DZ_ERP_C_DEBIT_CUSTOMER, DZ_ERP_C_DEBIT_DATE, DZ_ERP_C_DEBIT_VCHTYPE,
	DZ_ERP_C_DEBIT_TOTAL
};

/* movements_all: the stored totals of one customer's posted documents of
 * one type in the range, by customer in typeId order. */
enum { DZ_ERP_C_MOVE_CUSTOMER, DZ_ERP_C_MOVE_VCHTYPE, DZ_ERP_C_MOVE_TOTAL };
/* documents_all: posted, not voided documents of every customer in the
 * range, by customer in typeId order, each one's in date order. */
enum { DZ_ERP_C_ALLDOC_CUSTOMER, DZ_ERP_C_ALLDOC_DATE, DZ_ERP_C_ALLDOC_VCHTYPE,
	DZ_ERP_C_ALLDOC_TOTAL };

/* documents_state, documents_get: documents_list's columns, then draft
 * (2 posted) and RedOld ('T' voided: reversed by a red document); red
 * reversal rows themselves (RedWord 'T') are not returned. */
enum {
	DZ_ERP_C_DST_VCHCODE, DZ_ERP_C_DST_DATE, DZ_ERP_C_DST_VCHTYPE,
	DZ_ERP_C_DST_NUMBER, DZ_ERP_C_DST_SUMMARY, DZ_ERP_C_DST_TOTAL,
	DZ_ERP_C_DST_DRAFT, DZ_ERP_C_DST_REDOLD
};

struct dz_erp_param_def {
	const char		*name;		/* "@customer" */
	enum dz_erp_ptype	 type;
};

struct dz_erp_col_def {
	const char		*name;		/* matched case-insensitively */
	int			 optional;	/* a profile may leave it out */
};

struct dz_erp_query_def {
	const char			*name;		/* Query.<name> */
	int				 test_only;	/* run by t/erpsim only */
	const struct dz_erp_param_def	*params;
	size_t				 nparams;
	const struct dz_erp_col_def	*cols;
	size_t				 ncols;
};

/* The contract, by enum dz_erp_query (what each entry says: erp_profile.c). */
extern const struct dz_erp_query_def dz_erp_contract[DZ_ERP_Q__MAX];

/* ---- Loaded profiles ----------------------------------------------------- */

/* One query of a loaded profile, checked against the contract. */
struct dz_erp_profile_query {
	const char	*sql;		/* @stmt */
	const char	*params;	/* @params, as written */
	const char	*columns;	/* Columns, as written */
	size_t		 nparams;
	/* The profile's parameters in its order: which of the contract's
	 * each one is, and its name as the profile spells it. */
	unsigned char	 param[DZ_ERP_PARAMS_MAX];
	char		 name[DZ_ERP_PARAMS_MAX][DZ_ERP_PARAM_NAME_MAX + 1];
};

struct dz_erp_profile;
struct dz_erp_profiles;

/*
 * Read and check every <kind>.hdf of dir (sorted by name). DZ_OK: *out
 * holds them all (free with dz_erp_profiles_free). Otherwise *out is NULL
 * and why says which file and which query are wrong and how, e.g.
 * ".../huihuang.hdf: query documents_list: Sql uses @frm, which Params does
 * not declare". An empty or unreadable directory is an error too.
 * DZ_ERR_IO (cannot read), DZ_ERR_INVAL (a bad profile), DZ_ERR_NOMEM.
 */
enum dz_err	 dz_erp_profiles_load(const char *dir, struct dz_erp_profiles **out,
		    char *why, size_t whysz);
void		 dz_erp_profiles_free(struct dz_erp_profiles *);

/* How many profiles, the i-th (0..count-1, NULL beyond), the one of kind (or NULL). */
size_t		 dz_erp_profiles_count(const struct dz_erp_profiles *);
const struct dz_erp_profile *dz_erp_profiles_at(const struct dz_erp_profiles *, size_t);
const struct dz_erp_profile *dz_erp_profiles_find(const struct dz_erp_profiles *,
		    const char *kind);

/*
 * One profile: dir/<kind>.hdf with its includes, checked as above. For
 * tools that look at a single file (t/erpsim/oracle-profiles).
 */
enum dz_err	 dz_erp_profile_load(const char *dir, const char *kind,
		    struct dz_erp_profile **out, char *why, size_t whysz);
void		 dz_erp_profile_free(struct dz_erp_profile *);

const char	*dz_erp_profile_kind(const struct dz_erp_profile *);
/* Its Name (管家婆分销ERP), or the kind when it has none. */
const char	*dz_erp_profile_name(const struct dz_erp_profile *);
/* Its path, for messages ("DATA/erp/grasp.hdf"). */
const char	*dz_erp_profile_path(const struct dz_erp_profile *);
/* A query; never NULL for a q below DZ_ERP_Q__MAX. Valid while the profile is. */
const struct dz_erp_profile_query *dz_erp_profile_query(const struct dz_erp_profile *,
		    enum dz_erp_query q);

#endif /* DZ_ERP_PROFILE_H */
