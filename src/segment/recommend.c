/* recommend.c - the playbook table, driver kinds and action texts; see
 * include/churnkit/recommend.h. */
#include "churnkit/recommend.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Indexed [value tier][risk band], bands in score_band order: not scored,
 * low, medium, high.  Headlines <= RECOMMEND_HEADLINE_MAX bytes; leads of
 * the medium and high bands are short enough that lead, driver phrase and
 * the incentive clause fit in RECOMMEND_ACTION_MAX (test_recommend checks
 * every combination). */
#define NOT_SCORED { "Not scored: review by hand", \
	"The model could not score these customers (a missing or unseen value); " \
	"review them by hand.", "Review by hand (not scored)" }

static const segment_playbook playbook[SEGMENT_NVALUE][SCORE_NBANDS] = {
	[SEGMENT_VALUE_HIGH] = {
		NOT_SCORED,
		{ "Reward loyalty and grow",
		  "Thank them with milestone rewards, ask for referrals and success stories, "
		  "invite them to partner webinars and offer upsells.",
		  "Reward loyalty; ask for referrals; upsell" },
		{ "Protect: proactive account review",
		  "Have the account owner call, hold a business review and agree next steps "
		  "before the risk grows.",
		  "Account review call" },
		{ "Rescue: senior-led save plan",
		  "Call personally with your best people, add an executive sponsor, agree a joint "
		  "success plan and find out why they would leave.",
		  "Personal call" },
	},
	[SEGMENT_VALUE_MEDIUM] = {
		NOT_SCORED,
		{ "Keep engaged and grow",
		  "Keep regular touchpoints, invite them to webinars and propose upgrades where "
		  "they fit.",
		  "Keep engaged; propose an upgrade" },
		{ "Nurture: check in and educate",
		  "Check in on a schedule, train them on features they do not use and ask for NPS "
		  "after key touchpoints.",
		  "Scheduled check-in" },
		{ "Targeted save on the main driver",
		  "Have a customer success manager call about the main churn driver; offer an "
		  "incentive only where it pays for itself.",
		  "CSM call" },
	},
	[SEGMENT_VALUE_LOW] = {
		NOT_SCORED,
		{ "Low-touch; build loyalty",
		  "Serve them self-service, invite them to the community and referral programme "
		  "and grow them towards higher tiers.",
		  "Low-touch; referral programme" },
		{ "Automated nurture",
		  "Send automated tips, tutorials and in-app guidance that raise use at low cost.",
		  "Automated nurture" },
		{ "Low-cost care; part on good terms",
		  "Use automated care and self-service help, accept some losses and let those who "
		  "leave go on good terms.",
		  "Automated care" },
	},
	[SEGMENT_VALUE_UNKNOWN] = {
		NOT_SCORED,
		{ "Find the value; keep engaged",
		  "Look up the account's revenue and keep regular touchpoints.",
		  "Check value; keep engaged" },
		{ "Find the value; check in",
		  "Look up the account's revenue and check in on a schedule until it is known.",
		  "Check value; check in" },
		{ "Find the value, then act",
		  "Look up the account's revenue first; meanwhile call about the main churn "
		  "driver.",
		  "Check value; call" },
	},
	[SEGMENT_VALUE_ALL] = {
		NOT_SCORED,
		{ "Reward loyalty and grow",
		  "Reward loyalty, ask for referrals and success stories, and offer upsells where "
		  "they fit.",
		  "Reward loyalty; ask for referrals; upsell" },
		{ "Nurture: check in and educate",
		  "Check in on a schedule, train them on features they do not use and ask for NPS "
		  "after key touchpoints.",
		  "Scheduled check-in" },
		{ "Act on the main driver now",
		  "Call about the main churn driver and offer an incentive only where it pays for "
		  "itself.",
		  "Retention call" },
	},
};

#define INCENTIVE_CLAUSE "; retention offer"

/* Each kind's phrase, and the low-cost one for low-value customers (their
 * playbook is automated care, not senior staff: docs/domain.md). */
static const struct {
	const char *name;
	const char *phrase;
	const char *phrase_low;
} drivers[SEGMENT_NDRIVER] = {
	[SEGMENT_DRIVER_NONE] = { "none", "", "" },
	[SEGMENT_DRIVER_SERVICE] = { "service", "fast service recovery by senior staff",
	                             "self-service help and quick fixes" },
	[SEGMENT_DRIVER_USAGE] = { "usage", "training and re-onboarding to raise use",
	                           "automated tips and tutorials" },
	[SEGMENT_DRIVER_PAYMENT] = { "payment", "payment plan and early outreach",
	                             "automated payment reminders" },
	[SEGMENT_DRIVER_CONTRACT] = { "contract", "offer a longer-term contract",
	                              "offer a longer plan by email" },
	[SEGMENT_DRIVER_CONTACT] = { "contact", "check-in and quarterly business review",
	                             "automated check-in email" },
	[SEGMENT_DRIVER_ONBOARDING] = { "onboarding", "re-onboarding plan",
	                                "self-paced onboarding course" },
	[SEGMENT_DRIVER_SATISFACTION] = { "satisfaction", "service recovery and NPS follow-up",
	                                  "NPS follow-up by email" },
	[SEGMENT_DRIVER_VALUE] = { "value", "remind them of the value they get",
	                           "value reminder email" },
};

/* Keyword rules in the order they are tried.  A rule matches when one of
 * `words` begins a word of the column name and, when `also` is given, one
 * of those does too ("late_payments" is about payments, "late_delivery"
 * is not).  `month` rules also need the customer's level to name a
 * one-month term; `level` rules match their words in the level as well
 * (channel = "free trial": a freebie seeker; channel = "referral": not). */
static const struct {
	const char *words[10];
	const char *also[6];
	segment_driver kind;
	int month, level;
} rules[] = {
	{ { "onboard" }, { NULL }, SEGMENT_DRIVER_ONBOARDING, 0, 0 },
	{ { "nps", "csat", "satisf" }, { NULL }, SEGMENT_DRIVER_SATISFACTION, 0, 0 },
	{ { "support", "ticket", "complaint", "escalat", "cases" }, { NULL }, SEGMENT_DRIVER_SERVICE,
	  0, 0 },
	{ { "overdue", "arrear", "dunning", "unpaid" }, { NULL }, SEGMENT_DRIVER_PAYMENT, 0, 0 },
	{ { "late", "missed", "failed", "declined", "bounced", "delay" },
	  { "pay", "payment", "payments", "invoice", "invoices", "bill" },
	  SEGMENT_DRIVER_PAYMENT, 0, 0 },
	{ { "contract", "term", "plan", "billing", "subscription", "commitment", "cycle",
	    "renewal" }, { NULL }, SEGMENT_DRIVER_CONTRACT, 1, 0 },
	{ { "contact", "touch" }, { NULL }, SEGMENT_DRIVER_CONTACT, 0, 0 },
	{ { "login", "usage", "session", "active", "inactiv", "order", "visit", "engag" },
	  { NULL }, SEGMENT_DRIVER_USAGE, 0, 0 },
	/* Whole words only: "promoter" (net promoter score) and "freelance"
	 * are not offers. */
	{ { "discount*", "coupon*", "free", "promo", "promos", "promotion*", "trial*", "voucher*",
	    "cheap" }, { NULL }, SEGMENT_DRIVER_VALUE, 0, 1 },
};

static const char *const value_names[SEGMENT_NVALUE] = {
	"high", "medium", "low", "unknown", "all"
};
static const char *const value_titles[SEGMENT_NVALUE] = {
	"High value", "Medium value", "Low value", "Value unknown", "All customers"
};
static const char *const risk_titles[SCORE_NBANDS] = {
	"Not scored", "Low risk", "Medium risk", "High risk"
};
static const char *const labels[SEGMENT_NVALUE][SCORE_NBANDS] = {
	{ "High value / Not scored", "High value / Low risk", "High value / Medium risk",
	  "High value / High risk" },
	{ "Medium value / Not scored", "Medium value / Low risk", "Medium value / Medium risk",
	  "Medium value / High risk" },
	{ "Low value / Not scored", "Low value / Low risk", "Low value / Medium risk",
	  "Low value / High risk" },
	{ "Value unknown / Not scored", "Value unknown / Low risk", "Value unknown / Medium risk",
	  "Value unknown / High risk" },
	{ "Not scored", "Low risk", "Medium risk", "High risk" },
};

static int value_ok(segment_value v)
{
	return (int)v >= 0 && v < SEGMENT_NVALUE;
}

static int band_ok(score_band b)
{
	return (int)b >= 0 && b < SCORE_NBANDS;
}

const segment_playbook *recommend_playbook(segment_value v, score_band b)
{
	return value_ok(v) && band_ok(b) ? &playbook[v][b] : NULL;
}

const char *segment_value_name(segment_value v)
{
	return value_ok(v) ? value_names[v] : "";
}

const char *segment_value_title(segment_value v)
{
	return value_ok(v) ? value_titles[v] : "";
}

const char *segment_risk_title(score_band b)
{
	return band_ok(b) ? risk_titles[b] : "";
}

const char *segment_label(segment_value v, score_band b)
{
	return value_ok(v) && band_ok(b) ? labels[v][b] : "";
}

const char *segment_driver_name(segment_driver k)
{
	return (int)k >= 0 && k < SEGMENT_NDRIVER ? drivers[k].name : "";
}

const char *segment_driver_phrase(segment_driver k)
{
	return (int)k >= 0 && k < SEGMENT_NDRIVER ? drivers[k].phrase : "";
}

churn_status segment_driver_parse(const char *name, segment_driver *k, churn_err *err)
{
	for (int i = 0; name != NULL && i < SEGMENT_NDRIVER; i++) {
		if (strcasecmp(name, drivers[i].name) == 0) {
			*k = (segment_driver)i;
			return CHURN_OK;
		}
	}
	return churn_err_set(err, CHURN_EUSAGE,
	                     "unknown driver kind '%s' (none, service, usage, payment, contract, "
	                     "contact, onboarding, satisfaction, value)", name ? name : "");
}

/* 1 when position i of s starts a word: the first byte, after a byte that
 * is not a letter, or a capital after a small letter ("numLogins"). */
static int word_start(const char *s, size_t i)
{
	unsigned char prev, cur = (unsigned char)s[i];

	if (i == 0)
		return 1;
	prev = (unsigned char)s[i - 1];
	return !isalpha(prev) || (islower(prev) && isupper(cur));
}

/* 1 when a word of s[0..n) ends just before position k: the end, a byte
 * that is not a letter, or a capital after a small letter ("promoCode"). */
static int word_end(const char *s, size_t n, size_t k)
{
	unsigned char cur;

	if (k >= n)
		return 1;
	cur = (unsigned char)s[k];
	return !isalpha(cur) || (islower((unsigned char)s[k - 1]) && isupper(cur));
}

/* 1 when `word` (lower case) begins a word of s[0..n), case-insensitive.
 * A word ending in '*' is a prefix ("discount*": discounted, discounts);
 * in whole-word mode (exact) any other word must end where s's word does. */
static int match_word(const char *s, size_t n, const char *word, int exact)
{
	size_t m = strlen(word);
	int prefix = !exact;

	if (m > 0 && word[m - 1] == '*') {
		m--;
		prefix = 1;
	}
	for (size_t i = 0; i + m <= n; i++) {
		size_t j = 0;
		if (!word_start(s, i))
			continue;
		while (j < m && tolower((unsigned char)s[i + j]) == word[j])
			j++;
		if (j == m && (prefix || word_end(s, n, i + m)))
			return 1;
	}
	return 0;
}

static int has_word(const char *s, size_t n, const char *word)
{
	return match_word(s, n, word, 0);
}

/* 1 when one of words[0..max) (NULL-terminated early) begins a word of s
 * (is a whole word of s, when exact). */
static int any_word(const char *s, size_t n, const char *const *words, size_t max, int exact)
{
	for (size_t w = 0; w < max && words[w] != NULL; w++)
		if (match_word(s, n, words[w], exact))
			return 1;
	return 0;
}

/* 1 when a categorical level names a one-month term: a word beginning
 * "month" ("monthly", "Month-to-month", "1 month") and no number in it
 * other than 1 ("12 months" is a year). */
static int monthly_level(const char *level)
{
	if (level != NULL && has_word(level, strlen(level), "m2m"))
		return 1;
	if (level == NULL || !has_word(level, strlen(level), "month"))
		return 0;
	for (const char *c = level; *c; c++) {
		if (isdigit((unsigned char)*c)) {
			char *end;
			double v = strtod(c, &end);
			if (v != 1)
				return 0;
			c = end - 1;
		}
	}
	return 1;
}

/* The kind of the column s[0..n) with level `level` (NULL: none). */
static segment_driver kind_of(const char *s, size_t n, const char *level,
                              const segment_driver_map *map, size_t nmap)
{
	for (size_t i = 0; i < nmap; i++)
		if (map[i].column != NULL && strlen(map[i].column) == n &&
		    memcmp(map[i].column, s, n) == 0)
			return map[i].kind;
	for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
		if (rules[r].month && !monthly_level(level))
			continue;
		/* Level rules (the offers) match whole words; the others prefixes. */
		int exact = rules[r].level;
		if (any_word(s, n, rules[r].words, 10, exact) &&
		    (rules[r].also[0] == NULL || any_word(s, n, rules[r].also, 6, 0)))
			return rules[r].kind;
		if (rules[r].level && level != NULL &&
		    any_word(level, strlen(level), rules[r].words, 10, exact))
			return rules[r].kind;
	}
	return SEGMENT_DRIVER_NONE;
}

segment_driver recommend_driver(const char *column, const char *level,
                                const segment_driver_map *map, size_t nmap)
{
	if (column == NULL)
		return SEGMENT_DRIVER_NONE;
	return kind_of(column, strlen(column), level, map, nmap);
}

/* Words that turn a column's meaning round: "inactive_days",
 * "days_since_login", "no_logins" count the absence of what the kind's
 * words name. */
static const char *const negations[] = {"inactiv*", "since", "without", "idle", "dormant",
                                        "no", "not", "non", "lapse*", NULL};

int recommend_risky_side(segment_driver k, const char *column)
{
	int side;
	switch (k) {
	case SEGMENT_DRIVER_USAGE:
	case SEGMENT_DRIVER_SATISFACTION:
	case SEGMENT_DRIVER_CONTACT:
		side = -1;  /* little use, low scores, few contacts */
		break;
	case SEGMENT_DRIVER_SERVICE:
	case SEGMENT_DRIVER_PAYMENT:
		side = 1;   /* many tickets, many late payments */
		break;
	default:
		return 0;
	}
	if (column != NULL && any_word(column, strlen(column), negations,
	                               sizeof negations / sizeof negations[0] - 1, 1))
		side = -side;
	return side;
}

segment_driver recommend_driver_sided(const char *column, const char *level, int side,
                                      const segment_driver_map *map, size_t nmap)
{
	segment_driver k = recommend_driver(column, level, map, nmap);
	int risky = recommend_risky_side(k, column);
	return risky != 0 && side != 0 && risky != side ? SEGMENT_DRIVER_NONE : k;
}

segment_driver recommend_driver_from_label(const char *label, const segment_driver_map *map,
                                           size_t nmap)
{
	static const char missing[] = " (missing)";
	size_t n, ms = sizeof missing - 1;
	const char *eq, *level = NULL;

	if (label == NULL || *label == 0)
		return SEGMENT_DRIVER_NONE;
	n = strlen(label);
	if (n > ms && strcmp(label + n - ms, missing) == 0)
		n -= ms;
	eq = memchr(label, '=', n);
	if (eq != NULL) {
		level = eq + 1;  /* a categorical level runs to the end of the label */
		n = (size_t)(eq - label);
	}
	if (n > 5 && strncmp(label, "log(", 4) == 0 && label[n - 1] == ')') {
		label += 4;
		n -= 5;
	}
	return kind_of(label, n, level, map, nmap);
}

char *recommend_action(segment_value v, score_band b, segment_driver k, int incentive,
                       char *buf, size_t n)
{
	const segment_playbook *pb = recommend_playbook(v, b);
	const char *phrase = "";

	if (n == 0)
		return buf;
	if (pb == NULL) {
		buf[0] = 0;
		return buf;
	}
	if (b == SCORE_BAND_NONE) {
		snprintf(buf, n, "%s", pb->lead);
		return buf;
	}
	if (b != SCORE_BAND_LOW)
		phrase = v == SEGMENT_VALUE_LOW && k >= 0 && k < SEGMENT_NDRIVER
		         ? drivers[k].phrase_low : segment_driver_phrase(k);
	snprintf(buf, n, "%s%s%s%s", pb->lead, *phrase ? "; " : "", phrase,
	         incentive ? INCENTIVE_CLAUSE : "");
	return buf;
}
