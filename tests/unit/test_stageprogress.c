/* test_stageprogress.c - the progress line's clock (stagetime.h; issue 16
 * item 5): when the display is called, what it is told, and how rarely
 * ticks read the clock. */
#include "churnkit/stagetime.h"
#include "tap.h"

#include <string.h>
#include <time.h>

typedef struct {
	int calls, clears;
	stagetime_view last;
} seen;

static void show(void *ctx, const stagetime_view *v)
{
	seen *s = ctx;
	if (v->clear)
		s->clears++;
	else
		s->calls++;
	s->last = *v;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

int main(void)
{
	stagetime t;
	seen s;

	/* No display: nothing happens, NULL is accepted. */
	stagetime_start(&t, 0);
	stagetime_begin(&t, "loading", 100, "rows");
	stagetime_tick(&t, 50);
	stagetime_clear(&t);
	stagetime_begin(NULL, "loading", 100, "rows");
	stagetime_tick(NULL, 1);
	stagetime_clear(NULL);
	ok(1, "progress: without a display, begin, tick and clear do nothing");

	/* A delay not yet reached: nothing is drawn, nothing to clear. */
	memset(&s, 0, sizeof s);
	stagetime_start(&t, 0);
	stagetime_show(&t, show, &s, 3600);
	stagetime_begin(&t, "loading", 1000, "bytes");
	for (int i = 1; i <= 1000; i++)
		stagetime_tick(&t, i);
	stagetime_clear(&t);
	is_int(s.calls + s.clears, 0, "progress: a run shorter than the delay shows nothing");

	/* Delay 0: a stage shows at once, with its name and total. */
	memset(&s, 0, sizeof s);
	stagetime_start(&t, 0);
	stagetime_show(&t, show, &s, 0);
	stagetime_begin(&t, "loading", 1000, "bytes");
	is_int(s.calls, 1, "progress: a new stage is drawn at once");
	is_str(s.last.stage, "loading", "progress: the display is told the stage");
	ok(s.last.total == 1000 && s.last.done == 0 && strcmp(s.last.unit, "bytes") == 0,
	   "progress: ... its total and unit, nothing done yet");

	/* Ticks within a tenth of a second of the last draw do not redraw. */
	for (int i = 1; i <= 500; i++)
		stagetime_tick(&t, i);
	is_int(s.calls, 1, "progress: ticks right after a draw do not redraw (10 a second)");
	sleep_ms(120);
	stagetime_tick(&t, 503);  /* below the next reading of the clock (505) */
	is_int(s.calls, 1, "progress: a tick below a 200th of the total more does not read the clock");
	stagetime_tick(&t, 1000);
	is_int(s.calls, 2, "progress: a tick past the redraw interval redraws");
	ok(s.last.done == 1000 && s.last.elapsed >= 0.1, "progress: ... with the work done and the "
	   "elapsed time");

	stagetime_clear(&t);
	stagetime_clear(&t);
	is_int(s.clears, 1, "progress: clear erases a line that shows, once");
	stagetime_begin(&t, "cox model", 0, NULL);
	ok(s.calls == 3 && s.last.unit == NULL && s.last.total == 0,
	   "progress: a stage without a count is drawn with its name only");
	stagetime_clear(&t);
	is_int(s.clears, 2, "progress: the line is erased at the end");

	/* The timer table is unaffected by the display. */
	stagetime_start(&t, 1);
	stagetime_show(&t, show, &s, 0);
	stagetime_begin(&t, "survival", 0, NULL);
	stagetime_mark(&t, "survival");
	is_int((int)t.n, 1, "progress: the timer still records its steps");
	return done_testing();
}
