/*
 * gen.c - see gen.h.  The model written down here is the one samples/README.md
 * documents; change them together (and regenerate the committed samples).
 *
 * Signups.  The signup window is the `months` calendar months ending with
 * the as-of month (default 2023-11-01 .. 2026-10-31).  Each day's weight
 * grows 3% per month (a growing business) and weekend days weigh 0.4; the
 * day counts are one multinomial draw, so rows come out in signup order and
 * customer ids (C000001, ...) follow it.
 *
 * Attributes, per customer, in this order:
 *   plan        Starter 40%, Growth 30%, Pro 20%, Enterprise 10%
 *   contract    by plan (monthly/annual/two-year): Starter 70/25/5,
 *               Growth 50/40/10, Pro 35/45/20, Enterprise 10/50/40
 *   channel     organic 30%, paid search 20%, referral 15%, free trial 13%,
 *               discount promo 12%, partner 10%
 *   industry    ten industries (table below); region (7) and a city in it
 *   engagement  z ~ N(0,1), latent
 *   logins_30d  Poisson(14 * plan factor * exp(0.7 z)); plan factors
 *               0.8, 1.0, 1.3, 2.0
 *   onboarding  completed with probability logistic(0.9 + 0.8 z - 0.4 if the
 *               channel is free trial or discount promo)
 *   tickets     support_tickets_90d ~ Poisson(mu_plan * Gamma(2, 1/2)),
 *               mu 1.0, 1.3, 1.6, 2.2
 *   nps         0-10 score: round(7 + z - 0.4 (tickets - 1) + N(0, 1.6^2))
 *               clipped to 0..10; left empty for 15% of customers, at random
 *   p_late      latent chance that an invoice is paid late: Beta(4, 8)
 *               (mean 0.33) for the 15% who struggle to pay, Beta(1, 40)
 *               (mean 0.024) for everyone else
 *   gap         latent mean days between contacts ~ 30 * exp(N(0, 0.7^2))
 *   mrr         starting MRR ~ median_plan * exp(N(0, s_plan^2)), medians
 *               49, 199, 599, 2500, s 0.35, 0.35, 0.40, 0.60, at least 9.00;
 *               x 0.8 for the discount promo channel
 *
 * Churn.  A hazard in days since signup, simulated tenure month by tenure
 * month (30.4375 days):
 *   h(t) = h0(t) * HR_plan * HR_contract * HR_channel * HR_industry
 *          * HR_onboarding * ((logins + 1) / 15)^-0.35
 *          * exp(0.12 (tickets - 1) - 0.08 (nps - 7))
 *          * exp(0.5 L + 1.5 R) * (1 + S / 30.4375)^0.7
 * h0 is 0.004 per month after day 90 and three times that in the first 90
 * days (the onboarding bump).  The hazard ratios are in the tables below:
 * monthly 2.0, annual 1, two-year 0.5; Starter 1.2 ... Enterprise 0.7;
 * discount promo 1.7, free trial 1.5, paid search 1.15, referral 0.8,
 * partner 0.9; travel 1.5, hospitality 1.4, media 1.15, retail 1.1,
 * healthcare 0.8, delivery 0.85, ...; onboarding not completed 1.8.  The
 * NPS term uses the true score even when the column is left empty.  Region
 * and city have no effect.  Three terms change from month to month:
 *   L  late invoices among the previous 12 (invoice k is issued at the start
 *      of tenure month k and is late with probability p_late),
 *   R  1 when the previous month's invoice was late (payment trouble is
 *      followed closely by churn),
 *   S  days since the last contact at the start of the month (at most 365);
 *      contacts are a Poisson process with mean spacing `gap`, already
 *      running before signup (so S does not start at 0).
 * Given E ~ Exp(1), the time to churn T is where the cumulative hazard
 * reaches E; the churn date is signup + ceil(T) days (at least 1), and the
 * customer is censored (churn_date empty) when that is after as-of.
 *
 * Columns observed at the snapshot (the churn date, or as-of for customers
 * still active): late_payments_12m = late invoices among the last 12 issued,
 * days_since_contact = whole days since the last contact.  logins_30d,
 * support_tickets_90d, nps and onboarding_completed do not change.
 *
 * Churn reason.  Each churned customer gets one reason, drawn after the churn
 * from the customer's columns as the row shows them (late_payments_12m at the
 * churn date), with probability proportional to these weights:
 *   price             1, 3 for the discount promo channel
 *   missing features  18 / (logins_30d + 6): 3 at no logins, 1 at 12
 *   poor service      0.3 + 0.3 tickets (support_tickets_90d)
 *   competitor        1
 *   payment failed    0.1 + late_payments_12m
 *   business closed   by plan: Starter 0.6, Growth 0.35, Pro 0.2, Enterprise 0.1
 * Active customers have no reason (the column is empty).  The reasons come
 * from a second mt19937 stream of their own (see reason_seed), one uniform
 * per churned customer in row order, so adding them changed no other byte:
 * every other column, every row and the revenue history are what the single
 * stream wrote before the column existed (tests/samples/reason_cli.sh).
 *
 * Revenue.  MRR starts at the drawn value in the signup month; each later
 * month expands (x U(1.05, 1.40)) with probability 0.03 (Enterprise 0.05) or
 * contracts (x U(0.70, 0.95)) with probability 0.015, in whole cents, never
 * below 9.00.  The history has one row per month from the signup month to
 * the churn month (or the as-of month), and the table's mrr is the last one.
 *
 * Determinism: one mt19937 stream for everything but the reasons, draws in a fixed order, sums in a fixed
 * order, money in integer cents, numbers printed with fixed formats from
 * integers, no clock and no locale.  Floating point enters through the
 * hazard, GSL's draws (exp, log, pow, sqrt in libm) and the rounding of
 * cents; the bytes were checked identical across gcc -O0, -O3 -march=native
 * (FMA) and clang -ffp-contract=on.
 */
#include "gen.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "churnkit/date.h"

#define DAYS_PER_MONTH 30.4375
#define BASE_HAZARD_MONTH 0.004     /* h0 per month after the early period */
#define EARLY_DAYS 90.0             /* length of the onboarding bump */
#define EARLY_FACTOR 3.0            /* h0 multiplier inside it */
#define ONBOARD_NO_HR 1.8
#define LOGINS_REF 15.0             /* (logins + 1) at which the factor is 1 */
#define LOGINS_POWER (-0.35)
#define TICKETS_COEF 0.12
#define TICKETS_REF 1.0
#define NPS_COEF (-0.08)
#define NPS_REF 7.0
#define LATE_COEF 0.50              /* per late invoice among the last 12 */
#define CONTACT_POWER 0.70          /* (1 + months since contact)^0.7 */
#define CONTACT_CAP 365.0           /* days since contact counted at most */
#define LATE_RECENT_COEF 1.50       /* the previous month's invoice was late */
#define LATE_PAYER_SHARE 0.15      /* customers who struggle to pay */
#define GAP_MEDIAN 30.0             /* median of the mean days between contacts */
#define NPS_MISSING 0.15
#define SIGNUP_GROWTH_MONTH 0.03
#define WEEKEND_WEIGHT 0.4
#define MRR_FLOOR_CENTS 900LL
#define CONTRACTION_P 0.015

const char gen_customers_header[] =
	"customer_id,signup_date,churn_date,plan,contract,channel,industry,region,city,"
	"mrr,logins_30d,support_tickets_90d,nps,late_payments_12m,days_since_contact,"
	"onboarding_completed,churn_reason";
const char gen_revenue_header[] = "customer_id,month,mrr";

/* A categorical level: its name, its weight in the draw, its hazard ratio. */
typedef struct {
	const char *name;
	double weight;
	double hr;
} level;

enum { CONTRACT_MONTHLY, CONTRACT_ANNUAL, CONTRACT_TWO_YEAR, N_CONTRACTS };

static const level contracts[N_CONTRACTS] = {
	{"monthly", 0, 2.0}, {"annual", 0, 1.0}, {"two-year", 0, 0.5},
};

typedef struct {
	const char *name;
	double weight;
	double hr;
	double contract_weight[N_CONTRACTS];
	double logins_factor;
	double tickets_mean;
	double mrr_median;
	double mrr_sdlog;
	double expansion_p;
} plan_def;

static const plan_def plans[] = {
	{"Starter", 0.40, 1.20, {0.70, 0.25, 0.05}, 0.8, 1.0, 49.0, 0.35, 0.03},
	{"Growth", 0.30, 1.00, {0.50, 0.40, 0.10}, 1.0, 1.3, 199.0, 0.35, 0.03},
	{"Pro", 0.20, 0.85, {0.35, 0.45, 0.20}, 1.3, 1.6, 599.0, 0.40, 0.03},
	{"Enterprise", 0.10, 0.70, {0.10, 0.50, 0.40}, 2.0, 2.2, 2500.0, 0.60, 0.05},
};
#define N_PLANS (sizeof plans / sizeof plans[0])

enum { CH_ORGANIC, CH_PAID, CH_REFERRAL, CH_TRIAL, CH_DISCOUNT, CH_PARTNER, N_CHANNELS };

static const level channels[N_CHANNELS] = {
	{"organic", 0.30, 1.00},      {"paid search", 0.20, 1.15},
	{"referral", 0.15, 0.80},     {"free trial", 0.13, 1.50},
	{"discount promo", 0.12, 1.70}, {"partner", 0.10, 0.90},
};

static const level industries[] = {
	{"software", 0.16, 1.00},   {"retail", 0.14, 1.10},    {"healthcare", 0.11, 0.80},
	{"finance", 0.10, 0.90},    {"education", 0.09, 1.00}, {"travel", 0.09, 1.50},
	{"hospitality", 0.08, 1.40}, {"delivery", 0.08, 0.85}, {"manufacturing", 0.08, 0.95},
	{"media", 0.07, 1.15},
};
#define N_INDUSTRIES (sizeof industries / sizeof industries[0])

#define MAX_CITIES 9

typedef struct {
	const char *name;
	double weight;
	int n_cities;
	const char *cities[MAX_CITIES];
	double city_weight[MAX_CITIES];
} region_def;

/* City names are UTF-8 (u8 literals), precomposed (NFC). */
static const region_def regions[] = {
	{"DACH", 0.18, 6,
	 {u8"Zürich", u8"München", u8"Wien", u8"Genève", u8"Köln", u8"Graz"},
	 {0.24, 0.22, 0.20, 0.12, 0.14, 0.08}},
	{"Nordics", 0.14, 7,
	 {u8"København", u8"Malmö", u8"Oslo", u8"Göteborg", u8"Reykjavík", u8"Tromsø",
	  u8"Aarhus"},
	 {0.22, 0.14, 0.20, 0.14, 0.10, 0.08, 0.12}},
	{"CEE", 0.16, 9,
	 {u8"Kraków", u8"Łódź", u8"Budapest", u8"Győr", u8"Pécs", u8"București",
	  u8"Cluj-Napoca", u8"Timișoara", u8"Brno"},
	 {0.16, 0.10, 0.18, 0.06, 0.05, 0.16, 0.11, 0.08, 0.10}},
	{"Western Europe", 0.16, 6,
	 {u8"Paris", u8"Lyon", u8"Amsterdam", u8"Bruxelles", u8"Dublin", u8"Porto"},
	 {0.26, 0.12, 0.20, 0.14, 0.16, 0.12}},
	{"LATAM", 0.10, 5,
	 {u8"São Paulo", u8"Bogotá", u8"Ciudad de México", u8"Medellín", u8"Curitiba"},
	 {0.30, 0.20, 0.25, 0.12, 0.13}},
	{"APAC", 0.10, 6,
	 {u8"台北", u8"上海", u8"香港", u8"深圳", u8"北京", u8"Singapore"},
	 {0.20, 0.20, 0.15, 0.12, 0.15, 0.18}},
	{"North America", 0.16, 5,
	 {u8"New York", u8"Toronto", u8"Montréal", u8"Chicago", u8"Austin"},
	 {0.30, 0.20, 0.15, 0.20, 0.15}},
};
#define N_REGIONS (sizeof regions / sizeof regions[0])

/* Churn reasons: plain words that read well in a report, no commas. */
enum { RS_PRICE, RS_FEATURES, RS_SERVICE, RS_COMPETITOR, RS_PAYMENT, RS_CLOSED, N_REASONS };

static const char *const reasons[N_REASONS] = {
	"price", "missing features", "poor service", "competitor", "payment failed",
	"business closed",
};

/* Weight of "business closed" by plan (small businesses close more often). */
static const double closed_weight[N_PLANS] = {0.6, 0.35, 0.2, 0.1};

void gen_opts_default(gen_opts *o)
{
	o->rows = 5000;
	o->seed = 42;
	o->as_of = date_from_civil(2026, 10, 31);
	o->months = 36;
}

/* Index drawn from weights w[0..n-1] (need not sum to 1) with one uniform;
 * the last index takes any rounding remainder. */
static size_t pick(const gsl_rng *r, const double *w, size_t n, size_t stride)
{
	double total = 0.0, u, acc = 0.0;
	size_t i;

	for (i = 0; i < n; i++)
		total += *(const double *)((const char *)w + i * stride);
	u = gsl_rng_uniform(r) * total;
	for (i = 0; i + 1 < n; i++) {
		acc += *(const double *)((const char *)w + i * stride);
		if (u < acc)
			return i;
	}
	return n - 1;
}

#define PICK(r, arr, field, n) pick((r), &(arr)[0].field, (n), sizeof (arr)[0])

static int32_t weekday(int32_t day)  /* 0 = Sunday; 1970-01-01 was a Thursday */
{
	return ((day + 4) % 7 + 7) % 7;
}

static long long round_cents(double x)
{
	return (long long)floor(x * 100.0 + 0.5);
}

/* One customer in the making: everything written to the row. */
typedef struct {
	int32_t signup, churn;  /* churn < 0: still active at as-of */
	size_t plan, contract, channel, industry, region, city;
	unsigned logins, tickets, late;
	int nps;                /* -1: missing */
	long days_since_contact;
	int onboarded;
	long long mrr_cents;    /* the last month's MRR */
	int reason;             /* index into reasons[]; -1 for active customers */
} customer;

/* Cumulative baseline hazard over tenure days [a, b) for a customer whose
 * hazard after the early period is `m` per day. */
static double month_hazard(double a, double b, double m)
{
	double early = a < EARLY_DAYS ? (b < EARLY_DAYS ? b : EARLY_DAYS) - a : 0.0;
	return m * (EARLY_FACTOR * early + (b - a - early));
}

/* The tenure t in [a, b) at which the cumulative hazard from a reaches e,
 * given e < month_hazard(a, b, m). */
static double month_solve(double a, double b, double m, double e)
{
	if (a < EARLY_DAYS) {
		double h_early = m * EARLY_FACTOR * ((b < EARLY_DAYS ? b : EARLY_DAYS) - a);
		if (e < h_early)
			return a + e / (m * EARLY_FACTOR);
		return EARLY_DAYS + (e - h_early) / m;
	}
	return a + e / m;
}

static unsigned popcount12(unsigned bits)
{
	unsigned n = 0;
	for (bits &= 0xFFFu; bits != 0; bits &= bits - 1)
		n++;
	return n;
}

/* Draws one customer who signed up on day `signup`; fills `c` and writes the
 * MRR path (whole cents, one entry per active month) into path[0..*n_path-1]. */
static void draw_customer(const gsl_rng *r, const gen_opts *o, int32_t signup,
                          customer *c, long long *path, int *n_path)
{
	const plan_def *pl;
	double z, p_onboard, nps_true, p_late, gap, mult, e, mrr0;
	double horizon = (double)(o->as_of - signup), end_t = horizon;
	double last_contact, next_contact;
	unsigned late_bits = 0;  /* bit j: invoice k-j was paid late */
	int32_t end, start_mi, end_mi;

	c->signup = signup;
	c->plan = PICK(r, plans, weight, N_PLANS);
	pl = &plans[c->plan];
	c->contract = pick(r, pl->contract_weight, N_CONTRACTS, sizeof(double));
	c->channel = PICK(r, channels, weight, N_CHANNELS);
	c->industry = PICK(r, industries, weight, N_INDUSTRIES);
	c->region = PICK(r, regions, weight, N_REGIONS);
	c->city = pick(r, regions[c->region].city_weight,
	               (size_t)regions[c->region].n_cities, sizeof(double));

	z = gsl_ran_gaussian(r, 1.0);
	c->logins = gsl_ran_poisson(r, 14.0 * pl->logins_factor * exp(0.7 * z));
	p_onboard = 0.9 + 0.8 * z -
	            ((c->channel == CH_TRIAL || c->channel == CH_DISCOUNT) ? 0.4 : 0.0);
	p_onboard = 1.0 / (1.0 + exp(-p_onboard));
	c->onboarded = gsl_rng_uniform(r) < p_onboard;
	c->tickets = gsl_ran_poisson(r, pl->tickets_mean * gsl_ran_gamma(r, 2.0, 0.5));
	nps_true = floor(7.0 + z - 0.4 * ((double)c->tickets - 1.0) +
	                 gsl_ran_gaussian(r, 1.6) + 0.5);
	if (nps_true < 0.0)
		nps_true = 0.0;
	if (nps_true > 10.0)
		nps_true = 10.0;
	c->nps = gsl_rng_uniform(r) < NPS_MISSING ? -1 : (int)nps_true;
	p_late = gsl_rng_uniform(r) < LATE_PAYER_SHARE ? gsl_ran_beta(r, 4.0, 8.0)
	                                               : gsl_ran_beta(r, 1.0, 40.0);
	gap = GAP_MEDIAN * exp(gsl_ran_gaussian(r, 0.7));
	mrr0 = pl->mrr_median * exp(gsl_ran_gaussian(r, pl->mrr_sdlog));
	if (c->channel == CH_DISCOUNT)
		mrr0 *= 0.8;

	/* The fixed part of the hazard, per day after the early period. */
	mult = pl->hr * contracts[c->contract].hr * channels[c->channel].hr *
	       industries[c->industry].hr * (c->onboarded ? 1.0 : ONBOARD_NO_HR) *
	       pow(((double)c->logins + 1.0) / LOGINS_REF, LOGINS_POWER) *
	       exp(TICKETS_COEF * ((double)c->tickets - TICKETS_REF) +
	           NPS_COEF * (nps_true - NPS_REF));
	mult *= BASE_HAZARD_MONTH / DAYS_PER_MONTH;

	/* Tenure month by month: invoice k is issued at the start of month k and
	 * is late with probability p_late; contacts arrive as a Poisson process
	 * with mean gap `gap` days (signup counts as one).  The hazard in month k
	 * is constant apart from the early bump, from the late invoices among
	 * the previous 12 and the days since contact at the start of the month. */
	e = gsl_ran_exponential(r, 1.0);
	last_contact = -gsl_ran_exponential(r, gap);  /* contacts began before signup */
	next_contact = gsl_ran_exponential(r, gap);
	c->churn = -1;
	for (int k = 0;; k++) {
		double a = k * DAYS_PER_MONTH, b = (k + 1) * DAYS_PER_MONTH;
		double since = a - last_contact, m, h;
		unsigned late_now = gsl_rng_uniform(r) < p_late;

		if (b > horizon)
			b = horizon;
		if (since > CONTACT_CAP)
			since = CONTACT_CAP;
		m = mult * exp(LATE_COEF * (double)popcount12(late_bits) +
		                   LATE_RECENT_COEF * (double)(late_bits & 1u)) *
		    pow(1.0 + since / DAYS_PER_MONTH, CONTACT_POWER);
		late_bits = (late_bits << 1) | late_now;
		h = b > a ? month_hazard(a, b, m) : 0.0;
		if (e < h) {
			double t = ceil(month_solve(a, b, m, e));
			if (t < 1.0)
				t = 1.0;
			if (t > horizon)  /* only by rounding */
				t = horizon;
			end_t = t;
			c->churn = signup + (int32_t)t;
			break;
		}
		e -= h;
		if (b >= horizon)
			break;
		while (next_contact < b) {
			last_contact = next_contact;
			next_contact += gsl_ran_exponential(r, gap);
		}
	}
	while (next_contact < end_t) {
		last_contact = next_contact;
		next_contact += gsl_ran_exponential(r, gap);
	}

	/* Snapshot columns at the churn date or as-of. */
	c->late = popcount12(late_bits);
	c->days_since_contact = (long)floor(end_t - last_contact);
	end = signup + (int32_t)end_t;
	start_mi = date_month_index(signup);
	end_mi = date_month_index(end);

	/* MRR path, month by month. */
	*n_path = (int)(end_mi - start_mi + 1);
	path[0] = round_cents(mrr0);
	if (path[0] < MRR_FLOOR_CENTS)
		path[0] = MRR_FLOOR_CENTS;
	for (int k = 1; k < *n_path; k++) {
		double u = gsl_rng_uniform(r);
		long long v = path[k - 1];
		if (u < pl->expansion_p)
			v = (long long)floor((double)v * gsl_ran_flat(r, 1.05, 1.40) + 0.5);
		else if (u < pl->expansion_p + CONTRACTION_P)
			v = (long long)floor((double)v * gsl_ran_flat(r, 0.70, 0.95) + 0.5);
		path[k] = v < MRR_FLOOR_CENTS ? MRR_FLOOR_CENTS : v;
	}
	c->mrr_cents = path[*n_path - 1];
}

/* The seed of the reason stream: splitmix64's mixing of the low 32 bits of
 * `seed` (all that mt19937 reads of a seed), so that the reason stream is
 * not the main stream of this or of a nearby seed. */
static unsigned long reason_seed(unsigned long seed)
{
	uint64_t x = (uint64_t)(seed & 0xFFFFFFFFUL) + 0x9E3779B97F4A7C15u;

	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
	x ^= x >> 31;
	return (unsigned long)(x & 0xFFFFFFFFu);
}

/* Draws the churn reason of churned customer `c` from the reason stream
 * (the weights of the header comment); one uniform. */
static int draw_reason(const gsl_rng *rr, const customer *c)
{
	double w[N_REASONS];

	w[RS_PRICE] = c->channel == CH_DISCOUNT ? 3.0 : 1.0;
	w[RS_FEATURES] = 18.0 / ((double)c->logins + 6.0);
	w[RS_SERVICE] = 0.3 + 0.3 * (double)c->tickets;
	w[RS_COMPETITOR] = 1.0;
	w[RS_PAYMENT] = 0.1 + (double)c->late;
	w[RS_CLOSED] = closed_weight[c->plan];
	return (int)pick(rr, w, N_REASONS, sizeof(double));
}

static void write_customer(FILE *f, long id, const customer *c)
{
	char sd[11], cd[11] = "", nps[12] = "";

	date_format(c->signup, sd);
	if (c->churn >= 0)
		date_format(c->churn, cd);
	if (c->nps >= 0)
		snprintf(nps, sizeof nps, "%d", c->nps);
	fprintf(f, "C%06ld,%s,%s,%s,%s,%s,%s,%s,%s,%lld.%02lld,%u,%u,%s,%u,%ld,%s,%s\n", id, sd,
	        cd, plans[c->plan].name, contracts[c->contract].name,
	        channels[c->channel].name, industries[c->industry].name,
	        regions[c->region].name, regions[c->region].cities[c->city],
	        c->mrr_cents / 100, c->mrr_cents % 100, c->logins, c->tickets, nps, c->late,
	        c->days_since_contact, c->onboarded ? "yes" : "no",
	        c->reason >= 0 ? reasons[c->reason] : "");
}

static void write_revenue(FILE *f, long id, int32_t signup, const long long *path,
                          int n_path)
{
	int32_t mi = date_month_index(signup);
	char month[8];

	for (int k = 0; k < n_path; k++)
		fprintf(f, "C%06ld,%s,%lld.%02lld\n", id, date_format_month(mi + k, month),
		        path[k] / 100, path[k] % 100);
}

churn_status gen_samples_write(const gen_opts *o, FILE *customers, FILE *revenue,
                               churn_err *err)
{
	churn_status st = CHURN_OK;
	gsl_rng *r = NULL, *rr = NULL;
	double *w = NULL;
	unsigned *count = NULL;
	long long *path = NULL;
	int32_t first, ndays;
	long id = 0;

	if (o == NULL || customers == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "gen: no options or no output stream");
	if (o->rows < 0 || o->rows > GEN_MAX_ROWS)
		return churn_err_set(err, CHURN_EUSAGE, "rows must be between 0 and %ld",
		                     GEN_MAX_ROWS);
	if (o->months < 1 || o->months > GEN_MAX_MONTHS)
		return churn_err_set(err, CHURN_EUSAGE, "months must be between 1 and %d",
		                     GEN_MAX_MONTHS);
	first = date_month_start(date_month_index(o->as_of) - (o->months - 1));
	if (first < date_from_civil(1, 1, 1) || o->as_of > date_from_civil(9999, 12, 31))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "the signup window must lie in the years 1..9999");
	ndays = o->as_of - first + 1;

	r = gsl_rng_alloc(gsl_rng_mt19937);
	rr = gsl_rng_alloc(gsl_rng_mt19937);
	w = malloc((size_t)ndays * sizeof *w);
	count = malloc((size_t)ndays * sizeof *count);
	path = malloc((size_t)o->months * sizeof *path);
	if (r == NULL || rr == NULL || w == NULL || count == NULL || path == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	gsl_rng_set(r, o->seed);
	gsl_rng_set(rr, reason_seed(o->seed));

	/* Signups per day: one multinomial draw over the window. */
	for (int32_t d = 0; d < ndays; d++) {
		int32_t wd = weekday(first + d);
		w[d] = exp(log1p(SIGNUP_GROWTH_MONTH) * (double)d / DAYS_PER_MONTH) *
		       ((wd == 0 || wd == 6) ? WEEKEND_WEIGHT : 1.0);
	}
	gsl_ran_multinomial(r, (size_t)ndays, (unsigned)o->rows, w, count);

	fprintf(customers, "%s\n", gen_customers_header);
	if (revenue != NULL)
		fprintf(revenue, "%s\n", gen_revenue_header);
	for (int32_t d = 0; d < ndays; d++) {
		for (unsigned k = 0; k < count[d]; k++) {
			customer c;
			int n_path;

			draw_customer(r, o, first + d, &c, path, &n_path);
			c.reason = c.churn >= 0 ? draw_reason(rr, &c) : -1;
			id++;
			write_customer(customers, id, &c);
			if (revenue != NULL)
				write_revenue(revenue, id, c.signup, path, n_path);
		}
		if (ferror(customers) || (revenue != NULL && ferror(revenue)))
			break;
	}
	if (fflush(customers) != 0 || ferror(customers) ||
	    (revenue != NULL && (fflush(revenue) != 0 || ferror(revenue))))
		st = churn_err_set(err, CHURN_EIO, "write error");

done:
	free(path);
	free(count);
	free(w);
	if (r != NULL)
		gsl_rng_free(r);
	if (rr != NULL)
		gsl_rng_free(rr);
	return st;
}
