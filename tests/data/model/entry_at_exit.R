# entry_at_exit.R - R's Cox fit for entry_at_exit.csv, whose rows a and b
# enter at their exit time: Surv(en, t, e) makes them NA and coxph leaves
# them out.  Run once: Rscript entry_at_exit.R; the number is in model.sh.
library(survival)
d <- read.csv("entry_at_exit.csv")
f <- coxph(Surv(en, t, e) ~ x, data = d)
cat(sprintf("%.15g %d\n", coef(f)[["x"]], f$n))
# R 4.2.2, survival 3.5-3: -0.357206724536235 6
