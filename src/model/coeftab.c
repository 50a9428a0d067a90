/* coeftab.c - see include/churnkit/coeftab.h. */
#include "churnkit/coeftab.h"

coeftab coeftab_logit(const logit_result *r)
{
	coeftab t = {
		r->p, r->coef, r->se, r->z, r->pval, r->odds_ratio, r->or_lower, r->or_upper,
		r->aliased, r->conf_level, "odds_ratio", "or_lower", "or_upper", "Odds ratio",
	};
	return t;
}

coeftab coeftab_cox(const cox_result *r)
{
	coeftab t = {
		r->p, r->coef, r->se, r->z, r->pval, r->hazard_ratio, r->hr_lower, r->hr_upper,
		r->aliased, r->conf_level, "hazard_ratio", "hr_lower", "hr_upper", "Hazard ratio",
	};
	return t;
}
