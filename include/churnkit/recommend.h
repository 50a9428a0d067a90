/*
 * recommend.h - the retention playbook per value x risk cell, the kind of
 * a customer's main churn driver, and the short action text that joins
 * them.  Pure functions over static tables; used by segment.h.
 *
 * Playbook (docs/domain.md, "What to do, by segment"): one entry per value tier
 * x risk band, each a headline of at most RECOMMEND_HEADLINE_MAX bytes and
 * one imperative sentence, for a printed matrix cell, plus the short lead
 * that opens a customer's action.  In brief: high value / high risk is a
 * personal rescue by the best people (executive sponsor, joint success
 * plan, find out why); low value / high risk is low-cost automated care,
 * letting go on good terms; low risk / high value is loyalty rewards,
 * referrals and upsell; the medium cells lie in between.  A customer whose
 * value is unknown is handled by risk until the value is looked up; with
 * no value column at all ("all") by risk alone; a customer the model could
 * not score is reviewed by hand.
 *
 * Driver kinds: the main driver's COLUMN (a design term "col", "col=level"
 * or "log(col)"; an imputed "col (missing)") is mapped to a kind by
 * keywords that begin a word of the column name (case-insensitive;
 * "numLogins" has the word "Logins"), tried in this order (the first that
 * matches wins):
 *     onboard                                    -> onboarding
 *     nps, csat, satisf                          -> satisfaction
 *     support, ticket, complaint, escalat, cases -> service
 *     overdue, arrear, dunning, unpaid           -> payment
 *     late, missed, failed, declined, bounced, delay
 *       together with pay, payment(s), invoice(s), bill  -> payment
 *       ("late_payments" is; "late_delivery", "payment_method" are not)
 *     contract, term, plan, billing, subscription, commitment, cycle,
 *       renewal, AND the customer's level names a one-month term
 *       (monthly, month-to-month, 1 month, m2m)  -> contract
 *     contact, touch                             -> contact
 *     login, usage, session, active, inactiv, order, visit, engag -> usage
 *     discount..., coupon..., free, promo(s), promotion..., trial...,
 *       voucher..., cheap as whole words ("net_promoter_score" and
 *       "Freelance" are not offers), in the column name or in the
 *       customer's level ("channel=free trial"; not "channel=referral")
 *                                                -> value reminder
 *     anything else                              -> none (the cell's lead only)
 * A contract/term/plan column whose level does not name a month (annual,
 * a numeric term) falls through to the later keywords, usually to none.
 * An explicit column -> kind list (exact column name, byte comparison)
 * overrides the keywords for the columns it names.
 *
 * Action text (at most RECOMMEND_ACTION_MAX bytes, e.g. "Personal call;
 * offer a longer-term contract"): the cell's lead; for medium and high
 * risk then "; " and the driver kind's phrase (none: nothing), the
 * low-cost variant for low-value customers ("self-service help and quick
 * fixes" rather than "fast service recovery by senior staff"); then
 * "; retention offer" when the customer passes the incentive rule of
 * segment.h.  Low-risk customers get the lead (loyalty, upsell), the
 * incentive clause only if they pass the rule; customers not scored get
 * the "review by hand" lead only.
 *
 * Every string returned is static (never freed, never changes).
 */
#ifndef CHURNKIT_RECOMMEND_H
#define CHURNKIT_RECOMMEND_H

#include <stddef.h>

#include "churnkit/err.h"
#include "churnkit/scores.h"

#define RECOMMEND_HEADLINE_MAX 40  /* bytes of a playbook headline */
#define RECOMMEND_ACTION_MAX 80    /* bytes of an action text (buffer: + 1) */

/* Value tiers (segment.h says how customers are put in them). */
typedef enum {
	SEGMENT_VALUE_HIGH = 0,
	SEGMENT_VALUE_MEDIUM,
	SEGMENT_VALUE_LOW,
	SEGMENT_VALUE_UNKNOWN,  /* the customer has no value */
	SEGMENT_VALUE_ALL,      /* no value column: one tier */
	SEGMENT_NVALUE
} segment_value;

/* Kinds of main driver, each with its own action phrase. */
typedef enum {
	SEGMENT_DRIVER_NONE = 0,      /* no driver, or no keyword: the cell's lead only */
	SEGMENT_DRIVER_SERVICE,       /* support trouble: service recovery */
	SEGMENT_DRIVER_USAGE,         /* low usage: education, re-onboarding */
	SEGMENT_DRIVER_PAYMENT,       /* late payments: payment plan, early outreach */
	SEGMENT_DRIVER_CONTRACT,      /* month-to-month: longer-term contract */
	SEGMENT_DRIVER_CONTACT,       /* no recent contact: check-in, QBR */
	SEGMENT_DRIVER_ONBOARDING,    /* not onboarded: re-onboarding plan */
	SEGMENT_DRIVER_SATISFACTION,  /* NPS/CSAT: service recovery + NPS follow-up */
	SEGMENT_DRIVER_VALUE,         /* freebie seekers: value reminder */
	SEGMENT_NDRIVER
} segment_driver;

/* One entry of the caller's column -> kind list. */
typedef struct {
	const char *column;     /* table column name, exact */
	segment_driver kind;
} segment_driver_map;

/* A cell's playbook. */
typedef struct {
	const char *headline;   /* <= RECOMMEND_HEADLINE_MAX bytes, e.g. "Save the account" */
	const char *text;       /* one imperative sentence */
	const char *lead;       /* opens a customer's action, e.g. "Personal call" */
} segment_playbook;

/* The playbook of value tier v and risk band b (SCORE_BAND_NONE: not
 * scored).  Never NULL for valid arguments; NULL when out of range. */
const segment_playbook *recommend_playbook(segment_value v, score_band b);

/* "high", "medium", "low", "unknown", "all" (JSON names). */
const char *segment_value_name(segment_value v);
/* "High value", "Medium value", "Low value", "Value unknown", "All customers". */
const char *segment_value_title(segment_value v);
/* "High risk", "Medium risk", "Low risk", "Not scored". */
const char *segment_risk_title(score_band b);
/* The segment label "High value / High risk"; for SEGMENT_VALUE_ALL the
 * risk title alone ("High risk").  Static; "" when out of range. */
const char *segment_label(segment_value v, score_band b);

/* "none", "service", "usage", "payment", "contract", "contact",
 * "onboarding", "satisfaction", "value" (names for JSON and for a report
 * definition's column -> kind list). */
const char *segment_driver_name(segment_driver k);
/* The action phrase of kind k ("offer a longer-term contract"; "" for none). */
const char *segment_driver_phrase(segment_driver k);
/* Parses a kind name above (case-insensitive) into *k.  Returns CHURN_OK,
 * or CHURN_EUSAGE naming the bad word. */
churn_status segment_driver_parse(const char *name, segment_driver *k, churn_err *err);

/* The kind of a driver on table column `column`, where `level` is the
 * customer's level for a categorical term (NULL for a numeric term): the
 * caller's list map[0..nmap) first (exact column name), then the keywords
 * above.  NULL column: SEGMENT_DRIVER_NONE. */
segment_driver recommend_driver(const char *column, const char *level,
                                const segment_driver_map *map, size_t nmap);

/* The side of a numeric column that the playbook of kind k takes to be
 * risky: -1 low values (usage, satisfaction, contacts), +1 high ones
 * (tickets, late payments), turned round when a word of the column names an
 * absence ("inactive_days", "days_since_login"); 0 for the other kinds,
 * which are not read on a numeric scale. */
int recommend_risky_side(segment_driver k, const char *column);

/* recommend_driver for a group on side `side` of a numeric column (+1 high
 * values, -1 low ones, 0 not numeric): SEGMENT_DRIVER_NONE when the kind's
 * playbook assumes the other side is risky, so that no action contradicts
 * the data (more logins going with more churn gets no "raise use";
 * docs/domain.md, "Actions from the findings"). */
segment_driver recommend_driver_sided(const char *column, const char *level, int side,
                                      const segment_driver_map *map, size_t nmap);

/* The same from a driver label as model_score_driver_label writes it:
 * "col", "col=level", "log(col)", or an imputed "term (missing)", which
 * counts as its term.  The column is the text before the first '=' (a
 * column whose name holds '=' is better mapped by recommend_driver), the
 * level the text after it; "log(col)" names column col.  "" or NULL:
 * SEGMENT_DRIVER_NONE. */
segment_driver recommend_driver_from_label(const char *label, const segment_driver_map *map,
                                           size_t nmap);

/* Writes the action text for value tier v, risk band b, driver kind k and
 * incentive flag (the rule of segment.h) into buf of n bytes; n >
 * RECOMMEND_ACTION_MAX never truncates.  Returns buf ("" when v or b is
 * out of range). */
char *recommend_action(segment_value v, score_band b, segment_driver k, int incentive,
                       char *buf, size_t n);

#endif
