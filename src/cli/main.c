#include <stdio.h>
int main(void) { puts("churnkit"); return 0; }
