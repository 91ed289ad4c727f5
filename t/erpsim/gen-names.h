/*
 * gen-names.h: word lists for erpsim-gen (see gen-names.c).
 */
#ifndef ERPSIM_GEN_NAMES_H
#define ERPSIM_GEN_NAMES_H

#include <stddef.h>

struct gen_class {
	const char	*name;
	const char	*code;
	int		 parent;	/* index into gen_regions, -1 = root */
};

struct gen_city {
	const char	*name;
	const char	*areacode;
	int		 region;	/* index of a leaf class in gen_regions */
};

struct gen_ptmpl {
	int		 pclass;
	const char	*name;
	const char	*model;
	const char	*unit;
	int		 lo, hi;	/* price range, yuan */
	int		 step;		/* price step, fen */
	int		 halves;	/* quantities in steps of 0.5 */
	const char	*standard;
};

extern const struct gen_class	gen_regions[];
extern const size_t		gen_nregions;
extern const struct gen_city	gen_cities[];
extern const size_t		gen_ncities;
extern const char *const	gen_brands[];
extern const size_t		gen_nbrands;
extern const char *const	gen_trades[];
extern const size_t		gen_ntrades;
extern const char *const	gen_surnames[];
extern const size_t		gen_nsurnames;
extern const char *const	gen_given[];
extern const size_t		gen_ngiven;
extern const char *const	gen_roads[];
extern const size_t		gen_nroads;
extern const char *const	gen_pclasses[];
extern const size_t		gen_npclasses;
extern const struct gen_ptmpl	gen_ptmpls[];
extern const size_t		gen_nptmpls;
extern const char *const	gen_pbrands[];
extern const size_t		gen_npbrands;
extern const char *const	gen_sale_summaries[];
extern const size_t		gen_nsale_summaries;
extern const char *const	gen_return_summaries[];
extern const size_t		gen_nreturn_summaries;
extern const char *const	gen_arinc_summaries[];
extern const size_t		gen_narinc_summaries;
extern const char *const	gen_ardec_summaries[];
extern const size_t		gen_nardec_summaries;
extern const char *const	gen_employees[];
extern const size_t		gen_nemployees;

#endif
