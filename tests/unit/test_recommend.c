/* test_recommend.c - driver kinds from column names and levels, the
 * caller's overrides, the playbook table and the action texts. */
#include "churnkit/recommend.h"
#include "tap.h"

#include <string.h>

static void kind(const char *label, segment_driver want)
{
	is_int(recommend_driver_from_label(label, NULL, 0), want, "driver: \"%s\" -> %s",
	       label ? label : "(null)", segment_driver_name(want));
}

static void test_keywords(void)
{
	kind("support_tickets_90d", SEGMENT_DRIVER_SERVICE);
	kind("complaints", SEGMENT_DRIVER_SERVICE);
	kind("open_cases", SEGMENT_DRIVER_SERVICE);
	kind("logins_30d", SEGMENT_DRIVER_USAGE);
	kind("log(logins_30d)", SEGMENT_DRIVER_USAGE);
	kind("log(Orders_Per_Month)", SEGMENT_DRIVER_USAGE);
	kind("days_inactive", SEGMENT_DRIVER_USAGE);
	kind("web_visits", SEGMENT_DRIVER_USAGE);
	kind("late_payments_12m", SEGMENT_DRIVER_PAYMENT);
	kind("log(invoice_overdue_days)", SEGMENT_DRIVER_PAYMENT);
	kind("contract=month-to-month", SEGMENT_DRIVER_CONTRACT);
	kind("contract=Monthly", SEGMENT_DRIVER_CONTRACT);
	kind("plan=monthly", SEGMENT_DRIVER_CONTRACT);
	kind("term=1 month", SEGMENT_DRIVER_CONTRACT);
	kind("contract=annual", SEGMENT_DRIVER_NONE);
	kind("contract", SEGMENT_DRIVER_NONE);  /* numeric: no level */
	kind("plan=pro", SEGMENT_DRIVER_NONE);
	kind("payment_plan=monthly", SEGMENT_DRIVER_CONTRACT);  /* a monthly plan */
	kind("billing_cycle=monthly", SEGMENT_DRIVER_CONTRACT);
	kind("subscription=m2m", SEGMENT_DRIVER_CONTRACT);
	kind("commitment=Month-to-month", SEGMENT_DRIVER_CONTRACT);
	kind("payment_method=credit card", SEGMENT_DRIVER_NONE);  /* not late payments */
	kind("late_delivery", SEGMENT_DRIVER_NONE);
	kind("missed_invoices", SEGMENT_DRIVER_PAYMENT);
	kind("arrears_days", SEGMENT_DRIVER_PAYMENT);
	kind("case_study_participant", SEGMENT_DRIVER_NONE);
	kind("days_since_contact", SEGMENT_DRIVER_CONTACT);
	kind("last_touchpoint_days", SEGMENT_DRIVER_CONTACT);
	kind("onboarding_completed=no", SEGMENT_DRIVER_ONBOARDING);
	kind("onboarding_sessions", SEGMENT_DRIVER_ONBOARDING);  /* before usage */
	kind("nps", SEGMENT_DRIVER_SATISFACTION);
	kind("nps (missing)", SEGMENT_DRIVER_SATISFACTION);
	kind("log(CSAT) (missing)", SEGMENT_DRIVER_SATISFACTION);
	kind("Satisfaction_Score", SEGMENT_DRIVER_SATISFACTION);
	kind("support_satisfaction", SEGMENT_DRIVER_SATISFACTION);  /* before service */
	kind("channel=partner", SEGMENT_DRIVER_NONE);  /* only cheap channels */
	kind("channel=referral", SEGMENT_DRIVER_NONE);
	kind("channel=free trial", SEGMENT_DRIVER_VALUE);
	kind("acquisition=Discount promo", SEGMENT_DRIVER_VALUE);
	kind("net_promoter_score", SEGMENT_DRIVER_NONE);  /* not a promo: whole words */
	kind("channel=Freelance", SEGMENT_DRIVER_NONE);
	kind("discounted_first_year=yes", SEGMENT_DRIVER_VALUE);
	kind("payment_delay_days", SEGMENT_DRIVER_PAYMENT);
	kind("signup_coupon=yes", SEGMENT_DRIVER_VALUE);
	kind("free_trial=1", SEGMENT_DRIVER_VALUE);
	kind("promo_code", SEGMENT_DRIVER_VALUE);
	kind("industry=travel", SEGMENT_DRIVER_NONE);
	kind("region=Zürich", SEGMENT_DRIVER_NONE);
	kind("log(mrr)", SEGMENT_DRIVER_NONE);
	kind("", SEGMENT_DRIVER_NONE);
	kind(NULL, SEGMENT_DRIVER_NONE);
	/* Keywords begin a word: no matches inside other words. */
	kind("calculated_score", SEGMENT_DRIVER_NONE);
	kind("explanation_len", SEGMENT_DRIVER_NONE);
	kind("showcase_views", SEGMENT_DRIVER_NONE);
	kind("determinant", SEGMENT_DRIVER_NONE);
	kind("numLogins", SEGMENT_DRIVER_USAGE);
	kind("LatePayments", SEGMENT_DRIVER_PAYMENT);
	kind("90dTickets", SEGMENT_DRIVER_SERVICE);
	kind("lastcontact", SEGMENT_DRIVER_NONE);  /* run together: use the override */
	/* Monthly levels: a word beginning "month", no number but 1. */
	kind("contract=12 months", SEGMENT_DRIVER_NONE);
	kind("contract=24-month", SEGMENT_DRIVER_NONE);
	kind("plan=bimonthly", SEGMENT_DRIVER_NONE);
	kind("contract=Month to month", SEGMENT_DRIVER_CONTRACT);
	kind("contract=monthly (1)", SEGMENT_DRIVER_CONTRACT);
	/* The level's own words do not change the column's kind. */
	kind("industry=support services", SEGMENT_DRIVER_NONE);
	is_int(recommend_driver("contract", "Month-to-month", NULL, 0), SEGMENT_DRIVER_CONTRACT,
	       "driver: column and level given apart");
	is_int(recommend_driver("contract", NULL, NULL, 0), SEGMENT_DRIVER_NONE,
	       "driver: contract without a level is not monthly");
	is_int(recommend_driver(NULL, "x", NULL, 0), SEGMENT_DRIVER_NONE, "driver: NULL column");
}

static void test_override(void)
{
	const segment_driver_map map[3] = {
		{ "industry", SEGMENT_DRIVER_CONTACT },
		{ "support_tickets_90d", SEGMENT_DRIVER_NONE },
		{ "contract", SEGMENT_DRIVER_CONTRACT },
	};

	is_int(recommend_driver_from_label("industry=travel", map, 3), SEGMENT_DRIVER_CONTACT,
	       "override: a column with no keyword gets the caller's kind");
	is_int(recommend_driver_from_label("support_tickets_90d", map, 3), SEGMENT_DRIVER_NONE,
	       "override: the caller's kind beats the keywords");
	is_int(recommend_driver_from_label("contract=annual", map, 3), SEGMENT_DRIVER_CONTRACT,
	       "override: no month level needed when the caller says so");
	is_int(recommend_driver_from_label("log(industry)", map, 3), SEGMENT_DRIVER_CONTACT,
	       "override: a log term is matched by its column");
	is_int(recommend_driver_from_label("Industry=travel", map, 3), SEGMENT_DRIVER_NONE,
	       "override: column names are matched exactly (case-sensitive, as the table)");
	is_int(recommend_driver_from_label("industry_group", map, 3), SEGMENT_DRIVER_NONE,
	       "override: a longer column name is another column");
	is_int(recommend_driver_from_label("logins", map, 3), SEGMENT_DRIVER_USAGE,
	       "override: other columns keep the keywords");
}

/* The side a playbook takes for risky, and the kind of a group on one side. */
static void test_sides(void)
{
	is_int(recommend_risky_side(SEGMENT_DRIVER_USAGE, "logins_30d"), -1,
	       "side: few logins are the usage playbook's risk");
	is_int(recommend_risky_side(SEGMENT_DRIVER_USAGE, "days_since_login"), 1,
	       "side: many days since login are (the column names an absence)");
	is_int(recommend_risky_side(SEGMENT_DRIVER_USAGE, "inactive_days"), 1,
	       "side: many inactive days are");
	is_int(recommend_risky_side(SEGMENT_DRIVER_USAGE, "notifications_opened"), -1,
	       "side: 'notifications' is not the word 'not'");
	is_int(recommend_risky_side(SEGMENT_DRIVER_SERVICE, "support_tickets_90d"), 1,
	       "side: many tickets are the service playbook's risk");
	is_int(recommend_risky_side(SEGMENT_DRIVER_PAYMENT, "late_payments_12m"), 1,
	       "side: many late payments are the payment playbook's risk");
	is_int(recommend_risky_side(SEGMENT_DRIVER_SATISFACTION, "nps"), -1,
	       "side: a low NPS is the satisfaction playbook's risk");
	is_int(recommend_risky_side(SEGMENT_DRIVER_CONTRACT, "contract"), 0,
	       "side: a contract is read by its level, not a scale");
	is_int(recommend_driver_sided("logins_30d", NULL, -1, NULL, 0), SEGMENT_DRIVER_USAGE,
	       "sided: few logins get the usage playbook");
	is_int(recommend_driver_sided("logins_30d", NULL, 1, NULL, 0), SEGMENT_DRIVER_NONE,
	       "sided: many logins going with churn get no usage playbook");
	is_int(recommend_driver_sided("support_tickets_90d", NULL, -1, NULL, 0), SEGMENT_DRIVER_NONE,
	       "sided: few tickets going with churn get no service recovery");
	is_int(recommend_driver_sided("support_tickets_90d", NULL, 0, NULL, 0),
	       SEGMENT_DRIVER_SERVICE, "sided: no side (a level) keeps the kind");
	is_int(recommend_driver_sided("contract", "monthly", 1, NULL, 0), SEGMENT_DRIVER_CONTRACT,
	       "sided: kinds without a scale keep their kind on any side");
}

static void test_names(void)
{
	segment_driver k = SEGMENT_DRIVER_NONE;
	churn_err err;
	int all = 1;

	for (int i = 0; i < SEGMENT_NDRIVER; i++) {
		segment_driver back = SEGMENT_NDRIVER;
		all &= segment_driver_parse(segment_driver_name((segment_driver)i), &back, NULL) ==
		       CHURN_OK && back == (segment_driver)i;
	}
	ok(all, "names: every kind name parses back to its kind");
	ok(segment_driver_parse("Payment", &k, NULL) == CHURN_OK && k == SEGMENT_DRIVER_PAYMENT,
	   "names: parse is case-insensitive");
	is_int(segment_driver_parse("price", &k, &err), CHURN_EUSAGE, "names: unknown kind refused");
	ok(strstr(err.msg, "'price'") != NULL, "names: the message quotes the word");
	is_str(segment_value_name(SEGMENT_VALUE_UNKNOWN), "unknown", "names: value tier name");
	is_str(segment_value_title(SEGMENT_VALUE_HIGH), "High value", "names: value title");
	is_str(segment_risk_title(SCORE_BAND_NONE), "Not scored", "names: risk title");
	is_str(segment_label(SEGMENT_VALUE_LOW, SCORE_BAND_MEDIUM), "Low value / Medium risk",
	       "names: label");
	is_str(segment_label(SEGMENT_VALUE_ALL, SCORE_BAND_LOW), "Low risk",
	       "names: label without values");
	is_str(segment_label(SEGMENT_NVALUE, SCORE_BAND_LOW), "", "names: out of range -> \"\"");
	ok(recommend_playbook(SEGMENT_VALUE_HIGH, SCORE_NBANDS) == NULL,
	   "names: playbook out of range -> NULL");
}

static void test_playbook(void)
{
	int heads = 1, texts = 1, lens = 1, leads = 1;
	char buf[RECOMMEND_ACTION_MAX + 40];

	for (int v = 0; v < SEGMENT_NVALUE; v++) {
		for (int b = 0; b < SCORE_NBANDS; b++) {
			const segment_playbook *pb = recommend_playbook((segment_value)v, (score_band)b);
			size_t tl;
			if (pb == NULL) {
				heads = texts = 0;
				continue;
			}
			heads &= strlen(pb->headline) > 0 && strlen(pb->headline) <= RECOMMEND_HEADLINE_MAX;
			tl = strlen(pb->text);
			texts &= tl > 20 && pb->text[tl - 1] == '.';
			leads &= strlen(pb->lead) > 0;
			for (int k = 0; k < SEGMENT_NDRIVER; k++)
				for (int inc = 0; inc < 2; inc++) {
					recommend_action((segment_value)v, (score_band)b, (segment_driver)k, inc,
					                 buf, sizeof buf);
					if (strlen(buf) > RECOMMEND_ACTION_MAX) {
						diag("too long (%zu): %s", strlen(buf), buf);
						lens = 0;
					}
				}
		}
	}
	ok(heads, "playbook: every headline non-empty and <= %d bytes", RECOMMEND_HEADLINE_MAX);
	ok(texts, "playbook: every cell has one sentence ending in a full stop");
	ok(leads, "playbook: every cell has an action lead");
	ok(lens, "playbook: every action text <= %d bytes", RECOMMEND_ACTION_MAX);

	/* docs/domain.md's corner cells say what the playbook must say. */
	ok(strstr(recommend_playbook(SEGMENT_VALUE_HIGH, SCORE_BAND_HIGH)->text, "executive sponsor")
	   && strstr(recommend_playbook(SEGMENT_VALUE_HIGH, SCORE_BAND_HIGH)->text, "success plan"),
	   "playbook: high value, high risk: executive sponsor, joint success plan");
	ok(strstr(recommend_playbook(SEGMENT_VALUE_LOW, SCORE_BAND_HIGH)->text, "automated") &&
	   strstr(recommend_playbook(SEGMENT_VALUE_LOW, SCORE_BAND_HIGH)->text, "good terms"),
	   "playbook: low value, high risk: automated care, let go on good terms");
	ok(strstr(recommend_playbook(SEGMENT_VALUE_HIGH, SCORE_BAND_LOW)->text, "referrals") &&
	   strstr(recommend_playbook(SEGMENT_VALUE_HIGH, SCORE_BAND_LOW)->text, "upsell"),
	   "playbook: high value, low risk: referrals and upsell");
}

static void test_actions(void)
{
	char buf[RECOMMEND_ACTION_MAX + 1], tiny[8];

	is_str(recommend_action(SEGMENT_VALUE_HIGH, SCORE_BAND_HIGH, SEGMENT_DRIVER_CONTRACT, 0,
	                        buf, sizeof buf),
	       "Personal call; offer a longer-term contract", "action: high/high, monthly contract");
	is_str(recommend_action(SEGMENT_VALUE_LOW, SCORE_BAND_HIGH, SEGMENT_DRIVER_NONE, 0, buf,
	                        sizeof buf),
	       "Automated care", "action: no driver kind -> the lead alone");
	is_str(recommend_action(SEGMENT_VALUE_LOW, SCORE_BAND_HIGH, SEGMENT_DRIVER_SERVICE, 0, buf,
	                        sizeof buf),
	       "Automated care; self-service help and quick fixes",
	       "action: low value gets the low-cost phrase, not senior staff");
	is_str(recommend_action(SEGMENT_VALUE_MEDIUM, SCORE_BAND_MEDIUM, SEGMENT_DRIVER_PAYMENT, 1,
	                        buf, sizeof buf),
	       "Scheduled check-in; payment plan and early outreach; retention offer",
	       "action: driver then incentive");
	is_str(recommend_action(SEGMENT_VALUE_HIGH, SCORE_BAND_LOW, SEGMENT_DRIVER_SERVICE, 0, buf,
	                        sizeof buf),
	       "Reward loyalty; ask for referrals; upsell", "action: low risk ignores the driver");
	is_str(recommend_action(SEGMENT_VALUE_HIGH, SCORE_BAND_NONE, SEGMENT_DRIVER_SERVICE, 1, buf,
	                        sizeof buf),
	       "Review by hand (not scored)", "action: not scored -> review by hand only");
	is_str(recommend_action(SEGMENT_NVALUE, SCORE_BAND_LOW, SEGMENT_DRIVER_NONE, 0, buf,
	                        sizeof buf), "", "action: out of range -> \"\"");
	recommend_action(SEGMENT_VALUE_HIGH, SCORE_BAND_HIGH, SEGMENT_DRIVER_USAGE, 1, tiny,
	                 sizeof tiny);
	is_int((long long)strlen(tiny), 7, "action: a small buffer is truncated, terminated");
}

int main(void)
{
	test_keywords();
	test_override();
	test_sides();
	test_names();
	test_playbook();
	test_actions();
	return done_testing();
}
