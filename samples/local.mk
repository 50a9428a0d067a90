## samples: the seeded sample-data generator and the committed sample tables.
## gen_samples links libchurnkit.a only for date.h and err.h.
noinst_PROGRAMS += samples/gen_samples
samples_gen_samples_SOURCES = samples/gen_samples.c samples/gen.c samples/gen.h
samples_gen_samples_LDADD = libchurnkit.a $(GSL_LIBS) $(LIBS)

dist_noinst_DATA += samples/README.md samples/customers.csv samples/revenue.csv \
	samples/customers_small.csv
