/*
 * findings_common.h - what every kind of finding uses (private to
 * src/findings; defined in findings_common.c): the candidate list and the
 * number wording.  Sentences are written into a strbuf (strbuf.h).
 * The rules each kind follows are in include/churnkit/findings.h.
 *
 * Ownership: the flist owns its findings and their strings.
 */
#ifndef CHURNKIT_FINDINGS_COMMON_H
#define CHURNKIT_FINDINGS_COMMON_H

#include <stddef.h>

#include "churnkit/findings.h"
#include "churnkit/strbuf.h"

/* Added to zero observed counts when a strength needs a finite log ratio. */
#define FINDINGS_ZERO_COUNT_ADD 0.5

/* The candidate findings, in the order found; {0} is empty.  oom is set
 * when a finding could not be added (findings_build then fails). */
typedef struct {
	finding *item;
	size_t n, cap;
	int oom;
} flist;

/* Adds a finding; takes ownership of text and test (freed on failure, and
 * either NULL sets l->oom).  subject is copied (NULL: none). */
void findings_list_add(flist *l, finding_kind kind, int significant, char *text,
                       double number, char *test, double p, double strength,
                       const char *subject);

/* Replaces the plain sentence and the footnote of the finding last added
 * (findings.h; by default the sentence without its test, and the test);
 * takes ownership of both (freed when either is NULL, which sets l->oom,
 * or when nothing was added). */
void findings_set_plain(flist *l, char *plain, char *footnote);

/* 1 when the group a finding compares with (group_b) churns more than its
 * own (observed rates) in a driver finding: the group an action targets
 * and the finding concerns; 0 otherwise, and always 0 for a segment
 * finding (its first level churns faster, by its test). */
int findings_target_side(const finding *x);

/* Two observed rates for a plain sentence: one decimal ("42.7%"), more (up
 * to three) while both would read alike. */
void findings_plain_pct(double a, double b, char *ba, char *bb, size_t n);

/* Frees a finding's strings (text, test, subject, plain, footnote, level). */
void findings_item_clear(finding *f);

/* A malloc'd copy of s; NULL when out of memory. */
char *findings_strdup(const char *s);

#endif
